import { Hono, type Context } from 'hono';
import { getAssertionAccountId, listAccountAssertionRecords, setAssertionPublic } from '../db/assertions';
import { csrfToken, pageAccount } from '../earners/http';
import { presentMeBadge } from '../earners/present';
import { decideOwnBadge } from '../earners/service';
import { earnerUrls } from '../earners/urls';
import type { AppEnv } from '../http/env';
import { MessagePage } from '../pages/earner/parts';
import { PortfolioPage } from '../pages/earner/PortfolioPage';
import { checkedForm, csrfFailure, noticeFrom, pageGuard } from './account';

type PageContext = Context<AppEnv>;

/** Sends people who are not signed in to the login page, coming back here afterwards. */
export async function requirePageAccount(c: PageContext) {
  const signedIn = await pageAccount(c);
  return signedIn ? { signedIn, redirect: null } : { signedIn: null, redirect: c.redirect(earnerUrls('').login(c.req.path), 303) };
}

const ACTIONS = {
  accept: { notice: 'accepted' },
  decline: { notice: 'declined' },
  public: { notice: null },
  private: { notice: null },
} as const;

/** The earner's portfolio: every badge, accept/decline, public/private. */
export const portfolioRoutes = new Hono<AppEnv>()
  .get('/', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    const { db, publicUrl, now } = c.var.deps;
    const at = now();
    const badges = (await listAccountAssertionRecords(db, signedIn.account.id)).map((record) => presentMeBadge(record, publicUrl, at));
    return c.html(PortfolioPage({ publicUrl, csrf: csrfToken(c), account: signedIn.account, badges, notice: noticeFrom(c) }));
  })
  .post('/badges/:id/:action', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    if (!(await checkedForm(c))) return csrfFailure(c);
    const { db, publicUrl } = c.var.deps;
    const { id, action } = c.req.param();
    const accountId = signedIn.account.id;
    if (!(action in ACTIONS) || (await getAssertionAccountId(db, id)) !== accountId) {
      return c.html(MessagePage({ publicUrl, title: 'Badge not found', message: 'You hold no such badge.', signedInAs: signedIn.account, csrf: csrfToken(c) }), 404);
    }
    const chosen = action as keyof typeof ACTIONS;
    if (chosen === 'accept' || chosen === 'decline') await decideOwnBadge(db, accountId, id, chosen === 'accept' ? 'accepted' : 'declined');
    else await setAssertionPublic(db, id, chosen === 'public');
    const notice = ACTIONS[chosen].notice;
    return c.redirect(`/portfolio${notice ? `?notice=${notice}` : ''}`, 303);
  });
