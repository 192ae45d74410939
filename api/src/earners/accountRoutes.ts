import { Hono, type Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { HTTPException } from 'hono/http-exception';
import {
  activationFormSchema,
  loginFormSchema,
  newPasswordFormSchema,
  nextPathSchema,
  registerFormSchema,
  resetRequestFormSchema,
} from '../../../shared/schemas/earners';
import { MEMBERSHIP_LINK_SENT_MESSAGE } from '../../../shared/schemas/memberships';
import { deleteSession } from '../db/sessions';
import { checkOneTimeToken } from '../db/tokens';
import { csrfToken, csrfTokenMatches, endCookieSession, formFields, originCheck, pageAccount, parseForm, startCookieSession } from './http';
import { RATE_LIMITS, rateLimited } from './rateLimit';
import {
  activate,
  checkResetToken,
  decideClaim,
  openClaim,
  register,
  requestPasswordReset,
  resetPassword,
  BUSY_RETRY_SECONDS,
  signIn,
  signInMessage,
  TOKEN_FAILURE_MESSAGES,
  type TokenFailure,
} from './service';
import { earnerUrls } from './urls';
import type { AppEnv } from '../http/env';
import { normaliseEmail } from '../lib/crypto';
import { ActivatePage, LoginPage, NewPasswordPage, RegisterPage, ResetRequestPage } from '../pages/earner/AuthPages';
import { ClaimPage } from '../pages/earner/ClaimPage';
import { ButtonPage, MessagePage } from '../pages/earner/parts';

type PageContext = Context<AppEnv>;

/** Notices a redirect may ask for; never text taken from the URL. */
export const NOTICES = {
  'signed-out': 'You are signed out.',
  'password-changed': 'Your password is changed and every session has ended. Log in with your new password.',
  activated: 'Your email address is confirmed. Welcome to BadgeLens!',
  accepted: 'Badge accepted. It is in your portfolio and its page is public.',
  declined: 'Badge declined. It stays private.',
  'profile-saved': 'Your profile is saved.',
  'password-updated': 'Your password is changed. Every other device where you were signed in is signed out.',
  'email-added': 'We have sent a confirmation link to the new address. It counts once you open that link (within 48 hours).',
  'email-verified': 'The address is confirmed. Badges issued to it now join your account.',
  'email-removed': 'The address is removed from your account.',
  'badge-deleted': 'The badge is deleted from your account. Its page is gone.',
  'badge-imported': 'The badge is verified and added to your badges.',
  'badge-already-imported': 'You had already added this badge: it stays in your badges once, checked again just now.',
  'badge-removed': 'The badge is removed from your badges.',
  'skill-claimed': 'The skill is added to your badges as “Self-claimed — not verified”. It becomes verified when its issuer learns that you completed one of its requirements.',
  'skill-already-claimed': 'You had already claimed this skill: it stays in your badges once.',
  'membership-link-sent': MEMBERSHIP_LINK_SENT_MESSAGE,
  'membership-linked': 'Your membership is linked: the badges it entitles you to are in your badges, verified, and follow the roster from now on.',
  'membership-unlinked': 'The membership is unlinked. The badges it gave you stay in your badges.',
} as const;
export type NoticeKey = keyof typeof NOTICES;

export function noticeFrom(c: PageContext): string | null {
  const key = c.req.query('notice');
  return key && key in NOTICES ? NOTICES[key as NoticeKey] : null;
}

/**
 * Every earner page: personal, so never cached, and its URL (which may hold a token) never leaks as a
 * referrer; posts must come from this site (Origin check) on top of the per-form token.
 * Applied per route, not with use(): this router is mounted at '/' and must not touch other routes.
 */
export const pageGuard = createMiddleware<AppEnv>(async (c, next) => {
  try {
    await originCheck(c, async () => {
      await next();
      c.header('Cache-Control', 'no-store');
      c.header('Referrer-Policy', 'no-referrer');
    });
  } catch (error) {
    if (error instanceof HTTPException && error.status === 403) return csrfFailure(c);
    throw error;
  }
});

/** The form token did not match: a page, not an error body (the person only needs to reload). */
export function csrfFailure(c: PageContext) {
  return c.html(
    MessagePage({
      publicUrl: c.var.deps.publicUrl,
      title: 'Please try again',
      message: 'This form was out of date or did not come from this site, so nothing was changed. Go back, reload the page and send it again.',
    }),
    403,
  );
}

/** Reads a posted form and checks its CSRF token; null means the caller must answer csrfFailure(). */
export async function checkedForm(c: PageContext): Promise<Record<string, string> | null> {
  const fields = await formFields(c);
  return csrfTokenMatches(c, fields.csrf) ? fields : null;
}

export function tokenFailurePage(c: PageContext, reason: TokenFailure, what: string, retry: { href: string; label: string }) {
  const status = reason === 'invalid' ? 404 : 410;
  return c.html(
    MessagePage({ publicUrl: c.var.deps.publicUrl, title: `This ${what} link cannot be used`, message: TOKEN_FAILURE_MESSAGES[reason], links: [retry] }),
    status,
  );
}

const checkInbox = (c: PageContext, email: string) =>
  MessagePage({
    publicUrl: c.var.deps.publicUrl,
    title: 'Check your inbox',
    message: `We have sent an email to ${normaliseEmail(email)}. Open the link in it to confirm your address (it works for 48 hours). If you already have an account, the email tells you how to log in.`,
  });

const tooMany = (wait: number) => `Too many attempts from your network. Please wait ${Math.ceil(wait / 60)} minute(s) and try again.`;

/** Sign-in, registration, claim, activation and password reset pages. */
export const accountRoutes = new Hono<AppEnv>()
  .get('/login', pageGuard, async (c) => {
    const next = nextPathSchema.parse(c.req.query('next'));
    if (await pageAccount(c)) return c.redirect(next ?? '/portfolio', 303);
    return c.html(LoginPage({ publicUrl: c.var.deps.publicUrl, csrf: csrfToken(c), next, notice: noticeFrom(c) }));
  })
  .post('/login', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const fields = await checkedForm(c);
    if (!fields) return csrfFailure(c);
    const next = nextPathSchema.parse(fields.next);
    const page = (status: 400 | 401 | 403 | 423 | 429, props: Partial<Parameters<typeof LoginPage>[0]>) =>
      c.html(LoginPage({ publicUrl, csrf: csrfToken(c), next, email: fields.email, ...props }), status);
    const wait = await rateLimited(c, RATE_LIMITS.login);
    if (wait > 0) return page(429, { alert: tooMany(wait) });
    const parsed = parseForm(loginFormSchema, fields);
    if (!parsed.ok) return page(400, { errors: parsed.errors });
    const result = await signIn(c.var.deps, parsed.value.email, parsed.value.password);
    if (!result.ok) {
      const status = ({ locked: 423, unverified: 403, busy: 429, invalid: 401 } as const)[result.reason];
      if (result.reason === 'busy') c.header('Retry-After', String(BUSY_RETRY_SECONDS));
      return page(status, { alert: signInMessage(result.reason, publicUrl), locked: result.reason === 'locked' });
    }
    if (!(await startCookieSession(c, result.account))) return page(401, { alert: signInMessage('invalid', publicUrl) });
    return c.redirect(next ?? '/portfolio', 303);
  })
  .get('/logout', pageGuard, async (c) => {
    const signedIn = await pageAccount(c);
    return c.html(
      ButtonPage({ publicUrl: c.var.deps.publicUrl, csrf: csrfToken(c), title: 'Log out', action: '/logout', button: 'Log out', signedInAs: signedIn?.account }),
    );
  })
  .post('/logout', pageGuard, async (c) => {
    if (!(await checkedForm(c))) return csrfFailure(c);
    const signedIn = await pageAccount(c);
    if (signedIn) await deleteSession(c.var.deps.db, signedIn.sessionId);
    endCookieSession(c);
    return c.redirect('/login?notice=signed-out', 303);
  })
  .get('/register', pageGuard, async (c) => c.html(RegisterPage({ publicUrl: c.var.deps.publicUrl, csrf: csrfToken(c), action: '/register' })))
  .post('/register', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const fields = await checkedForm(c);
    if (!fields) return csrfFailure(c);
    const values = { firstName: fields.firstName, lastName: fields.lastName, email: fields.email };
    const wait = await rateLimited(c, RATE_LIMITS.register);
    if (wait > 0) return c.html(RegisterPage({ publicUrl, csrf: csrfToken(c), action: '/register', values, alert: tooMany(wait) }), 429);
    const parsed = parseForm(registerFormSchema, fields);
    if (!parsed.ok) return c.html(RegisterPage({ publicUrl, csrf: csrfToken(c), action: '/register', values, errors: parsed.errors }), 400);
    await register(c.var.deps, parsed.value);
    return c.html(checkInbox(c, parsed.value.email));
  })
  .get('/claim/:token', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const token = c.req.param('token');
    const opened = await openClaim(c.var.deps, token);
    if (!opened.ok) return tokenFailurePage(c, opened.reason, 'claim', { href: earnerUrls(publicUrl).login(), label: 'Log in to see your badges' });
    const signedIn = await pageAccount(c);
    const { ownerId, record } = opened.claim;
    if (signedIn && ownerId && ownerId !== signedIn.account.id) {
      return c.html(
        MessagePage({
          publicUrl,
          title: 'This badge belongs to another account',
          message: 'This badge is already held by a different BadgeLens account. Log out, then log in with the account for the address the badge was sent to.',
          signedInAs: signedIn.account,
          csrf: csrfToken(c),
        }),
        409,
      );
    }
    // Its owner sees what was decided; only a pending badge offers accept and decline.
    const decided = signedIn && ownerId === signedIn.account.id && record.assertion.claimState !== 'pending' ? record.assertion.claimState : null;
    return c.html(ClaimPage({ publicUrl, csrf: csrfToken(c), token, record, signedInAs: signedIn?.account ?? null, decided }));
  })
  .post('/claim/:token', pageGuard, async (c) => {
    const token = c.req.param('token');
    const fields = await checkedForm(c);
    if (!fields) return csrfFailure(c);
    const opened = await openClaim(c.var.deps, token);
    if (!opened.ok) return tokenFailurePage(c, opened.reason, 'claim', { href: '/portfolio', label: 'Go to your badges' });
    const signedIn = await pageAccount(c);
    if (!signedIn) return c.redirect(earnerUrls('').login(`/claim/${token}`), 303);
    const decision = fields.decision === 'declined' ? 'declined' : fields.decision === 'accepted' ? 'accepted' : null;
    if (!decision) return c.redirect(`/claim/${token}`, 303);
    const outcome = await decideClaim(c.var.deps, token, signedIn.account.id, decision);
    if (!outcome.ok && outcome.reason === 'conflict') {
      return c.html(
        MessagePage({
          publicUrl: c.var.deps.publicUrl,
          title: 'This badge is already decided',
          message: outcome.message,
          links: [{ href: '/portfolio', label: 'Go to your badges' }],
          signedInAs: signedIn.account,
          csrf: csrfToken(c),
        }),
        409,
      );
    }
    if (!outcome.ok) {
      if (outcome.reason === 'owned_elsewhere') {
        return c.html(
          MessagePage({
            publicUrl: c.var.deps.publicUrl,
            title: 'This badge belongs to another account',
            message: 'The address this badge was sent to belongs to a different BadgeLens account. Log in with that account to accept it.',
            signedInAs: signedIn.account,
            csrf: csrfToken(c),
          }),
          409,
        );
      }
      return tokenFailurePage(c, outcome.reason, 'claim', { href: '/portfolio', label: 'Go to your badges' });
    }
    return c.redirect(`/portfolio?notice=${decision}`, 303);
  })
  .post('/claim/:token/register', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const token = c.req.param('token');
    const fields = await checkedForm(c);
    if (!fields) return csrfFailure(c);
    const opened = await openClaim(c.var.deps, token);
    if (!opened.ok) return tokenFailurePage(c, opened.reason, 'claim', { href: earnerUrls(publicUrl).login(), label: 'Log in' });
    const { record } = opened.claim;
    const values = { firstName: fields.firstName, lastName: fields.lastName, email: fields.email };
    const again = (status: 400 | 429, errors: Record<string, string>, alert?: string) =>
      c.html(ClaimPage({ publicUrl, csrf: csrfToken(c), token, record, signedInAs: null, register: { values, errors, alert } }), status);
    const wait = await rateLimited(c, RATE_LIMITS.register);
    if (wait > 0) return again(429, {}, tooMany(wait));
    const parsed = parseForm(registerFormSchema, fields);
    if (!parsed.ok) return again(400, parsed.errors);
    if (normaliseEmail(parsed.value.email) !== record.assertion.recipientEmail) {
      return again(400, { email: `Use the address this badge was sent to: ${record.assertion.recipientEmail}. You can add other addresses to your profile later.` });
    }
    await register(c.var.deps, parsed.value, record.assertion.id);
    return c.html(checkInbox(c, parsed.value.email));
  })
  .get('/activate/:token', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const token = c.req.param('token');
    const check = await checkOneTimeToken(c.var.deps.db, token, 'activation', c.var.deps.now());
    if (!check.ok) return tokenFailurePage(c, check.reason, 'confirmation', { href: earnerUrls(publicUrl).login(), label: 'Log in (we send a new link if your address is not confirmed yet)' });
    return c.html(ActivatePage({ publicUrl, csrf: csrfToken(c), action: `/activate/${token}` }));
  })
  .post('/activate/:token', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const token = c.req.param('token');
    const fields = await checkedForm(c);
    if (!fields) return csrfFailure(c);
    const page = (status: 400 | 401 | 429, props: { errors?: Record<string, string>; alert?: string }) =>
      c.html(ActivatePage({ publicUrl, csrf: csrfToken(c), action: `/activate/${token}`, ...props }), status);
    const check = await checkOneTimeToken(c.var.deps.db, token, 'activation', c.var.deps.now());
    if (!check.ok) return tokenFailurePage(c, check.reason, 'confirmation', { href: earnerUrls(publicUrl).login(), label: 'Log in' });
    // Guessing a registration's password here is guessing a password: the sign-in limit applies.
    const wait = await rateLimited(c, RATE_LIMITS.login);
    if (wait > 0) return page(429, { alert: tooMany(wait) });
    const parsed = parseForm(activationFormSchema, fields);
    if (!parsed.ok) return page(400, { errors: parsed.errors });
    const result = await activate(c.var.deps, token, parsed.value.password);
    if (!result.ok) {
      if (result.reason !== 'wrong_password') return tokenFailurePage(c, result.reason, 'confirmation', { href: earnerUrls(publicUrl).login(), label: 'Log in' });
      return page(401, {
        errors: {
          password:
            'This is not the password chosen when this address was registered. If you registered more than once, use the link in the latest email; if you did not register, ignore the email.',
        },
      });
    }
    await startCookieSession(c, result.account);
    return c.redirect('/portfolio?notice=activated', 303);
  })
  .get('/reset', pageGuard, async (c) => c.html(ResetRequestPage({ publicUrl: c.var.deps.publicUrl, csrf: csrfToken(c) })))
  .post('/reset', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const fields = await checkedForm(c);
    if (!fields) return csrfFailure(c);
    const wait = await rateLimited(c, RATE_LIMITS.reset);
    if (wait > 0) return c.html(ResetRequestPage({ publicUrl, csrf: csrfToken(c), email: fields.email, alert: tooMany(wait) }), 429);
    const parsed = parseForm(resetRequestFormSchema, fields);
    if (!parsed.ok) return c.html(ResetRequestPage({ publicUrl, csrf: csrfToken(c), email: fields.email, errors: parsed.errors }), 400);
    await requestPasswordReset(c.var.deps, parsed.value.email);
    return c.html(
      MessagePage({
        publicUrl,
        title: 'Check your inbox',
        message: `If ${normaliseEmail(parsed.value.email)} has a BadgeLens account, we have sent it a link to choose a new password. The link works once and for one hour.`,
      }),
    );
  })
  .get('/reset/:token', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const token = c.req.param('token');
    const check = await checkResetToken(c.var.deps, token);
    if (!check.ok) return tokenFailurePage(c, check.reason, 'password', { href: earnerUrls(publicUrl).resetRequest(), label: 'Request a new link' });
    return c.html(NewPasswordPage({ publicUrl, csrf: csrfToken(c), action: `/reset/${token}` }));
  })
  .post('/reset/:token', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    const token = c.req.param('token');
    const fields = await checkedForm(c);
    if (!fields) return csrfFailure(c);
    const wait = await rateLimited(c, RATE_LIMITS.reset);
    if (wait > 0) return c.html(MessagePage({ publicUrl, title: 'Please wait', message: tooMany(wait) }), 429);
    const check = await checkResetToken(c.var.deps, token);
    if (!check.ok) return tokenFailurePage(c, check.reason, 'password', { href: earnerUrls(publicUrl).resetRequest(), label: 'Request a new link' });
    const parsed = parseForm(newPasswordFormSchema, fields);
    if (!parsed.ok) return c.html(NewPasswordPage({ publicUrl, csrf: csrfToken(c), action: `/reset/${token}`, errors: parsed.errors }), 400);
    const result = await resetPassword(c.var.deps, token, parsed.value.password);
    if (!result.ok) return tokenFailurePage(c, result.reason, 'password', { href: earnerUrls(publicUrl).resetRequest(), label: 'Request a new link' });
    endCookieSession(c);
    return c.redirect('/login?notice=password-changed', 303);
  });
