import { isIssuerStaff } from '../console/data';
import { Hono, type Context } from 'hono';
import { selfClaimRequestSchema } from '../../../shared/schemas/earners';
import { importFormSchema, MAX_IMPORT_FILE_BYTES } from '../../../shared/schemas/imports';
import { deleteHeldAssertion, type Account } from '../db/accounts';
import type { Db } from '../db/engine';
import { deleteImportedBadge, getImportedBadge, isImportedId, setImportedPublic } from '../db/importedBadges';
import type { ImportInput } from '../imports/input';
import { presentImportedBadge } from '../imports/present';
import { currentImportedBadges, importBadge } from '../imports/service';
import { importRateLimited, selfClaimRateLimited } from './meRoutes';
import { getSelfClaimRecord, listAccountSelfClaims, removeSelfClaim } from '../db/selfClaims';
import { claimableSkillBadges, claimSkillBadge } from '../earning/selfClaims';
import { getAssertionAccountId, getAssertionRecord, listAccountAssertionRecords } from '../db/assertions';
import { csrfToken, csrfTokenMatches, pageAccount, parseForm } from './http';
import { presentMeBadge, presentSelfClaimedBadge } from './present';
import { updateOwnBadge } from './service';
import { earnerUrls } from './urls';
import type { AppEnv } from '../http/env';
import { ButtonPage, MessagePage } from '../pages/earner/parts';
import { PortfolioPage, type ImportFormState } from '../pages/earner/PortfolioPage';
import { SharePage } from '../pages/earner/SharePage';
import { shareKitFor } from '../sharing/kit';
import { checkedForm, csrfFailure, noticeFrom, pageGuard } from './accountRoutes';

type PageContext = Context<AppEnv>;

/** Sends people who are not signed in to the login page, coming back here afterwards. */
export async function requirePageAccount(c: PageContext) {
  const signedIn = await pageAccount(c);
  return signedIn ? { signedIn, redirect: null } : { signedIn: null, redirect: c.redirect(earnerUrls('').login(c.req.path), 303) };
}

type SignedIn = NonNullable<Awaited<ReturnType<typeof pageAccount>>>;

/** A page for signed-in people only (see requirePageAccount): `handle` states the rest. */
export function signedInPage(handle: (c: PageContext, signedIn: SignedIn) => Response | Promise<Response>) {
  return async (c: PageContext) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    return signedIn ? handle(c, signedIn) : redirect;
  };
}

/** A form a signed-in person posts: `handle` runs once its form token is checked (else the "please try again" page). */
export function signedInForm(handle: (c: PageContext, signedIn: SignedIn, fields: Record<string, string>) => Response | Promise<Response>) {
  return signedInPage(async (c, signedIn) => {
    const fields = await checkedForm(c);
    return fields ? handle(c, signedIn, fields) : csrfFailure(c);
  });
}

const ACTIONS = {
  accept: { change: { claimState: 'accepted' }, notice: 'accepted' },
  decline: { change: { claimState: 'declined' }, notice: 'declined' },
  public: { change: { isPublic: true }, notice: null },
  private: { change: { isPublic: false }, notice: null },
} as const;

/** A badge the account holds (issued here, claimed by the earner, or imported), as the confirmation pages name it. */
interface HeldBadge {
  name: string;
  issuerName: string;
  kind: 'issued' | 'selfClaimed' | 'imported';
}

async function heldBadge(db: Db, accountId: string, id: string): Promise<HeldBadge | null> {
  if (isImportedId(id)) {
    const imported = await getImportedBadge(db, id);
    return imported?.accountId === accountId ? { name: imported.badge.name, issuerName: imported.badge.issuer.name, kind: 'imported' } : null;
  }
  const selfClaim = await getSelfClaimRecord(db, id);
  if (selfClaim) return selfClaim.claim.accountId === accountId ? { name: selfClaim.badgeClass.name, issuerName: selfClaim.issuer.name, kind: 'selfClaimed' } : null;
  const record = (await getAssertionAccountId(db, id)) === accountId ? await getAssertionRecord(db, id) : null;
  return record ? { name: record.badgeClass.name, issuerName: record.issuer.name, kind: 'issued' } : null;
}

const DELETE_QUESTIONS: Record<HeldBadge['kind'], (badge: HeldBadge) => { title: string; message: string; button: string }> = {
  issued: (badge) => ({
    title: `Delete your ${badge.name} badge?`,
    message: `It leaves your account and its public page goes away for good: anyone checking it will find no badge. ${badge.issuerName} keeps its own record. This cannot be undone.`,
    button: 'Delete this badge',
  }),
  selfClaimed: (badge) => ({
    title: `Remove your self-claimed ${badge.name} badge?`,
    message: 'It leaves your badges and its page goes away. You can claim it again later.',
    button: 'Remove this badge',
  }),
  imported: (badge) => ({
    title: `Remove your ${badge.name} badge?`,
    message: 'It leaves your BadgeLens badges and its page here goes away. The badge itself stays with its issuer, and you can add it again later.',
    button: 'Remove this badge',
  }),
};

/** The question asked before each change that is hard to take back or that changes who sees a badge. */
const CONFIRMATIONS = {
  delete: (badge: HeldBadge) => DELETE_QUESTIONS[badge.kind](badge),
  public: (badge: HeldBadge) => ({
    title: `Make your ${badge.name} badge public?`,
    message:
      `Anyone with its link will see its page: your name, the badge, ${badge.issuerName} as its issuer, and its dates. ` +
      'You can then share it and add it to LinkedIn. You can make it private again at any time.',
    button: 'Make it public',
  }),
  private: (badge: HeldBadge) => ({
    title: `Make your ${badge.name} badge private?`,
    message:
      'Only you will see its page. Links you have shared, and the badge on your LinkedIn profile, will show no badge until you make it public again.',
    button: 'Make it private',
  }),
} as const;

/** The portfolio page: the badges issued here, then the imported ones; the import form as given when it was refused. */
async function portfolioPage(c: PageContext, account: Account, importForm?: ImportFormState, status: 200 | 403 | 409 | 413 | 422 | 429 = 200) {
  const { db, publicUrl, now } = c.var.deps;
  const at = now();
  const issued = (await listAccountAssertionRecords(db, account.id)).map((record) => presentMeBadge(record, publicUrl, at));
  const selfClaimed = (await listAccountSelfClaims(db, account.id)).map((record) => presentSelfClaimedBadge(record, publicUrl));
  const imported = (await currentImportedBadges(c.var.deps, account.id)).map((badge) => presentImportedBadge(badge, publicUrl));
  const claimable = await claimableSkillBadges(db, account.id);
  const isStaff = await isIssuerStaff(db, account.id);
  const badges = [...issued, ...selfClaimed, ...imported];
  return c.html(PortfolioPage({ publicUrl, csrf: csrfToken(c), account, badges, notice: noticeFrom(c), importForm, claimable, isIssuerStaff: isStaff }), status);
}

/**
 * The "I can do this" forms (badge page, portfolio): claims the skill badge for the signed-in earner and goes
 * to their badges; a refusal is a page saying why.
 */
export async function selfClaimForm(c: PageContext, badgeIdInPath?: string) {
  const { signedIn, redirect } = await requirePageAccount(c);
  if (!signedIn) return redirect;
  const fields = await checkedForm(c);
  if (!fields) return csrfFailure(c);
  const badgeId = selfClaimRequestSchema.safeParse({ badgeId: badgeIdInPath ?? fields.badgeId }).data?.badgeId;
  const { db, publicUrl, now } = c.var.deps;
  const account = signedIn.account;
  const page = (status: 404 | 409 | 422 | 429, title: string, message: string) =>
    c.html(MessagePage({ publicUrl, title, message, links: [{ href: '/portfolio', label: 'Back to your badges' }], signedInAs: account, csrf: csrfToken(c) }), status);
  const wait = await selfClaimRateLimited(c, account.id);
  if (wait > 0) return page(429, 'Please wait a little', `You claimed many skills lately. Try again in ${Math.ceil(wait / 60)} minutes.`);
  const outcome = badgeId
    ? await claimSkillBadge(db, publicUrl, account.id, badgeId, now())
    : ({ ok: false, status: 404, message: 'Choose a skill badge of the catalogue.' } as const);
  if (!outcome.ok) return page(outcome.status, 'This badge cannot be claimed', outcome.message);
  return c.redirect(`/portfolio?notice=${outcome.created ? 'skill-claimed' : 'skill-already-claimed'}`, 303);
}

/** The one input of the import form, or why there is none: exactly one of a URL, a file and a VC-JWT. */
async function importInputOf(body: Record<string, string | File | (string | File)[]>): Promise<{ input: ImportInput; form: ImportFormState } | { form: ImportFormState; status: 413 | 422 }> {
  const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
  const form: ImportFormState = { url: text('url').slice(0, 4096), jwt: text('jwt').slice(0, 4096), error: null };
  const parsed = parseForm(importFormSchema, { url: text('url'), jwt: text('jwt') });
  if (!parsed.ok) return { form: { ...form, error: Object.values(parsed.errors)[0] }, status: 422 };
  const file = body.file instanceof File && body.file.size > 0 ? body.file : null;
  const given = [parsed.value.url !== '', file !== null, parsed.value.jwt !== ''].filter(Boolean).length;
  if (given === 0) return { form: { ...form, error: 'Paste the badge’s address, choose a badge file, or paste a VC-JWT.' }, status: 422 };
  if (given > 1) return { form: { ...form, error: 'Add one badge at a time: give either an address, a file or a VC-JWT.' }, status: 422 };
  if (file && file.size > MAX_IMPORT_FILE_BYTES) return { form: { ...form, error: `This file is larger than the ${MAX_IMPORT_FILE_BYTES / (1024 * 1024)} MB a badge may have.` }, status: 413 };
  const input: ImportInput = file
    ? { kind: 'file', bytes: new Uint8Array(await file.arrayBuffer()) }
    : parsed.value.url !== ''
      ? { kind: 'url', url: parsed.value.url }
      : { kind: 'credential', credential: parsed.value.jwt };
  return { input, form };
}

/** The earner's portfolio: every badge, accept/decline, public/private, and badges added from elsewhere. */
export const portfolioRoutes = new Hono<AppEnv>()
  .get('/', pageGuard, signedInPage((c, signedIn) => portfolioPage(c, signedIn.account)))
  .post('/import', pageGuard, signedInPage(async (c, signedIn) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, string | File>);
    if (!csrfTokenMatches(c, typeof body.csrf === 'string' ? body.csrf : undefined)) return csrfFailure(c);
    const account = signedIn.account;
    const given = await importInputOf(body);
    if (!('input' in given)) return portfolioPage(c, account, given.form, given.status);
    const wait = await importRateLimited(c, account.id);
    if (wait > 0) return portfolioPage(c, account, { ...given.form, error: `You added many badges lately. Try again in ${Math.ceil(wait / 60)} minutes.` }, 429);
    const result = await importBadge(c.var.deps, account, given.input);
    if (!result.ok) return portfolioPage(c, account, { ...given.form, error: result.message }, result.status);
    return c.redirect(`/portfolio?notice=${result.created ? 'badge-imported' : 'badge-already-imported'}`, 303);
  }))
  .post('/claims', pageGuard, (c) => selfClaimForm(c))
  .get('/badges/:id/share', pageGuard, signedInPage(async (c, signedIn) => {
    const { publicUrl } = c.var.deps;
    const found = await shareKitFor(c.var.deps, signedIn.account.id, c.req.param().id);
    if (found.ok) return c.html(SharePage({ publicUrl, csrf: csrfToken(c), account: signedIn.account, badgeName: found.badgeName, kit: found.kit }));
    const message = (title: string, text: string, status: 404 | 409 | 410) =>
      c.html(MessagePage({ publicUrl, title, message: text, signedInAs: signedIn.account, csrf: csrfToken(c), links: [{ href: '/portfolio', label: 'Back to my badges' }] }), status);
    if (found.reason === 'not_found') return message('Badge not found', 'You hold no such badge.', 404);
    if (found.reason === 'revoked') return message(`${found.badgeName} is revoked`, `${found.issuerName} revoked this badge, so it cannot be shared.`, 410);
    return message(`${found.badgeName} is private`, 'Make this badge public in your badges before sharing it.', 409);
  }))
  .get('/badges/:id/:step{delete|public|private}', pageGuard, signedInPage(async (c, signedIn) => {
    const { db, publicUrl } = c.var.deps;
    const { id, step } = c.req.param();
    const held = await heldBadge(db, signedIn.account.id, id);
    // A self-claim has no visibility of its own to switch.
    if (!held || (held.kind === 'selfClaimed' && step !== 'delete')) {
      return c.html(MessagePage({ publicUrl, title: 'Badge not found', message: 'You hold no such badge.', signedInAs: signedIn.account, csrf: csrfToken(c) }), 404);
    }
    const question = CONFIRMATIONS[step as keyof typeof CONFIRMATIONS](held);
    return c.html(ButtonPage({ publicUrl, csrf: csrfToken(c), ...question, action: `/portfolio/badges/${id}/${step}`, signedInAs: signedIn.account }));
  }))
  .post('/badges/:id/delete', pageGuard, signedInForm(async (c, signedIn) => {
    const { db, publicUrl } = c.var.deps;
    const { id } = c.req.param();
    if (isImportedId(id) && (await deleteImportedBadge(db, signedIn.account.id, id))) return c.redirect('/portfolio?notice=badge-removed', 303);
    if (await removeSelfClaim(db, id, signedIn.account.id)) return c.redirect('/portfolio?notice=badge-removed', 303);
    if (!(await deleteHeldAssertion(db, signedIn.account.id, id))) {
      return c.html(MessagePage({ publicUrl, title: 'Badge not found', message: 'You hold no such badge.', signedInAs: signedIn.account, csrf: csrfToken(c) }), 404);
    }
    return c.redirect('/portfolio?notice=badge-deleted', 303);
  }))
  .post('/badges/:id/:action', pageGuard, signedInForm(async (c, signedIn) => {
    const { db, publicUrl } = c.var.deps;
    const { id, action } = c.req.param();
    const page = (status: 404 | 409, title: string, message: string) =>
      c.html(MessagePage({ publicUrl, title, message, links: [{ href: '/portfolio', label: 'Back to your badges' }], signedInAs: signedIn.account, csrf: csrfToken(c) }), status);
    if (!(action in ACTIONS)) return page(404, 'Badge not found', 'You hold no such badge.');
    const chosen = ACTIONS[action as keyof typeof ACTIONS];
    if (isImportedId(id)) {
      if (!('isPublic' in chosen.change) || !(await setImportedPublic(db, signedIn.account.id, id, chosen.change.isPublic))) return page(404, 'Badge not found', 'You hold no such badge.');
      return c.redirect('/portfolio', 303);
    }
    const outcome = await updateOwnBadge(db, signedIn.account.id, id, chosen.change, 'portfolio');
    if (!outcome.ok) return outcome.status === 404 ? page(404, 'Badge not found', outcome.message) : page(409, 'This cannot be done', outcome.message);
    return c.redirect(`/portfolio${chosen.notice ? `?notice=${chosen.notice}` : ''}`, 303);
  }));
