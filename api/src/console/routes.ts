import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { createBadgeClassSchema, expiryInput } from '../../../shared/schemas/badges';
import { attributeValueFromText, checkAttributeValue } from '../../../shared/schemas/attributes';
import { analyticsPage } from '../analytics/console';
import { presentBulkJob, presentReportEntry } from '../bulk/present';
import { BulkUploadError } from '../bulk/rows';
import { createApiKey } from '../db/apiKeys';
import { accountAcceptedIssuerBadge, findAccountByPrimaryEmail, findAccountByVerifiedEmail, unlockAccount, type Account } from '../db/accounts';
import { correctRecipientName, getAssertionRecord, revokeAssertion } from '../db/assertions';
import { createBadgeClass, getBadgeClass, updateBadgeClass, type BadgeClass } from '../db/badgeClasses';
import { createBulkJob, getBulkJob, listBulkReport } from '../db/bulkJobs';
import { transaction } from '../db/connection';
import { getIssuer } from '../db/issuers';
import { listRequirements, UnknownRequirementError } from '../db/requirements';
import { consumeAssertionTokens } from '../db/tokens';
import { issueOneBadge, sendClaimEmail } from '../earners/hooks';
import { csrfToken, csrfTokenMatches, formFields, parseForm, type FieldErrors } from '../earners/http';
import { firstRateLimited, keyRateLimited, RATE_LIMITS, recipientKey } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { errorAnswer } from '../http/errors';
import { sendRendered } from '../http/renderedFiles';
import { imageInputProblem } from '../lib/imageInput';
import { publicUrls } from '../lib/urls';
import { freezeCredentials } from '../ob3/issuance';
import { BulkPreviewPage, AuditPage, BadgeClassesPage, BadgeFormPage, ChooseIssuerPage, IssuedDetailPage, IssuedListPage, IssuePage, JobPage, KeysPage, StaffPage } from '../pages/console/ConsolePages';
import { ConsolePage, type ConsoleFrame } from '../pages/console/parts';
import { ButtonPage } from '../pages/earner/parts';
import { csrfFailure, pageGuard, tokenFailurePage } from '../earners/accountRoutes';
import { requirePageAccount, signedInForm, signedInPage } from '../earners/portfolioRoutes';
import { badgeFormErrors, badgeFormFields, badgeFormValues, badgeInputFromForm } from './badgeForm';
import { cardPreviewPng, cardPreviewQuerySchema, cardPreviewUrl } from './cardPreview';
import { toCsv } from './csv';
import { squareUpload } from './squareImage';
import { consoleContentSecurityPolicy } from './csp';
import {
  acceptInvitation,
  changeStaff,
  checkInvitation,
  findIssuedBadges,
  issuersOfAccount,
  listApiKeys,
  listAudit,
  listBadgeClassSummaries,
  listOpenInvitations,
  listStaff,
  recordAudit,
  requeueCredentials,
  revokeApiKey,
  setBadgeClassArchived,
  staffRole,
  type IssuedBadgeFilter,
  type StaffRole,
} from './data';
import { inviteStaff, issuedBadgeHistory, previewUpload, roleAllows, type Actor } from './service';

type C = Context<AppEnv>;

const ID = /^[A-Za-z0-9_-]{1,64}$/;
const LIST_LIMIT = 500;
const EXPORT_LIMIT = 50_000;
const MAX_UPLOAD_BYTES = 1024 * 1024;

interface Staff {
  account: Account;
  frame: ConsoleFrame;
  actor: Actor;
}

const NOTICES = {
  issued: 'The badge is issued and its claim email is queued.',
  archived: 'The badge class is archived: nothing more is issued from it.',
  restored: 'The badge class is active again.',
  saved: 'The badge class is saved.',
  invited: 'The invitation is on its way.',
  'role-changed': 'The role is changed.',
  removed: 'The person is removed from the staff.',
  resent: 'A new claim email is queued; older links no longer work.',
  renamed: "The recipient's name is corrected; the signed credential is issued again.",
  revoked: 'The badge is revoked.',
  unlocked: "The recipient's account is unlocked.",
} as const;

function notice(c: C): string | null {
  const key = c.req.query('notice');
  return key && key in NOTICES ? NOTICES[key as keyof typeof NOTICES] : null;
}

const notFound = (c: C) => errorAnswer(c, 404, 'not_found', 'There is nothing at this address.', { pageMessage: 'There is no page at this address.' });

/**
 * The signed-in person's staff context for the issuer in the path, needing at least `needed`. Not staff
 * of it: 404, as for an unknown issuer (nothing tells them it exists); staff with too weak a role: 403.
 */
async function staffOf(c: C, needed: StaffRole): Promise<Staff | Response> {
  const { signedIn, redirect } = await requirePageAccount(c);
  if (!signedIn) return redirect;
  c.header('Content-Security-Policy', consoleContentSecurityPolicy(c.var.deps.publicUrl));
  const issuerId = c.req.param('issuerId') ?? '';
  const role = ID.test(issuerId) ? await staffRole(c.var.deps.db, issuerId, signedIn.account.id) : null;
  const issuer = role ? await getIssuer(c.var.deps.db, issuerId) : null;
  if (!role || !issuer) return notFound(c);
  if (!roleAllows(role, needed)) return errorAnswer(c, 403, 'forbidden', `This needs the ${needed} role; you are ${role}.`);
  const account = signedIn.account;
  return {
    account,
    frame: { publicUrl: c.var.deps.publicUrl, csrf: csrfToken(c), firstName: account.firstName, issuer: { id: issuer.id, name: issuer.name }, role },
    actor: { issuerId: issuer.id, accountId: account.id, email: account.email },
  };
}

/** A change made in the console: its form token is checked and its author rate-limited; null: answer with `refusal`. */
async function changeFrom(c: C, staff: Staff, fields: Record<string, string | string[] | File>): Promise<Response | null> {
  if (!csrfTokenMatches(c, typeof fields.csrf === 'string' ? fields.csrf : undefined)) return csrfFailure(c);
  const wait = await keyRateLimited(c.var.deps, RATE_LIMITS.consoleAction, `account:${staff.account.id}`);
  if (wait > 0) {
    c.header('Retry-After', String(wait));
    return errorAnswer(c, 429, 'rate_limited', `Too many changes from your account lately. Try again in ${wait} seconds.`);
  }
  return null;
}

/** A console route for staff of the issuer in the path holding at least `needed` (see staffOf): `handle` states the rest. */
function staffRoute(needed: StaffRole, handle: (c: C, staff: Staff) => Promise<Response>) {
  return async (c: C) => {
    const staff = await staffOf(c, needed);
    return staff instanceof Response ? staff : handle(c, staff);
  };
}

/** A change posted as a form by such staff: `handle` runs once the form token is checked and its author not rate-limited (changeFrom). */
function staffChange(needed: StaffRole, handle: (c: C, staff: Staff, fields: Record<string, string>) => Promise<Response>) {
  return staffRoute(needed, async (c, staff) => {
    const fields = await formFields(c);
    return (await changeFrom(c, staff, fields)) ?? handle(c, staff, fields);
  });
}

async function audit(c: C, staff: Staff, action: string, subject: string | null, detail: string | null = null) {
  await recordAudit(c.var.deps.db, { ...staff.actor, actorEmail: staff.actor.email, action, subject, detail }, c.var.deps.now());
}

const base = (staff: Staff) => `/console/${staff.frame.issuer.id}`;

/** One of this issuer's badge classes, or null (another issuer's is unknown). */
async function ownBadgeClass(c: C, staff: Staff, id: string | undefined): Promise<BadgeClass | null> {
  if (!id || !ID.test(id)) return null;
  const badgeClass = await getBadgeClass(c.var.deps.db, id);
  return badgeClass && badgeClass.issuerId === staff.frame.issuer.id ? badgeClass : null;
}

async function activeBadgeClasses(c: C, staff: Staff) {
  return (await listBadgeClassSummaries(c.var.deps.db, staff.frame.issuer.id)).filter((badge) => !badge.archivedAt);
}

/** One of this issuer's issued badges, or null. */
async function ownIssued(c: C, staff: Staff) {
  const id = c.req.param('assertionId') ?? '';
  if (!ID.test(id)) return null;
  const [item] = await findIssuedBadges(c.var.deps.db, staff.frame.issuer.id, { assertionId: id }, c.var.deps.now(), 1);
  return item ?? null;
}

const issueFormSchema = z.object({
  badge: z.string().regex(ID, 'choose a badge class'),
  email: z.email('must be an email address').max(254),
  name: z.string().trim().min(1, 'give the recipient’s name').max(200),
  evidence: z.union([z.literal(''), z.url('must be a URL').max(2000)]),
  narrative: z.string().max(5000),
  expires: z.union([z.literal(''), expiryInput]),
  attribute: z.string().trim().max(200),
});

const filterSchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  state: z.enum(['pending', 'accepted', 'declined', 'revoked', 'expired']).optional().catch(undefined),
  badge: z.string().regex(ID).optional().catch(undefined),
  from: z.iso.date().optional().catch(undefined),
  to: z.iso.date().optional().catch(undefined),
});

function filterOf(c: C): { filter: IssuedBadgeFilter; query: string } {
  const parsed = filterSchema.parse(c.req.query());
  const filter: IssuedBadgeFilter = { q: parsed.q || undefined, state: parsed.state, badgeClassId: parsed.badge, from: parsed.from, to: parsed.to ? `${parsed.to}T23:59:59.999Z` : undefined };
  const query = new URLSearchParams(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string' && entry[1] !== '')).toString();
  return { filter, query };
}

/** An uploaded image file as a data: URI, or the reason it is refused. */
async function uploadedImage(file: unknown): Promise<{ image?: string; problem?: string }> {
  if (!(file instanceof File) || file.size === 0) return {};
  if (file.size > MAX_UPLOAD_BYTES) return { problem: 'The image is larger than 1 MB.' };
  const bytes = Buffer.from(await file.arrayBuffer());
  const type = file.type === 'image/svg+xml' || /\.svg$/i.test(file.name) ? 'image/svg+xml' : 'image/png';
  return { image: `data:${type};base64,${bytes.toString('base64')}` };
}

async function badgeForm(c: C, staff: Staff, badgeClass: BadgeClass | null, values: Record<string, string>, errors: FieldErrors = {}, status: 200 | 400 | 404 = 200) {
  const requirements = await listRequirements(c.var.deps.db, staff.frame.issuer.id);
  const action = badgeClass ? `${base(staff)}/badges/${badgeClass.id}/edit` : `${base(staff)}/badges/new`;
  const imageUrl = badgeClass ? publicUrls(c.var.deps.publicUrl).badgeClassImage(badgeClass.id) : null;
  const cardUrl = cardPreviewUrl(base(staff), values, badgeClass?.id ?? null);
  return c.html(BadgeFormPage({ frame: staff.frame, action, fields: badgeFormFields(requirements), values, errors, imageUrl, cardUrl, editing: badgeClass !== null }), status);
}

async function saveBadgeClass(c: C, staff: Staff, badgeClass: BadgeClass | null) {
  const { db, now, publicUrl } = c.var.deps;
  const body = (await c.req.parseBody({ all: true }).catch(() => ({}))) as Record<string, string | string[] | File>;
  const refused = await changeFrom(c, staff, body);
  if (refused) return refused;
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries(body)) if (typeof value === 'string') values[key] = value;
  const requirementIds = ([] as unknown[]).concat(body.requirements ?? []).filter((id): id is string => typeof id === 'string');
  values.requirements = requirementIds.join(',');
  const upload = await uploadedImage(body.image);
  if (upload.problem) return badgeForm(c, staff, badgeClass, values, { image: upload.problem }, 400);
  const parsed = parseForm(createBadgeClassSchema, badgeInputFromForm(values, requirementIds, upload.image) as never);
  if (!parsed.ok) return badgeForm(c, staff, badgeClass, values, badgeFormErrors(parsed.errors), 400);
  const imageProblem = upload.image ? await imageInputProblem(upload.image, c.var.deps) : null;
  if (imageProblem) return badgeForm(c, staff, badgeClass, values, { image: imageProblem }, 400);
  if (parsed.value.image) {
    const squared = await squareUpload(parsed.value.image).catch(() => null);
    if (!squared) return badgeForm(c, staff, badgeClass, values, { image: 'This image could not be cut to a square in time: upload a square PNG, or a smaller one.' }, 400);
    parsed.value.image = squared;
  }
  try {
    const saved = badgeClass
      ? await transaction(db, async (trx) => {
          await freezeCredentials(trx, publicUrl, { badgeClassId: badgeClass.id });
          return updateBadgeClass(trx, staff.frame.issuer.id, badgeClass.id, parsed.value, now());
        })
      : await createBadgeClass(db, staff.frame.issuer.id, parsed.value, now());
    if (!saved) return notFound(c);
    await audit(c, staff, badgeClass ? 'badge_class.edit' : 'badge_class.create', saved.name);
    return c.redirect(`${base(staff)}?notice=saved`, 303);
  } catch (error) {
    if (error instanceof UnknownRequirementError) return badgeForm(c, staff, badgeClass, values, { requirements: error.message }, 400);
    throw error;
  }
}

/** The issuer console (mounted at /console): pages for issuer staff, each one answering only that issuer's staff. */
export const consoleRoutes = new Hono<AppEnv>()
  .get('/', pageGuard, signedInPage(async (c, signedIn) => {
    const issuers = await issuersOfAccount(c.var.deps.db, signedIn.account.id);
    if (issuers.length === 1) return c.redirect(`/console/${issuers[0].issuer.id}`, 303);
    const frame = { publicUrl: c.var.deps.publicUrl, csrf: csrfToken(c), firstName: signedIn.account.firstName };
    return c.html(ChooseIssuerPage({ frame, issuers: issuers.map(({ issuer, role }) => ({ id: issuer.id, name: issuer.name, role })) }));
  }))
  .get('/invitations/:token', pageGuard, async (c) => {
    const { deps } = c.var;
    const token = c.req.param('token');
    const check = await checkInvitation(deps.db, token, deps.now());
    if (!check.ok) return tokenFailurePage(c, check.reason, 'invitation', { href: '/console', label: 'Go to the console' });
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    const issuer = await getIssuer(deps.db, check.invitation.issuerId);
    return c.html(
      ButtonPage({
        publicUrl: deps.publicUrl,
        csrf: csrfToken(c),
        signedInAs: signedIn.account,
        title: 'Join the issuer’s console',
        message: `Join ${issuer?.name ?? 'this issuer'} as ${check.invitation.role}, signed in as ${signedIn.account.email}?`,
        action: `/console/invitations/${token}`,
        button: 'Accept the invitation',
      }),
    );
  })
  .post('/invitations/:token', pageGuard, signedInForm(async (c, signedIn) => {
    const { deps } = c.var;
    const check = await checkInvitation(deps.db, c.req.param().token, deps.now());
    if (!check.ok) return tokenFailurePage(c, check.reason, 'invitation', { href: '/console', label: 'Go to the console' });
    if (!(await acceptInvitation(deps.db, check.invitation, signedIn.account.id, deps.now()))) {
      return tokenFailurePage(c, 'used', 'invitation', { href: '/console', label: 'Go to the console' });
    }
    await recordAudit(
      deps.db,
      { issuerId: check.invitation.issuerId, accountId: signedIn.account.id, actorEmail: signedIn.account.email, action: 'staff.join', subject: signedIn.account.email, detail: `role ${check.invitation.role}, invited as ${check.invitation.email}` },
      deps.now(),
    );
    return c.redirect(`/console/${check.invitation.issuerId}`, 303);
  }))
  // --- Badge classes
  .get('/:issuerId', pageGuard, staffRoute('viewer', async (c, staff) => {
    const badges = await listBadgeClassSummaries(c.var.deps.db, staff.frame.issuer.id);
    return c.html(BadgeClassesPage({ frame: staff.frame, badges, notice: notice(c) }));
  }))
  .get('/:issuerId/badges/new', pageGuard, staffRoute('issuer', (c, staff) => badgeForm(c, staff, null, { category: 'skill' })))
  .post('/:issuerId/badges/new', pageGuard, staffRoute('issuer', (c, staff) => saveBadgeClass(c, staff, null)))
  .get('/:issuerId/badges/card-preview.png', pageGuard, staffRoute('issuer', async (c, staff) => {
    const query = cardPreviewQuerySchema.safeParse(c.req.query());
    if (!query.success) return errorAnswer(c, 400, 'invalid_query', 'The card preview takes a name of at most 200 characters and a known category.');
    const badgeClass = query.data.badge ? await ownBadgeClass(c, staff, query.data.badge) : null;
    const card = await cardPreviewPng(query.data, staff.frame.issuer.name, badgeClass, c.var.deps);
    return sendRendered(c, card, { 'Content-Type': 'image/png', 'Cache-Control': 'private, max-age=300', 'X-Content-Type-Options': 'nosniff' });
  }))
  .get('/:issuerId/badges/:badgeId/edit', pageGuard, staffRoute('issuer', async (c, staff) => {
    const badgeClass = await ownBadgeClass(c, staff, c.req.param('badgeId'));
    if (!badgeClass) return notFound(c);
    return badgeForm(c, staff, badgeClass, badgeFormValues(badgeClass));
  }))
  .post('/:issuerId/badges/:badgeId/edit', pageGuard, staffRoute('issuer', async (c, staff) => {
    const badgeClass = await ownBadgeClass(c, staff, c.req.param('badgeId'));
    if (!badgeClass) return notFound(c);
    return saveBadgeClass(c, staff, badgeClass);
  }))
  .post('/:issuerId/badges/:badgeId/:change{archive|restore}', pageGuard, staffChange('issuer', async (c, staff) => {
    const badgeClass = await ownBadgeClass(c, staff, c.req.param('badgeId'));
    const archive = c.req.param('change') === 'archive';
    if (!badgeClass || !(await setBadgeClassArchived(c.var.deps.db, staff.frame.issuer.id, badgeClass.id, archive, c.var.deps.now()))) return notFound(c);
    await audit(c, staff, archive ? 'badge_class.archive' : 'badge_class.restore', badgeClass.name);
    return c.redirect(`${base(staff)}?notice=${archive ? 'archived' : 'restored'}`, 303);
  }))
  // --- Issuing
  .get('/:issuerId/issue', pageGuard, staffRoute('issuer', async (c, staff) => c.html(IssuePage({ frame: staff.frame, badges: await activeBadgeClasses(c, staff), notice: notice(c) }))))
  .post('/:issuerId/issue', pageGuard, staffChange('issuer', async (c, staff, fields) => {
    const { deps } = c.var;
    const page = async (errors: FieldErrors) => c.html(IssuePage({ frame: staff.frame, badges: await activeBadgeClasses(c, staff), values: fields, errors }), 400);
    const parsed = parseForm(issueFormSchema, { evidence: '', narrative: '', expires: '', attribute: '', ...fields });
    if (!parsed.ok) return page(parsed.errors);
    const badgeClass = await ownBadgeClass(c, staff, parsed.value.badge);
    if (!badgeClass || badgeClass.archivedAt) return page({ badge: 'This badge class is unknown or archived.' });
    const now = deps.now();
    const { email, name, evidence, narrative, expires, attribute } = parsed.value;
    if (expires && Date.parse(expires) <= now.getTime()) return page({ expires: 'must be in the future' });
    // As a CSV cell: years and yes/no are read from the text, then checked against the badge class's attribute.
    const attributeValue = checkAttributeValue(badgeClass.attribute, attribute === '' ? undefined : badgeClass.attribute ? attributeValueFromText(badgeClass.attribute.kind, attribute) : attribute);
    if (!attributeValue.ok) return page({ attribute: attributeValue.problem });
    const issued = await issueOneBadge(
      deps,
      badgeClass,
      { email, name, evidenceUrl: evidence || undefined, narrative: narrative || undefined, expires: expires || undefined, attributeValue: attributeValue.value },
      now,
    );
    await audit(c, staff, 'badge.issue', `${issued.id} (${email})`, badgeClass.name);
    return c.redirect(`${base(staff)}/issue?notice=issued`, 303);
  }))
  .post('/:issuerId/bulk/preview', pageGuard, staffRoute('issuer', async (c, staff) => {
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, string | File>);
    const refused = await changeFrom(c, staff, body);
    if (refused) return refused;
    const again = async (bulkError: string) => c.html(IssuePage({ frame: staff.frame, badges: await activeBadgeClasses(c, staff), bulkError }), 400);
    const badgeClass = await ownBadgeClass(c, staff, typeof body.badge === 'string' ? body.badge : undefined);
    if (!badgeClass || badgeClass.archivedAt) return again('Unknown badge: choose one of your active badge classes.');
    if (!(body.file instanceof File) || body.file.size === 0) return again('Choose a CSV file.');
    const csv = await body.file.text();
    try {
      const rows = await previewUpload(c.var.deps.db, badgeClass, csv, c.var.deps.now());
      return c.html(BulkPreviewPage({ frame: staff.frame, badge: { id: badgeClass.id, name: badgeClass.name }, rows, csv }));
    } catch (error) {
      if (error instanceof BulkUploadError) return again(error.message);
      throw error;
    }
  }))
  .post('/:issuerId/bulk/confirm', pageGuard, staffChange('issuer', async (c, staff, fields) => {
    const { deps } = c.var;
    const badgeClass = await ownBadgeClass(c, staff, fields.badge);
    if (!badgeClass || badgeClass.archivedAt) return notFound(c);
    const wait = await keyRateLimited(deps, RATE_LIMITS.bulkIssue, `issuer:${staff.frame.issuer.id}`);
    if (wait > 0) return errorAnswer(c, 429, 'rate_limited', `Your issuer has started too many bulk uploads lately. Try again in ${wait} seconds.`);
    try {
      const rows = await previewUpload(deps.db, badgeClass, fields.csv ?? '', deps.now());
      const job = await createBulkJob(deps.db, { issuerId: staff.frame.issuer.id, badgeClassId: badgeClass.id, rows: rows.map(({ holds: _holds, ...row }) => row) }, deps.now());
      deps.onBulkJobQueued();
      await audit(c, staff, 'badge.bulk_issue', job.id, `${badgeClass.name}: ${rows.length} rows`);
      return c.redirect(`${base(staff)}/jobs/${job.id}`, 303);
    } catch (error) {
      if (error instanceof BulkUploadError) return errorAnswer(c, 400, error.code, error.message);
      throw error;
    }
  }))
  .get('/:issuerId/jobs/:jobId/:view{status\\.json|report\\.csv}?', pageGuard, staffRoute('viewer', async (c, staff) => {
    const jobId = c.req.param('jobId') ?? '';
    const job = ID.test(jobId) ? await getBulkJob(c.var.deps.db, jobId) : null;
    if (!job || job.issuerId !== staff.frame.issuer.id) return notFound(c);
    const presented = presentBulkJob(job, await listBulkReport(c.var.deps.db, job.id));
    const view = c.req.param('view');
    if (view === 'status.json') return c.json(presented);
    if (view === 'report.csv') {
      c.header('Content-Disposition', `attachment; filename="bulk-report-${job.id}.csv"`);
      const report = presented.report.map((entry) => [String(entry.row), entry.email, entry.status, entry.assertionId ?? '', entry.error ?? '']);
      return c.body(toCsv(['row', 'email', 'status', 'assertionId', 'error'], report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.html(JobPage({ frame: staff.frame, job: presented }));
  }))
  // --- Managing issued badges
  .get('/:issuerId/issued', pageGuard, staffRoute('viewer', (c, staff) => issuedList(c, staff, false)))
  .get('/:issuerId/issued.csv', pageGuard, staffRoute('viewer', (c, staff) => issuedList(c, staff, true)))
  .get('/:issuerId/issued/:assertionId', pageGuard, staffRoute('viewer', async (c, staff) => {
    const item = await ownIssued(c, staff);
    if (!item) return notFound(c);
    return c.html(IssuedDetailPage({ frame: staff.frame, item, history: await issuedBadgeHistory(c.var.deps.db, item), notice: notice(c) }));
  }))
  .post('/:issuerId/issued/:assertionId/:action{resend|name|revoke|unlock}', pageGuard, staffChange('issuer', async (c, staff, fields) => {
    const item = await ownIssued(c, staff);
    if (!item) return notFound(c);
    const { deps } = c.var;
    const now = deps.now();
    const detailUrl = `${base(staff)}/issued/${item.id}`;
    const fail = async (status: 400 | 404 | 409 | 429, error: string) =>
      c.html(IssuedDetailPage({ frame: staff.frame, item, history: await issuedBadgeHistory(deps.db, item), error }), status);
    switch (c.req.param('action')) {
      case 'resend': {
        if (item.revoked || item.claimState !== 'pending') return fail(409, 'Only a badge waiting for its recipient can be sent again.');
        const limited = await firstRateLimited(c, [
          [RATE_LIMITS.claimResendRecipient, recipientKey(item.recipientEmail)],
          [RATE_LIMITS.claimResendIssuer, `issuer:${staff.frame.issuer.id}`],
        ]);
        if (limited) return fail(429, `The claim email was sent too often lately. Try again in ${limited.wait} seconds.`);
        const record = (await getAssertionRecord(deps.db, item.id))!;
        await transaction(deps.db, async (db) => {
          await consumeAssertionTokens(db, item.id, 'claim', now);
          await sendClaimEmail({ ...deps, db }, record, now);
        });
        await audit(c, staff, 'badge.resend_claim', `${item.id} (${item.recipientEmail})`);
        return c.redirect(`${detailUrl}?notice=resent`, 303);
      }
      case 'name': {
        const parsed = z.string().trim().min(1).max(200).safeParse(fields.name);
        if (!parsed.success) return fail(400, 'Give the corrected name (at most 200 characters).');
        const changed = await transaction(deps.db, async (db) => {
          const ids = await correctRecipientName(db, item.id, parsed.data);
          await requeueCredentials(db, ids);
          return ids;
        });
        await audit(c, staff, 'badge.correct_name', `${item.id} (${item.recipientEmail})`, `${item.recipientName} → ${parsed.data} (${changed.length} badge(s))`);
        return c.redirect(`${detailUrl}?notice=renamed`, 303);
      }
      case 'revoke': {
        const parsed = z.string().trim().min(1).max(500).safeParse(fields.reason);
        if (!parsed.success) return fail(400, 'Give the reason for revoking (at most 500 characters).');
        if (!(await revokeAssertion(deps.db, item.id, parsed.data, now))) return fail(409, 'This badge was already revoked.');
        await audit(c, staff, 'badge.revoke', `${item.id} (${item.recipientEmail})`, parsed.data);
        return c.redirect(`${detailUrl}?notice=revoked`, 303);
      }
      default: {
        const account = (await findAccountByPrimaryEmail(deps.db, item.recipientEmail)) ?? (await findAccountByVerifiedEmail(deps.db, item.recipientEmail));
        // As the API: only people who accepted one of this issuer's badges.
        if (!account || !(await accountAcceptedIssuerBadge(deps.db, account.id, staff.frame.issuer.id))) return fail(404, 'No account of this recipient holds an accepted badge of yours.');
        await unlockAccount(deps.db, account.id, now);
        await audit(c, staff, 'earner.unlock', item.recipientEmail, account.lockedAt ? 'was locked' : 'was not locked');
        return c.redirect(`${detailUrl}?notice=unlocked`, 303);
      }
    }
  }))
  // --- Staff, audit log and API keys (owners)
  .get('/:issuerId/staff', pageGuard, staffRoute('owner', (c, staff) => staffPage(c, staff, {})))
  .post('/:issuerId/staff/:action{invite|role|remove}', pageGuard, staffChange('owner', async (c, staff, fields) => {
    const { deps } = c.var;
    const role = z.enum(['owner', 'issuer', 'viewer']).safeParse(fields.role);
    const action = c.req.param('action');
    if (action === 'invite') {
      const email = z.email().max(254).safeParse(fields.email?.trim());
      if (!email.success) return staffPage(c, staff, { email: 'must be an email address' }, 400);
      if (!role.success) return staffPage(c, staff, { form: 'Choose a role.' }, 400);
      const wait = await keyRateLimited(deps, RATE_LIMITS.staffInvite, `issuer:${staff.frame.issuer.id}`);
      if (wait > 0) {
        c.header('Retry-After', String(wait));
        return staffPage(c, staff, { form: `Too many invitations lately. Try again in ${Math.ceil(wait / 3600)} hour(s).` }, 429);
      }
      await inviteStaff(deps, staff.actor, { email: email.data, role: role.data });
      return c.redirect(`${base(staff)}/staff?notice=invited`, 303);
    }
    const member = (await listStaff(deps.db, staff.frame.issuer.id)).find((m) => m.accountId === fields.account);
    if (!member) return notFound(c);
    if (action === 'role' && !role.success) return staffPage(c, staff, { form: 'Choose a role.' }, 400);
    const newRole = action === 'role' && role.success ? role.data : null;
    const result = await changeStaff(deps.db, staff.frame.issuer.id, member.accountId, newRole, deps.now());
    if (result === 'last_owner') return staffPage(c, staff, { form: 'An issuer keeps at least one owner: make someone else owner first.' }, 409);
    if (result === 'not_found') return notFound(c);
    await audit(c, staff, newRole ? 'staff.role' : 'staff.remove', member.email, newRole ? `${member.role} → ${newRole}` : `was ${member.role}`);
    return c.redirect(`${base(staff)}/staff?notice=${newRole ? 'role-changed' : 'removed'}`, 303);
  }))
  .get('/:issuerId/analytics', pageGuard, staffRoute('viewer', async (c, staff) => {
    return analyticsPage(c, {
      issuerId: staff.frame.issuer.id,
      basePath: `${base(staff)}/analytics`,
      layout: (panel) => ConsolePage({ frame: staff.frame, title: 'Analytics', section: 'analytics', children: panel }),
    });
  }))
  .get('/:issuerId/audit', pageGuard, staffRoute('owner', async (c, staff) => c.html(AuditPage({ frame: staff.frame, entries: await listAudit(c.var.deps.db, staff.frame.issuer.id) }))))
  .get('/:issuerId/keys', pageGuard, staffRoute('owner', async (c, staff) => c.html(KeysPage({ frame: staff.frame, keys: await listApiKeys(c.var.deps.db, staff.frame.issuer.id) }))))
  .post('/:issuerId/keys', pageGuard, staffChange('owner', async (c, staff, fields) => {
    const { db, now } = c.var.deps;
    const label = (fields.label ?? '').trim().slice(0, 100) || null;
    const { id, apiKey } = await createApiKey(db, staff.frame.issuer.id, label, now());
    await audit(c, staff, 'api_key.create', id, label);
    // Shown on this answer only (not after a redirect): the key is stored hashed.
    return c.html(KeysPage({ frame: staff.frame, keys: await listApiKeys(db, staff.frame.issuer.id), newKey: apiKey }), 201);
  }))
  .post('/:issuerId/keys/:keyId/revoke', pageGuard, staffChange('owner', async (c, staff) => {
    const keyId = c.req.param('keyId') ?? '';
    if (!(await revokeApiKey(c.var.deps.db, staff.frame.issuer.id, keyId, c.var.deps.now()))) return notFound(c);
    await audit(c, staff, 'api_key.revoke', keyId);
    return c.redirect(`${base(staff)}/keys`, 303);
  }));

async function issuedList(c: C, staff: Staff, csv: boolean) {
  const { db, now } = c.var.deps;
  const { filter, query } = filterOf(c);
  const items = await findIssuedBadges(db, staff.frame.issuer.id, filter, now(), csv ? EXPORT_LIMIT : LIST_LIMIT);
  if (csv) {
    c.header('Content-Disposition', 'attachment; filename="issued-badges.csv"');
    const rows = items.map((item) => [item.id, item.badgeClassName, item.recipientName, item.recipientEmail, item.issuedOn, item.expires ?? '', item.revoked ? 'revoked' : item.claimState, item.revocationReason ?? '']);
    return c.body(toCsv(['id', 'badge', 'name', 'email', 'issuedOn', 'expires', 'state', 'revocationReason'], rows), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  }
  const badges = await listBadgeClassSummaries(db, staff.frame.issuer.id);
  return c.html(IssuedListPage({ frame: staff.frame, filter, badges, items, query }));
}

async function staffPage(c: C, staff: Staff, errors: FieldErrors, status: 200 | 400 | 409 | 429 = 200) {
  const { db, now } = c.var.deps;
  const [members, invitations] = await Promise.all([listStaff(db, staff.frame.issuer.id), listOpenInvitations(db, staff.frame.issuer.id, now())]);
  return c.html(StaffPage({ frame: staff.frame, staff: members, invitations, errors, notice: notice(c) }), status);
}

