import { Hono, type Context } from 'hono';
import { deleteHeldAssertion } from '../db/accounts';
import { getAssertionAccountId, getAssertionRecord, listAccountAssertionRecords } from '../db/assertions';
import { csrfToken, pageAccount } from '../earners/http';
import { presentMeBadge } from '../earners/present';
import { updateOwnBadge } from '../earners/service';
import { earnerUrls } from '../earners/urls';
import type { AppEnv } from '../http/env';
import { ButtonPage, MessagePage } from '../pages/earner/parts';
import { PortfolioPage } from '../pages/earner/PortfolioPage';
import { checkedForm, csrfFailure, noticeFrom, pageGuard } from './account';

type PageContext = Context<AppEnv>;

/** Sends people who are not signed in to the login page, coming back here afterwards. */
export async function requirePageAccount(c: PageContext) {
  const signedIn = await pageAccount(c);
  return signedIn ? { signedIn, redirect: null } : { signedIn: null, redirect: c.redirect(earnerUrls('').login(c.req.path), 303) };
}

const ACTIONS = {
  accept: { change: { claimState: 'accepted' }, notice: 'accepted' },
  decline: { change: { claimState: 'declined' }, notice: 'declined' },
  public: { change: { isPublic: true }, notice: null },
  private: { change: { isPublic: false }, notice: null },
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
  .get('/badges/:id/delete', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    const { db, publicUrl } = c.var.deps;
    const id = c.req.param('id');
    const record = (await getAssertionAccountId(db, id)) === signedIn.account.id ? await getAssertionRecord(db, id) : null;
    if (!record) {
      return c.html(MessagePage({ publicUrl, title: 'Badge not found', message: 'You hold no such badge.', signedInAs: signedIn.account, csrf: csrfToken(c) }), 404);
    }
    return c.html(
      ButtonPage({
        publicUrl,
        csrf: csrfToken(c),
        title: `Delete your ${record.badgeClass.name} badge?`,
        message: `It leaves your account and its public page goes away for good: anyone checking it will find no badge. ${record.issuer.name} keeps its own record. This cannot be undone.`,
        action: `/portfolio/badges/${id}/delete`,
        button: 'Delete this badge',
        signedInAs: signedIn.account,
      }),
    );
  })
  .post('/badges/:id/delete', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    if (!(await checkedForm(c))) return csrfFailure(c);
    const { db, publicUrl } = c.var.deps;
    if (!(await deleteHeldAssertion(db, signedIn.account.id, c.req.param('id')))) {
      return c.html(MessagePage({ publicUrl, title: 'Badge not found', message: 'You hold no such badge.', signedInAs: signedIn.account, csrf: csrfToken(c) }), 404);
    }
    return c.redirect('/portfolio?notice=badge-deleted', 303);
  })
  .post('/badges/:id/:action', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    if (!(await checkedForm(c))) return csrfFailure(c);
    const { db, publicUrl } = c.var.deps;
    const { id, action } = c.req.param();
    const page = (status: 404 | 409, title: string, message: string) =>
      c.html(MessagePage({ publicUrl, title, message, links: [{ href: '/portfolio', label: 'Back to your badges' }], signedInAs: signedIn.account, csrf: csrfToken(c) }), status);
    if (!(action in ACTIONS)) return page(404, 'Badge not found', 'You hold no such badge.');
    const chosen = ACTIONS[action as keyof typeof ACTIONS];
    const outcome = await updateOwnBadge(db, signedIn.account.id, id, chosen.change, 'portfolio');
    if (!outcome.ok) return outcome.status === 404 ? page(404, 'Badge not found', outcome.message) : page(409, 'This cannot be done', outcome.message);
    return c.redirect(`/portfolio${chosen.notice ? `?notice=${chosen.notice}` : ''}`, 303);
  });
