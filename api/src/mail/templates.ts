import { escapeHtml } from '../../../shared/escape';
import type { MailMessage } from '../db/mailQueue';

// Every email has an HTML and a plain-text part; every value placed in HTML is escaped, and every
// name (chosen by issuers or by whoever registers) goes through mailName() first.

// C0/C1 controls (newlines included) and Unicode line/paragraph separators: a name is one line.
const LINE_BREAKING = /[\p{Cc}\u2028\u2029]/gu;
// Bidirectional overrides, embeddings, isolates and marks, which can make text read backwards ("moc.live").
const BIDI_CONTROLS = /[\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;
// "https://", "ftp://", "mailto:" and the like, which make mail clients draw a link.
const URL_SCHEMES = /\b[a-z][a-z0-9+.-]{1,15}:(?:\/\/|(?=[^\s@]+@))/gi;
// A dot between two name characters followed by a label of two letters or more: "evil.com", "www.x.org".
const DOMAIN_DOTS = /(?<=[\p{L}\p{N}_-])\.(?=[\p{L}\p{N}-]*\p{L}[\p{L}\p{N}-]*\p{L})/gu;
// The ideographic full stop separates domain labels too ("evil。com"), but in a Chinese or Japanese name it ends a sentence.
const IDEOGRAPHIC_DOMAIN_DOTS = /(?<=[\p{L}\p{N}_-])\u3002(?=[A-Za-z0-9-]*[A-Za-z]{2})/gu;

/**
 * A name as it may appear in an email: on one line, without controls that reorder text, and never
 * as a link. Mail clients turn "https://…", "www.…" and bare domains into links, so a badge or
 * person named "Claim at evil.example" would hand the attacker a clickable link in our mail: the
 * scheme is dropped and the domain's dots are written "[.]" (the usual way to defuse an address).
 * Compatibility forms are folded first (NFKC), so full-width "ｅｖｉｌ．ｃｏｍ" is caught too.
 */
export function mailName(name: string): string {
  return name
    .normalize('NFKC')
    .replace(LINE_BREAKING, ' ')
    .replace(BIDI_CONTROLS, '')
    .replace(URL_SCHEMES, '')
    .replace(DOMAIN_DOTS, '[.]')
    .replace(IDEOGRAPHIC_DOMAIN_DOTS, '[.]')
    .replace(/\s+/g, ' ')
    .trim();
}

export function htmlDocument(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:24px;background:#f4f5f7;font-family:Arial,Helvetica,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border-radius:8px;padding:24px">
${body}
<p style="color:#59636e;font-size:13px;margin-top:32px">Sent by BadgeLens. If you did not expect this email, you can ignore it.</p>
</div></body></html>`;
}

export function button(href: string, label: string, background = '#1f6feb'): string {
  return `<p style="margin:16px 0"><a href="${escapeHtml(href)}" style="display:inline-block;background:${background};color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 20px;border-radius:6px">${escapeHtml(label)}</a></p>`;
}

/** An email that asks for one thing: a greeting, what happened, the button, then the small print. */
interface ActionEmail {
  to: string;
  subject: string;
  /** Who is greeted ("Hello Jane,"), already through mailName(); none: no greeting. */
  greet?: string;
  paragraphs: string[];
  action: { url: string; label: string };
  /** The small print under the button. */
  notes: string[];
}

/** The HTML part shows the button and, for clients that drop it, the plain address; the text part the address. */
function actionEmail({ to, subject, greet, paragraphs, action, notes }: ActionEmail): MailMessage {
  const opening = greet === undefined ? paragraphs : [`Hello ${greet},`, ...paragraphs];
  const smallPrint = (line: string) => `<p style="color:#59636e;font-size:13px">${escapeHtml(line)}</p>`;
  const html = htmlDocument(
    subject,
    [...opening.map((line) => `<p>${escapeHtml(line)}</p>`), button(action.url, action.label), smallPrint(`The button's address: ${action.url}`), ...notes.map(smallPrint)].join('\n'),
  );
  const text = [...(greet === undefined ? [] : [`Hello ${greet},`, '']), ...paragraphs, action.url, '', ...notes].join('\n');
  return { to, subject, html, text };
}

export interface IssuanceEmailInput {
  to: string;
  recipientName: string;
  issuerName: string;
  badgeName: string;
  claimUrl: string;
  badgeUrl: string;
  imageUrl: string;
  linkedInAddToProfileUrl: string;
}

export function issuanceEmail(raw: IssuanceEmailInput): MailMessage {
  const input = { ...raw, recipientName: mailName(raw.recipientName), issuerName: mailName(raw.issuerName), badgeName: mailName(raw.badgeName) };
  const subject = `${input.issuerName} has issued you a digital badge for ${input.badgeName}`;
  const html = htmlDocument(
    subject,
    `<p>Hello ${escapeHtml(input.recipientName)},</p>
<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
<p><img src="${escapeHtml(input.imageUrl)}" alt="${escapeHtml(input.badgeName)} badge" width="160" height="160" style="display:block"></p>
<p>Claim your badge to accept it, keep it in your portfolio and share it.</p>
${button(input.claimUrl, 'Claim your badge')}
${button(input.linkedInAddToProfileUrl, 'Add to LinkedIn profile', '#0a66c2')}
<p>Your badge's page: <a href="${escapeHtml(input.badgeUrl)}">${escapeHtml(input.badgeUrl)}</a></p>
<p style="color:#59636e;font-size:13px">The claim link works once and for 30 days.</p>`,
  );
  const text = [
    `Hello ${input.recipientName},`,
    '',
    `${subject}.`,
    '',
    `Claim your badge: ${input.claimUrl}`,
    `Add it to your LinkedIn profile: ${input.linkedInAddToProfileUrl}`,
    `Your badge's page: ${input.badgeUrl}`,
    '',
    'The claim link works once and for 30 days.',
  ].join('\n');
  return { to: input.to, subject, html, text };
}

export interface CompletionEmailInput {
  to: string;
  recipientName: string;
  issuerName: string;
  requirementTitle: string;
  /** Every badge the completion earned, each with its own claim link. */
  badges: { badgeName: string; claimUrl: string; badgeUrl: string }[];
}

interface CompletionNames {
  recipientName: string;
  issuerName: string;
  requirementTitle: string;
  badges: { badgeName: string }[];
}

/** A completion's names (the earner's, the issuer's, the requirement's, each badge's) as they may appear in an email. */
function completionNames<T extends CompletionNames>(raw: T): T {
  return {
    ...raw,
    recipientName: mailName(raw.recipientName),
    issuerName: mailName(raw.issuerName),
    requirementTitle: mailName(raw.requirementTitle),
    badges: raw.badges.map((badge) => ({ ...badge, badgeName: mailName(badge.badgeName) })),
  };
}

/** One email for every badge one reported completion earned. */
export function completionEmail(raw: CompletionEmailInput): MailMessage {
  const input = completionNames(raw);
  const count = input.badges.length === 1 ? 'a digital badge' : `${input.badges.length} digital badges`;
  const subject = `${input.issuerName} has issued you ${count} for completing ${input.requirementTitle}`;
  const html = htmlDocument(
    subject,
    `<p>Hello ${escapeHtml(input.recipientName)},</p>
<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
<p>Claim each badge to accept it, keep it in your portfolio and share it.</p>
<ul style="padding-left:20px">
${input.badges
  .map(
    (badge) =>
      `<li style="margin:12px 0"><strong>${escapeHtml(badge.badgeName)}</strong><br><a href="${escapeHtml(badge.claimUrl)}">Claim this badge</a> · <a href="${escapeHtml(badge.badgeUrl)}">its page</a></li>`,
  )
  .join('\n')}
</ul>
<p style="color:#59636e;font-size:13px">Each claim link works once and for 30 days.</p>`,
  );
  const text = [
    `Hello ${input.recipientName},`,
    '',
    `${subject}:`,
    '',
    ...input.badges.flatMap((badge) => [`${badge.badgeName}`, `  Claim it: ${badge.claimUrl}`, `  Its page: ${badge.badgeUrl}`, '']),
    'Each claim link works once and for 30 days.',
  ].join('\n');
  return { to: input.to, subject, html, text };
}

/** Tells an earner that an issuer verified skill badges they had claimed for themselves. */
export function selfClaimsVerifiedEmail(raw: { to: string; recipientName: string; issuerName: string; requirementTitle: string; badges: { badgeName: string; badgeUrl: string }[] }): MailMessage {
  const input = completionNames(raw);
  const what = input.badges.length === 1 ? 'your self-claimed badge' : `${input.badges.length} of your self-claimed badges`;
  const subject = `${input.issuerName} has verified ${what}`;
  const reason = `You completed ${input.requirementTitle}: the skill you claimed is now a verified badge issued by ${input.issuerName}, at the same address.`;
  const html = htmlDocument(
    subject,
    `<p>Hello ${escapeHtml(input.recipientName)},</p>
<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
<p>${escapeHtml(reason)}</p>
<ul style="padding-left:20px">
${input.badges.map((badge) => `<li style="margin:12px 0"><strong>${escapeHtml(badge.badgeName)}</strong><br><a href="${escapeHtml(badge.badgeUrl)}">its page</a></li>`).join('\n')}
</ul>`,
  );
  const text = [`Hello ${input.recipientName},`, '', `${subject}.`, reason, '', ...input.badges.flatMap((badge) => [badge.badgeName, `  Its page: ${badge.badgeUrl}`, ''])].join('\n');
  return { to: input.to, subject, html, text };
}

/** Sent to a member's ROSTER address when someone asks to link that membership to their BadgeLens account. */
export function membershipLinkEmail(raw: { to: string; recipientName: string; issuerName: string; memberId: string; linkUrl: string }): MailMessage {
  const input = { ...raw, recipientName: mailName(raw.recipientName), issuerName: mailName(raw.issuerName), memberId: mailName(raw.memberId) };
  return actionEmail({
    to: input.to,
    subject: `Link your ${input.issuerName} membership to BadgeLens`,
    greet: input.recipientName,
    paragraphs: [
      `Someone signed in to BadgeLens asked to link membership ${input.memberId} of ${input.issuerName} to their account. ${input.issuerName} lists this address for that membership.`,
      'Opening the link while signed in to that account links the membership: its badges (membership, level, volunteer status, certifications) are added to the account as verified badges.',
    ],
    action: { url: input.linkUrl, label: 'Link my membership' },
    notes: ['The link works once and for 48 hours.', 'If you did not ask for this, ignore this email: nothing is linked without the link.'],
  });
}

export function activationEmail(raw: { to: string; firstName: string; activationUrl: string }): MailMessage {
  return actionEmail({
    to: raw.to,
    subject: 'Confirm your email address for BadgeLens',
    greet: mailName(raw.firstName),
    paragraphs: ['Please confirm that this is your email address to activate your BadgeLens account:'],
    action: { url: raw.activationUrl, label: 'Confirm my email' },
    notes: ['The link works once and for 48 hours.'],
  });
}

/** Sent instead of an activation link when someone registers with an address that already has an account. */
export function alreadyRegisteredEmail(input: { to: string; loginUrl: string; resetUrl: string }): MailMessage {
  const subject = 'You already have a BadgeLens account';
  const html = htmlDocument(
    subject,
    `<p>Someone (probably you) tried to register a BadgeLens account with this email address, but it already has one.</p>
${button(input.loginUrl, 'Log in')}
<p>Forgot your password? <a href="${escapeHtml(input.resetUrl)}">Request a new one</a>.</p>`,
  );
  const text = `Someone (probably you) tried to register a BadgeLens account with this email address, but it already has one.\n\nLog in: ${input.loginUrl}\nForgot your password? ${input.resetUrl}`;
  return { to: input.to, subject, html, text };
}

export function passwordResetEmail(raw: { to: string; firstName: string; resetUrl: string }): MailMessage {
  return actionEmail({
    to: raw.to,
    subject: 'Choose a new BadgeLens password',
    greet: mailName(raw.firstName),
    paragraphs: ['Someone asked for a new password for your BadgeLens account. If it was you, choose one here:'],
    action: { url: raw.resetUrl, label: 'Choose a new password' },
    notes: ['The link works once and for one hour. Using it signs you out everywhere. If you did not ask, ignore this email: your password stays as it is.'],
  });
}

export function alternateEmailVerificationEmail(raw: { to: string; firstName: string; verifyUrl: string }): MailMessage {
  return actionEmail({
    to: raw.to,
    subject: 'Confirm your additional email address on BadgeLens',
    greet: mailName(raw.firstName),
    paragraphs: ['Confirm that this address is yours so badges issued to it join your BadgeLens account:'],
    action: { url: raw.verifyUrl, label: 'Confirm this address' },
    notes: ['The link works once and for 48 hours.'],
  });
}

/** Sent once, by the failed sign-in that locks the account: the way to unlock it is a new password. */
export function accountLockedEmail(raw: { to: string; firstName: string; resetUrl: string; resetRequestUrl: string }): MailMessage {
  return actionEmail({
    to: raw.to,
    subject: 'Your BadgeLens account is locked',
    greet: mailName(raw.firstName),
    paragraphs: [
      'Someone tried to sign in to your BadgeLens account with a wrong password 10 times in a row, so we have locked it. If it was not you, nobody got in: the password was never right.',
      'To unlock your account, choose a new password:',
    ],
    action: { url: raw.resetUrl, label: 'Choose a new password' },
    notes: [`The link works once and for one hour. Later, ask for a new one at ${raw.resetRequestUrl}`],
  });
}

export interface StaffInvitationEmailInput {
  to: string;
  issuerName: string;
  role: string;
  acceptUrl: string;
}

/** An invitation to join an issuer's console staff; the link works once and for a week. */
export function staffInvitationEmail(raw: StaffInvitationEmailInput): MailMessage {
  const issuerName = mailName(raw.issuerName);
  const subject = `You are invited to issue badges for ${issuerName} on BadgeLens`;
  const html = htmlDocument(
    subject,
    `<h1 style="font-size:20px">${escapeHtml(subject)}</h1>
<p>You are invited to join ${escapeHtml(issuerName)}'s console as ${escapeHtml(raw.role)}. Log in (or register with this address) and accept the invitation.</p>
${button(raw.acceptUrl, 'Accept the invitation')}
<p style="color:#59636e;font-size:13px">The link works once and for 7 days.</p>`,
  );
  const text = [`${subject}.`, '', `You are invited to join ${issuerName}'s console as ${raw.role}.`, `Accept the invitation: ${raw.acceptUrl}`, '', 'The link works once and for 7 days.'].join('\n');
  return { to: raw.to, subject, html, text };
}
