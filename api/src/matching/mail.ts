// The emails of organisations and matching: staff invitations, messages to people and their answers.
// Names (chosen by whoever registers or creates an organisation) go through mailName(); no email
// address of one side is ever put in a message to the other.
import { escapeHtml } from '../../../shared/escape';
import type { MailMessage } from '../db/mailQueue';
import { button, htmlDocument, mailName } from '../mail/templates';

export function matchingUrls(base: string) {
  return {
    organisation: (slug: string) => `${base}/organisations/${slug}`,
    person: (publicId: string) => `${base}/people/${publicId}`,
    invitation: (token: string) => `${base}/organisations/invitations/${token}`,
    contact: (token: string) => `${base}/contact/${token}`,
    optIns: () => `${base}/profile/opt-ins`,
    manage: (id: string) => `${base}/manage/organisations/${id}`,
  };
}

export function invitationEmail(raw: { to: string; inviterName: string; organisationName: string; role: string; url: string }): MailMessage {
  const input = { ...raw, inviterName: mailName(raw.inviterName), organisationName: mailName(raw.organisationName) };
  const subject = `Join ${input.organisationName} on BadgeLens`;
  const html = htmlDocument(
    subject,
    `<p>${escapeHtml(input.inviterName)} invites you to manage ${escapeHtml(input.organisationName)} on BadgeLens as ${escapeHtml(input.role)}.</p>
${button(input.url, 'Accept the invitation')}
<p style="color:#59636e;font-size:13px">The link works once and for 7 days. Sign in (or register) with this address to accept.</p>`,
  );
  const text = `${input.inviterName} invites you to manage ${input.organisationName} on BadgeLens as ${input.role}.\n\nAccept: ${input.url}\n\nThe link works once and for 7 days.`;
  return { to: input.to, subject, html, text };
}

/** To the person an organisation contacts: the message, and a link to answer or ignore it. */
export function contactEmail(raw: { to: string; firstName: string; organisationName: string; message: string; url: string }): MailMessage {
  const input = { ...raw, firstName: mailName(raw.firstName), organisationName: mailName(raw.organisationName) };
  const subject = `${input.organisationName} would like to get in touch`;
  const html = htmlDocument(
    subject,
    `<p>Hello ${escapeHtml(input.firstName)},</p>
<p>${escapeHtml(input.organisationName)} found you on BadgeLens through your badges and sent you this message:</p>
<blockquote style="white-space:pre-wrap;border-left:4px solid #d0d7de;margin:0;padding:0 12px">${escapeHtml(input.message)}</blockquote>
${button(input.url, 'Answer or ignore')}
<p style="color:#59636e;font-size:13px">They do not have your email address. If you answer, we send them your answer; if you ignore it, they hear nothing.</p>`,
  );
  const text = `Hello ${input.firstName},\n\n${input.organisationName} found you on BadgeLens through your badges and sent you this message:\n\n${input.message}\n\nAnswer or ignore: ${input.url}\n\nThey do not have your email address. If you answer, we send them your answer; if you ignore it, they hear nothing.`;
  return { to: input.to, subject, html, text };
}

/** To the staff member who wrote: the person's answer, signed with their public name only. */
export function contactAnswerEmail(raw: { to: string; personName: string; organisationName: string; answer: string }): MailMessage {
  const input = { ...raw, personName: mailName(raw.personName), organisationName: mailName(raw.organisationName) };
  const subject = `${input.personName} answered your message (${input.organisationName})`;
  const html = htmlDocument(subject, `<p>${escapeHtml(input.personName)} answered the message you sent through BadgeLens:</p>
<blockquote style="white-space:pre-wrap;border-left:4px solid #d0d7de;margin:0;padding:0 12px">${escapeHtml(input.answer)}</blockquote>`);
  const text = `${input.personName} answered the message you sent through BadgeLens:\n\n${input.answer}`;
  return { to: input.to, subject, html, text };
}
