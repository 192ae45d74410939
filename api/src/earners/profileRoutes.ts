import { Hono, type Context } from 'hono';
import { alternateEmailFormSchema, changePasswordFormSchema, deleteAccountFormSchema, profileFormSchema } from '../../../shared/schemas/earners';
import { addAlternateEmail, deleteAccount, listAlternateEmails, removeAlternateEmail, updateProfile, type Account } from '../db/accounts';
import { checkOneTimeToken } from '../db/tokens';
import { checkLinkRequest, listLinkedMemberships, unlinkMember } from '../db/memberships';
import { confirmMembershipLink, membershipLinkLimited, requestMembershipLink, rosterIssuers } from '../earning/memberships';
import { membershipLinkFormSchema } from '../../../shared/schemas/memberships';
import { csrfToken, endCookieSession, pageAccount, parseForm, startCookieSession, type FieldErrors } from './http';
import { changePassword, confirmAlternateEmail, confirmOwnPassword, sendAlternateEmailVerification, signInMessage } from './service';
import { firstRateLimited, RATE_LIMITS, recipientKey } from './rateLimit';
import type { AppEnv } from '../http/env';
import { normaliseEmail } from '../lib/crypto';
import { ButtonPage, MessagePage } from '../pages/earner/parts';
import { DeleteAccountPage, ProfilePage, type ProfilePageProps } from '../pages/earner/ProfilePage';
import { checkedForm, csrfFailure, noticeFrom, pageGuard, tokenFailurePage } from './accountRoutes';
import { requirePageAccount, signedInForm, signedInPage } from './portfolioRoutes';

type PageContext = Context<AppEnv>;

async function profilePage(c: PageContext, account: Account, extra: Partial<ProfilePageProps> = {}) {
  const { db, publicUrl } = c.var.deps;
  return ProfilePage({
    publicUrl,
    csrf: csrfToken(c),
    account,
    emails: await listAlternateEmails(db, account.id),
    memberships: await listLinkedMemberships(db, account.id),
    rosterIssuers: await rosterIssuers(db),
    notice: noticeFrom(c),
    ...extra,
  });
}

/** Profile: workplace, title, LinkedIn URL, alternate emails (each confirmed by a link). */
export const profileRoutes = new Hono<AppEnv>()
  .get('/', pageGuard, signedInPage(async (c, signedIn) => c.html(await profilePage(c, signedIn.account))))
  .post('/', pageGuard, signedInForm(async (c, signedIn, fields) => {
    const parsed = parseForm(profileFormSchema, { workplace: '', professionalTitle: '', linkedinUrl: '', ...fields });
    if (!parsed.ok) return c.html(await profilePage(c, signedIn.account, { profileValues: fields, profileErrors: parsed.errors, notice: null }), 400);
    await updateProfile(c.var.deps.db, signedIn.account.id, parsed.value, c.var.deps.now());
    return c.redirect('/profile?notice=profile-saved', 303);
  }))
  .post('/password', pageGuard, signedInForm(async (c, signedIn, fields) => {
    const { account } = signedIn;
    const refuse = async (status: 400 | 401 | 423 | 429, passwordErrors: FieldErrors) => c.html(await profilePage(c, account, { passwordErrors, notice: null }), status);
    const parsed = parseForm(changePasswordFormSchema, fields);
    if (!parsed.ok) return refuse(400, parsed.errors);
    const check = await confirmOwnPassword(c.var.deps, account, parsed.value.currentPassword);
    if (check === 'invalid') return refuse(401, { currentPassword: 'This is not your current password.' });
    if (check !== 'ok') return refuse(check === 'locked' ? 423 : 429, { currentPassword: signInMessage(check, c.var.deps.publicUrl) });
    const changed = await changePassword(c.var.deps, account.id, parsed.value.password);
    // Every other session has ended; this browser carries on with a new one.
    if (!changed || !(await startCookieSession(c, changed))) return c.redirect('/login?notice=password-changed', 303);
    return c.redirect('/profile?notice=password-updated', 303);
  }))
  .post('/emails', pageGuard, signedInForm(async (c, signedIn, fields) => {
    const { account } = signedIn;
    const parsed = parseForm(alternateEmailFormSchema, fields);
    let errors: FieldErrors | null = parsed.ok ? null : parsed.errors;
    if (parsed.ok) {
      const email = normaliseEmail(parsed.value.email);
      const listed = (await listAlternateEmails(c.var.deps.db, account.id)).some((e) => e.email === email);
      if (email === account.email || listed) errors = { email: 'This address is already on your account.' };
    }
    if (errors || !parsed.ok) return c.html(await profilePage(c, account, { emailValue: fields.email, emailErrors: errors ?? {}, notice: null }), 400);
    const email = normaliseEmail(parsed.value.email);
    const limited = await firstRateLimited(c, [
      [RATE_LIMITS.altEmailAccount, `account:${account.id}`],
      [RATE_LIMITS.altEmailRecipient, recipientKey(email)],
    ]);
    if (limited) {
      const hours = Math.ceil(limited.wait / 3600);
      const message =
        limited.rule.name === RATE_LIMITS.altEmailAccount.name
          ? `Too many confirmation emails sent from your account lately. You can add another address in ${hours} hour(s).`
          : `Too many confirmation emails went to ${email} lately. You can ask again in ${hours} hour(s).`;
      return c.html(await profilePage(c, account, { emailValue: fields.email, emailErrors: { email: message }, notice: null }), 429);
    }
    await addAlternateEmail(c.var.deps.db, account.id, parsed.value.email, c.var.deps.now());
    await sendAlternateEmailVerification(c.var.deps, account, parsed.value.email);
    return c.redirect('/profile?notice=email-added', 303);
  }))
  .post('/emails/remove', pageGuard, signedInForm(async (c, signedIn, fields) => {
    await removeAlternateEmail(c.var.deps.db, signedIn.account.id, fields.email ?? '');
    return c.redirect('/profile?notice=email-removed', 303);
  }))
  .get('/emails/verify/:token', pageGuard, async (c) => {
    const { publicUrl, db, now } = c.var.deps;
    const token = c.req.param('token');
    const check = await checkOneTimeToken(db, token, 'alt_email', now());
    if (!check.ok) return tokenFailurePage(c, check.reason, 'confirmation', { href: '/profile', label: 'Go to your profile to send a new link' });
    return c.html(
      ButtonPage({ publicUrl, csrf: csrfToken(c), title: 'Confirm this email address', message: `Add ${check.token.email} to your BadgeLens account?`, action: `/profile/emails/verify/${token}`, button: 'Confirm this address' }),
    );
  })
  .post('/emails/verify/:token', pageGuard, async (c) => {
    const { publicUrl } = c.var.deps;
    if (!(await checkedForm(c))) return csrfFailure(c);
    const result = await confirmAlternateEmail(c.var.deps, c.req.param('token'));
    if (!result.ok) {
      if (result.reason === 'owned_elsewhere') {
        return c.html(MessagePage({ publicUrl, title: 'Address already in use', message: 'This address already belongs to another BadgeLens account, so it cannot be added to yours.' }), 409);
      }
      return tokenFailurePage(c, result.reason, 'confirmation', { href: '/profile', label: 'Go to your profile to send a new link' });
    }
    const signedIn = await pageAccount(c);
    if (signedIn) return c.redirect('/profile?notice=email-verified', 303);
    return c.html(MessagePage({ publicUrl, title: 'Address confirmed', message: `${result.email} is confirmed. Badges issued to it now join your account.`, links: [{ href: '/login', label: 'Log in' }] }));
  });

/** Linking a membership from "My account": ask for a link (mailed to the roster address), follow it, unlink. */
export const membershipPageRoutes = new Hono<AppEnv>()
  .post('/', pageGuard, signedInForm(async (c, signedIn, fields) => {
    const { account } = signedIn;
    const values = { issuerId: fields.issuerId ?? '', memberId: fields.memberId ?? '' };
    const parsed = parseForm(membershipLinkFormSchema, values);
    if (!parsed.ok) return c.html(await profilePage(c, account, { membershipValues: values, membershipErrors: parsed.errors, notice: null }), 400);
    const { issuerId, memberId } = parsed.value;
    const limited = await membershipLinkLimited(c, account.id, issuerId, memberId);
    if (limited) {
      const hours = Math.ceil(limited.wait / 3600);
      const message = `Too many membership links asked for lately. You can ask again in ${hours} hour(s).`;
      return c.html(await profilePage(c, account, { membershipValues: values, membershipErrors: { memberId: message }, notice: null }), 429);
    }
    await requestMembershipLink(c.var.deps, account.id, issuerId, memberId);
    return c.redirect('/profile?notice=membership-link-sent#memberships', 303);
  }))
  .post('/unlink', pageGuard, signedInForm(async (c, signedIn, fields) => {
    await unlinkMember(c.var.deps.db, fields.issuerId ?? '', fields.memberId ?? '', signedIn.account.id);
    return c.redirect('/profile?notice=membership-unlinked#memberships', 303);
  }))
  .get('/link/:token', pageGuard, async (c) => {
    const { publicUrl, db, now } = c.var.deps;
    const token = c.req.param('token');
    const check = await checkLinkRequest(db, token, now());
    if (!check.ok) return tokenFailurePage(c, check.reason, 'membership', { href: '/profile#memberships', label: 'Go to your account to ask for a new link' });
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    return c.html(
      ButtonPage({
        publicUrl,
        csrf: csrfToken(c),
        title: 'Link this membership',
        message: `Link membership ${check.request.memberId} to your BadgeLens account? Its badges are added to your badges, verified.`,
        action: `/profile/memberships/link/${token}`,
        button: 'Link my membership',
        signedInAs: signedIn.account,
      }),
    );
  })
  .post('/link/:token', pageGuard, signedInForm(async (c, signedIn) => {
    const { publicUrl } = c.var.deps;
    const outcome = await confirmMembershipLink(c.var.deps, c.req.param().token, signedIn.account.id);
    if (outcome.ok) return c.redirect('/portfolio?notice=membership-linked', 303);
    if (outcome.reason === 'other_account' || outcome.reason === 'linked_elsewhere') {
      const message =
        outcome.reason === 'other_account'
          ? 'This link was asked for by another BadgeLens account: only that account can use it. Log in with it, or ask for a link from your own account.'
          : 'This membership is already linked to another BadgeLens account.';
      return c.html(MessagePage({ publicUrl, title: 'This membership cannot be linked here', message, signedInAs: signedIn.account, csrf: csrfToken(c) }), 409);
    }
    return tokenFailurePage(c, outcome.reason, 'membership', { href: '/profile#memberships', label: 'Go to your account to ask for a new link' });
  }));

/** Self-service account deletion. */
export const accountDeletionRoutes = new Hono<AppEnv>()
  .get('/delete', pageGuard, signedInPage((c, signedIn) => c.html(DeleteAccountPage({ publicUrl: c.var.deps.publicUrl, csrf: csrfToken(c), account: signedIn.account }))))
  .post('/delete', pageGuard, signedInForm(async (c, signedIn, fields) => {
    const { publicUrl, db } = c.var.deps;
    const page = (errors: FieldErrors) => c.html(DeleteAccountPage({ publicUrl, csrf: csrfToken(c), account: signedIn.account, errors }), 400);
    const parsed = parseForm(deleteAccountFormSchema, fields);
    if (!parsed.ok) return page(parsed.errors);
    const check = await confirmOwnPassword(c.var.deps, signedIn.account, parsed.value.password);
    if (check !== 'ok') return page({ password: check === 'invalid' ? 'This is not your password.' : signInMessage(check, publicUrl) });
    await deleteAccount(db, signedIn.account.id);
    endCookieSession(c);
    return c.html(MessagePage({ publicUrl, title: 'Your account is deleted', message: 'Your account and your personal data are gone, and your badges are no longer public. Thank you for using BadgeLens.' }));
  }));
