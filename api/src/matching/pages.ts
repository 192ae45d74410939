import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { entityIdSchema, optInsBodySchema, organisationBodySchema, slugSchema } from '../../../shared/schemas/matching';
import { getAccount } from '../db/accounts';
import { listAccountAssertionRecords } from '../db/assertions';
import { listBadgeClasses } from '../db/badgeClasses';
import { csrfToken, formFields, csrfTokenMatches } from '../earners/http';
import { queueMail } from '../earners/mail';
import type { AppEnv } from '../http/env';
import { errorAnswer } from '../http/errors';
import { publicUrls } from '../lib/urls';
import { ButtonPage, MessagePage } from '../pages/earner/parts';
import { ContactPage, ManageOrganisationsPage, OptInsPage, OrganisationPage, PersonPage } from '../pages/matching/MatchingPages';
import { csrfFailure, pageGuard } from '../earners/accountRoutes';
import { requirePageAccount } from '../earners/portfolioRoutes';
import { acceptInvitation, checkInvitation, createOrganisation, listOrganisationsOf, staffRole, updateOrganisation, decideContactMessage, findContactMessage, findDiscoverablePerson, getOptIns, getOrganisationBySlug, getOrganisation, listCourses, listRoles, saveOptIns } from './db';
import { contactAnswerEmail, matchingUrls } from './mail';
import { organisationManagePageRoutes } from './managePages';
import { badgeRefs, presentCourse, presentRole, refsProblem } from './service';

type Ctx = Context<AppEnv>;

const notFound = (c: Ctx, what: string) => errorAnswer(c, 404, 'not_found', `No ${what} here.`, { pageMessage: `There is no ${what} at this address, or it is not public.` });
const tokenSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}\.[A-Za-z0-9_-]{32,128}$/);

async function optInsPage(c: Ctx, account: { id: string; firstName: string }, extra: { notice?: string; error?: string; status?: 200 | 400 | 422 } = {}) {
  const { db, publicUrl } = c.var.deps;
  const optIns = await getOptIns(db, account.id);
  const badges = (await listBadgeClasses(db)).map((badge) => ({ id: badge.id, name: badge.name }));
  const pageUrl = optIns.publicId && (optIns.jobSeeker || optIns.student) ? matchingUrls(publicUrl).person(optIns.publicId) : null;
  return c.html(OptInsPage({ publicUrl, csrf: csrfToken(c), signedInAs: account, values: optIns, badges, pageUrl, notice: extra.notice, error: extra.error }), extra.status ?? 200);
}

/** Public pages of organisations and people; the earner's opt-ins; invitations and messages from links in emails. */
export const matchingPageRoutes = new Hono<AppEnv>()
  .get('/organisations/:slug', async (c) => {
    const slug = slugSchema.safeParse(c.req.param('slug'));
    const organisation = slug.success ? await getOrganisationBySlug(c.var.deps.db, slug.data) : null;
    if (!organisation || !organisation.published) return notFound(c, 'organisation');
    const [roles, courses] = await Promise.all([listRoles(c.var.deps.db, organisation.id), listCourses(c.var.deps.db, organisation.id)]);
    const refs = await badgeRefs(c.var.deps, [...roles.flatMap((role) => [...role.required, ...role.preferred]), ...courses.flatMap((course) => course.badgeIds)]);
    return c.html(OrganisationPage({ publicUrl: c.var.deps.publicUrl, organisation, roles: roles.map((role) => presentRole(role, refs)), courses: courses.map((course) => presentCourse(course, refs)) }));
  })
  .get('/people/:id', async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const id = entityIdSchema.safeParse(c.req.param('id'));
    const person = id.success ? await findDiscoverablePerson(db, id.data) : null;
    if (!person) return notFound(c, 'person');
    const urls = publicUrls(publicUrl);
    const at = now().getTime();
    const badges = (await listAccountAssertionRecords(db, person.accountId))
      .filter(({ assertion }) => assertion.claimState === 'accepted' && assertion.isPublic && !assertion.revoked && (assertion.expires === null || Date.parse(assertion.expires) > at))
      .map(({ assertion, badgeClass }) => ({ name: badgeClass.name, imageUrl: urls.assertionImage(assertion.id), url: urls.assertion(assertion.id) }));
    const optIns = await getOptIns(db, person.accountId);
    const wanted = [...(await badgeRefs(c.var.deps, optIns.wantedBadgeIds)).values()];
    c.header('Cache-Control', 'no-store');
    return c.html(PersonPage({ publicUrl, person, badges, wanted }));
  })
  .get('/profile/opt-ins', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    return optInsPage(c, signedIn.account, { notice: c.req.query('notice') === 'saved' ? 'Your choices are saved.' : undefined });
  })
  .post('/profile/opt-ins', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    const body = await c.req.parseBody({ all: true }).catch(() => ({}) as Record<string, unknown>);
    const fields = await formFields(c);
    if (!csrfTokenMatches(c, fields.csrf)) return csrfFailure(c);
    const wanted = body.wantedBadgeIds === undefined ? [] : ([] as unknown[]).concat(body.wantedBadgeIds).filter((value): value is string => typeof value === 'string');
    const parsed = optInsBodySchema.safeParse({ jobSeeker: fields.jobSeeker === 'on', student: fields.student === 'on', location: fields.location ?? '', wantedBadgeIds: wanted });
    if (!parsed.success) return optInsPage(c, signedIn.account, { error: parsed.error.issues[0].message, status: 400 });
    const problem = await refsProblem(c.var.deps, parsed.data.wantedBadgeIds);
    if (problem) return optInsPage(c, signedIn.account, { error: problem, status: 422 });
    await saveOptIns(c.var.deps.db, signedIn.account.id, parsed.data, c.var.deps.now());
    return c.redirect('/profile/opt-ins?notice=saved', 303);
  })
  .get('/manage/organisations', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    return managePage(c, signedIn.account);
  })
  .post('/manage/organisations', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    const fields = await formFields(c);
    if (!csrfTokenMatches(c, fields.csrf)) return csrfFailure(c);
    const parsed = organisationBodySchema.safeParse({ kind: fields.kind, name: fields.name, slug: fields.slug, location: fields.location ?? '' });
    if (!parsed.success) return managePage(c, signedIn.account, `${parsed.error.issues[0].path.join('.')}: ${parsed.error.issues[0].message}`, 400);
    if (!(await createOrganisation(c.var.deps.db, signedIn.account.id, parsed.data, c.var.deps.now()))) return managePage(c, signedIn.account, 'Another organisation has this address: choose another.', 409);
    return c.redirect('/manage/organisations', 303);
  })
  .post('/manage/organisations/:id/publish', pageGuard, async (c) => {
    const { signedIn, redirect } = await requirePageAccount(c);
    if (!signedIn) return redirect;
    const fields = await formFields(c);
    if (!csrfTokenMatches(c, fields.csrf)) return csrfFailure(c);
    const id = entityIdSchema.safeParse(c.req.param('id'));
    if (!id.success || !(await staffRole(c.var.deps.db, id.data, signedIn.account.id))) return notFound(c, 'organisation of yours');
    await updateOrganisation(c.var.deps.db, id.data, { published: fields.published === 'yes' }, c.var.deps.now());
    return c.redirect(fields.back === 'organisation' ? `/manage/organisations/${id.data}` : '/manage/organisations', 303);
  })
  .route('/manage/organisations', organisationManagePageRoutes)
  .get('/organisations/invitations/:token', pageGuard, async (c) => invitationPage(c, false))
  .post('/organisations/invitations/:token', pageGuard, async (c) => invitationPage(c, true))
  .get('/contact/:token', pageGuard, async (c) => contactPage(c, false))
  .post('/contact/:token', pageGuard, async (c) => contactPage(c, true));

async function managePage(c: Ctx, account: { id: string; firstName: string }, error?: string, status: 200 | 400 | 409 = 200) {
  const { db, publicUrl } = c.var.deps;
  const organisations = [];
  for (const organisation of await listOrganisationsOf(db, account.id)) {
    const items = organisation.kind === 'company' ? (await listRoles(db, organisation.id)).length : (await listCourses(db, organisation.id)).length;
    organisations.push({ ...organisation, items });
  }
  return c.html(ManageOrganisationsPage({ publicUrl, csrf: csrfToken(c), signedInAs: account, organisations, error }), status);
}

/** An invitation link: the signed-in person whose account has the invited address joins the staff. */
async function invitationPage(c: Ctx, accept: boolean) {
  const { signedIn, redirect } = await requirePageAccount(c);
  if (!signedIn) return redirect;
  const { db, publicUrl, now } = c.var.deps;
  const token = tokenSchema.safeParse(c.req.param('token'));
  const check = token.success ? await checkInvitation(db, token.data, now()) : ({ ok: false, reason: 'invalid' } as const);
  const signedInAs = signedIn.account;
  const page = (title: string, message: string, status: 200 | 403 | 404 | 410 = 200) =>
    c.html(MessagePage({ publicUrl, title, message, signedInAs, csrf: csrfToken(c) }), status);
  if (!check.ok) return page('This invitation cannot be used', check.reason === 'invalid' ? 'The link is not valid.' : `This invitation was ${check.reason === 'used' ? 'already used' : 'sent too long ago'}. Ask for a new one.`, check.reason === 'invalid' ? 404 : 410);
  if (check.invitation.email !== signedIn.account.email) return page('This invitation is for another address', 'Sign in with the account of the address the invitation was sent to.', 403);
  const organisation = await getOrganisation(db, check.invitation.organisationId);
  if (!organisation) return page('This invitation cannot be used', 'The organisation no longer exists.', 410);
  if (!accept) {
    const message = `You are invited to manage ${organisation.name} as ${check.invitation.role}.`;
    return c.html(ButtonPage({ publicUrl, csrf: csrfToken(c), title: `Join ${organisation.name}`, message, action: c.req.path, button: 'Accept the invitation', signedInAs }));
  }
  const fields = await formFields(c);
  if (!csrfTokenMatches(c, fields.csrf)) return csrfFailure(c);
  if (!(await acceptInvitation(db, check.invitation, signedIn.account.id, now()))) return page('This invitation cannot be used', 'This invitation was already used.', 410);
  return page(`You manage ${organisation.name}`, `You are now ${check.invitation.role} of ${organisation.name}.`);
}

/** A message from an organisation: only its recipient, signed in, reads it and answers or ignores it. */
async function contactPage(c: Ctx, decide: boolean) {
  const { signedIn, redirect } = await requirePageAccount(c);
  if (!signedIn) return redirect;
  const deps = c.var.deps;
  const token = tokenSchema.safeParse(c.req.param('token'));
  const message = token.success ? await findContactMessage(deps.db, token.data) : null;
  if (!message || message.recipientAccountId !== signedIn.account.id) return notFound(c, 'message');
  const organisation = await getOrganisation(deps.db, message.organisationId);
  if (!organisation) return notFound(c, 'message');
  const show = (state = message.state) =>
    c.html(ContactPage({ publicUrl: deps.publicUrl, csrf: csrfToken(c), organisationName: organisation.name, message: message.body, state, action: c.req.path, signedInAs: signedIn.account }));
  if (!decide) return show();
  const fields = await formFields(c);
  if (!csrfTokenMatches(c, fields.csrf)) return csrfFailure(c);
  const answer = z.string().trim().min(1).max(2000).safeParse(fields.answer ?? '');
  const decision = fields.decision === 'ignore' ? 'ignored' : 'answered';
  if (decision === 'answered' && !answer.success) return show();
  if (!(await decideContactMessage(deps.db, message.id, decision, deps.now()))) return show();
  const sender = message.senderAccountId ? await getAccount(deps.db, message.senderAccountId) : null;
  if (decision === 'answered' && sender && answer.success) {
    const personName = `${signedIn.account.firstName} ${signedIn.account.lastName.slice(0, 1)}.`.trim();
    await queueMail(deps, contactAnswerEmail({ to: sender.email, personName, organisationName: organisation.name, answer: answer.data }), deps.now());
  }
  return show(decision);
}
