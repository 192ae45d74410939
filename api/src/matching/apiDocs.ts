// OpenAPI descriptors of organisations, opt-ins and matching (spread into apiRouteDocs in api/src/openapi.ts).
import { z } from 'zod';
import {
  candidatesQuerySchema,
  candidatesResponseSchema,
  contactBodySchema,
  contactResponseSchema,
  courseBodySchema,
  courseSchema,
  coursesMatchResponseSchema,
  coursesQuerySchema,
  invitationBodySchema,
  invitationResponseSchema,
  optInsBodySchema,
  optInsSchema,
  organisationBodySchema,
  organisationItemParamSchema,
  organisationParamSchema,
  organisationPatchSchema,
  organisationSchema,
  roleBodySchema,
  roleSchema,
  relatedQuerySchema,
  relatedResponseSchema,
  rolesMatchResponseSchema,
  staffSchema,
  studentsMatchResponseSchema,
  studentsQuerySchema,
} from '../../../shared/schemas/matching';
import { errorBodySchema } from '../../../shared/schemas/issuerApi';
import type { ApiRouteDoc } from '../openapi';

const error = (description: string) => ({ description, schema: errorBodySchema });
const notStaff = error('Unknown organisation, or one whose staff you are not on (the same answer).');
const items = <T extends z.ZodType>(schema: T) => z.object({ items: z.array(schema) });
const deleted = { 204: { description: 'Deleted.' } };
const TAG = 'Organisations';
const MATCH = 'Matching';

const organisationsPath = '/api/v1/organisations';
const organisationPath = `${organisationsPath}/{id}` as const;

function itemRoutes<K extends 'roles' | 'courses', Body extends z.ZodType>(kind: K, body: Body, schema: z.ZodType, example: unknown, about: string) {
  const one = kind === 'roles' ? 'role' : 'course';
  const wrongKind = error(kind === 'roles' ? 'The organisation is a school: schools post courses.' : 'The organisation is a company: companies post roles.');
  const unknownBadge = error(kind === 'roles' ? 'A badge id is not a badge class of this server.' : 'A badge id is unknown, or a requirement is not an option of the course’s badges.');
  return [
    { method: 'get', path: `${organisationPath}/${kind}` as const, tag: TAG, summary: `The organisation’s ${kind}`, description: `Every ${one} of the organisation, for its staff.`, auth: 'earner', params: organisationParamSchema, responses: { 200: { description: `The ${kind}.`, schema: items(schema) }, 404: notStaff } },
    { method: 'post', path: `${organisationPath}/${kind}` as const, tag: TAG, summary: `Post a ${one}`, description: about, auth: 'earner', params: organisationParamSchema, body, exampleBody: example, responses: { 201: { description: `The ${one}.`, schema }, 404: notStaff, 409: wrongKind, 422: unknownBadge, 429: error('Too many changes lately.') } },
    { method: 'put', path: `${organisationPath}/${kind}/{itemId}` as const, tag: TAG, summary: `Replace a ${one}`, description: `Replaces the ${one} with the body (every field, as when posting it).`, auth: 'earner', params: organisationItemParamSchema, body, exampleBody: example, responses: { 200: { description: `The ${one}.`, schema }, 404: error(`No such ${one} in this organisation, or not on its staff.`), 409: wrongKind, 422: unknownBadge, 429: error('Too many changes lately.') } },
    { method: 'delete', path: `${organisationPath}/${kind}/{itemId}` as const, tag: TAG, summary: `Delete a ${one}`, description: `Deletes the ${one}; it leaves the public page at once.`, auth: 'earner', params: organisationItemParamSchema, responses: { ...deleted, 404: error(`No such ${one} in this organisation, or not on its staff.`) } },
  ] as const satisfies readonly ApiRouteDoc[];
}

export const matchingApiRouteDocs = [
  { method: 'get', path: organisationsPath, tag: TAG, summary: 'My organisations', description: 'The companies and schools whose staff the earner is on, with their role (owner or editor).', auth: 'earner', responses: { 200: { description: 'The organisations.', schema: items(organisationSchema) } } },
  {
    method: 'post',
    path: organisationsPath,
    tag: TAG,
    summary: 'Create an organisation',
    description: 'Creates a company or a school with the signed-in earner as its owner. It stays private (its page answers 404) until `published` is true.',
    auth: 'earner',
    body: organisationBodySchema,
    exampleBody: { kind: 'company', name: 'Harbour Fabrication', slug: 'harbour-fabrication', location: 'Rotterdam', published: true },
    responses: { 201: { description: 'The organisation.', schema: organisationSchema }, 409: error('Another organisation has this slug.'), 429: error('Too many changes lately.') },
  },
  { method: 'get', path: organisationPath, tag: TAG, summary: 'One of my organisations', description: 'The organisation, for its staff.', auth: 'earner', params: organisationParamSchema, responses: { 200: { description: 'The organisation.', schema: organisationSchema }, 404: notStaff } },
  { method: 'patch', path: organisationPath, tag: TAG, summary: 'Change an organisation', description: 'Changes its name, slug, place, description or whether it is published (unpublished: its page answers 404 at once).', auth: 'earner', params: organisationParamSchema, body: organisationPatchSchema, exampleBody: { published: false }, responses: { 200: { description: 'The organisation.', schema: organisationSchema }, 404: notStaff, 409: error('Another organisation has this slug.'), 429: error('Too many changes lately.') } },
  { method: 'delete', path: organisationPath, tag: TAG, summary: 'Delete an organisation', description: 'Deletes it with its roles, courses, staff and messages. Owners only.', auth: 'earner', params: organisationParamSchema, responses: { ...deleted, 403: error('You are an editor, not an owner.'), 404: notStaff } },
  { method: 'get', path: `${organisationPath}/staff`, tag: TAG, summary: 'The staff', description: 'Who manages the organisation (names and roles; no addresses).', auth: 'earner', params: organisationParamSchema, responses: { 200: { description: 'The staff.', schema: items(staffSchema) }, 404: notStaff } },
  { method: 'delete', path: `${organisationPath}/staff/{itemId}`, tag: TAG, summary: 'Remove a staff member', description: 'An owner removes anyone; anyone may remove themselves (leave). The last owner stays.', auth: 'earner', params: organisationItemParamSchema, responses: { ...deleted, 403: error('Only owners remove others.'), 404: error('Not on the staff.'), 409: error('The last owner cannot leave.') } },
  {
    method: 'post',
    path: `${organisationPath}/invitations`,
    tag: TAG,
    summary: 'Invite a colleague',
    description: 'Owners only. Emails a one-time link (valid 7 days) that makes the account holding that address a staff member with the given role. Limited per organisation and per address.',
    auth: 'earner',
    params: organisationParamSchema,
    body: invitationBodySchema,
    exampleBody: { email: 'colleague@example.org', role: 'editor' },
    responses: { 201: { description: 'The invitation was queued.', schema: invitationResponseSchema }, 403: error('You are an editor, not an owner.'), 404: notStaff, 429: error('Too many invitations lately.') },
  },
  ...itemRoutes('roles', roleBodySchema, roleSchema, { title: 'Pipe welder', location: 'Rotterdam', requiredBadgeIds: ['BADGE_ID'], preferredBadgeIds: [], postingUrl: null }, 'A role of a company: its title, place, the badges it requires and prefers, and optionally the job posting.'),
  ...itemRoutes(
    'courses',
    courseBodySchema,
    courseSchema,
    { title: 'Weld inspection evening course', format: 'in_person', location: 'Lyon', startsOn: '2026-09-01', endsOn: '2026-12-15', url: null, badgeIds: ['BADGE_ID'], requirementIds: [] },
    'A course of a school: title, format (online or in person, with its place), dates, link, the badges it prepares for and which of their requirement options it completes.',
  ),
  {
    method: 'get',
    path: '/api/v1/me/opt-ins',
    tag: 'Earners',
    summary: 'My discoverability',
    description: 'Whether the earner may be found as a job seeker and as a student, where, and which badges they want. Nobody is listed before opting in.',
    auth: 'earner',
    responses: { 200: { description: 'The choices.', schema: optInsSchema } },
  },
  {
    method: 'put',
    path: '/api/v1/me/opt-ins',
    tag: 'Earners',
    summary: 'Opt in or out',
    description: 'Replaces the choices. An opt-out takes effect at once: the next match no longer lists the earner, and their public page answers 404.',
    auth: 'earner',
    body: optInsBodySchema,
    exampleBody: { jobSeeker: true, student: false, location: 'Rotterdam', wantedBadgeIds: [] },
    responses: { 200: { description: 'The choices now.', schema: optInsSchema }, 422: error('A wanted badge id is unknown.'), 429: error('Too many changes lately.') },
  },
  {
    method: 'get',
    path: '/api/v1/match/candidates',
    tag: MATCH,
    summary: 'Candidates for a role',
    description:
      'The opted-in job seekers holding at least one of the role’s badges (public, accepted, not revoked), best fit first: every required badge held, then more preferred ones, verified over self-claimed, current over expired, then years. Each says why ("4 of 4 required, 2 of 3 preferred"). Staff of the role’s company only; no email address is ever returned (contact goes through POST /api/v1/match/contact).',
    auth: 'earner',
    query: candidatesQuerySchema,
    responses: { 200: { description: 'The ranked candidates.', schema: candidatesResponseSchema }, 404: error('No such role in your organisations.'), 429: error('Too many requests.') },
  },
  {
    method: 'get',
    path: '/api/v1/match/roles',
    tag: MATCH,
    summary: 'Roles for me',
    description: 'For the signed-in job seeker: published companies’ roles sharing a badge with them, best fit first, with the badges they miss and where to earn each (schools’ courses, the badge’s requirement options).',
    auth: 'earner',
    responses: { 200: { description: 'The roles.', schema: rolesMatchResponseSchema }, 429: error('Too many requests.') },
  },
  {
    method: 'get',
    path: '/api/v1/match/courses',
    tag: MATCH,
    summary: 'Courses leading to a badge',
    description: 'Published schools’ courses that prepare for the badge, online or in person at a place whose name contains `near`, not over yet, by start date.',
    auth: 'none',
    query: coursesQuerySchema,
    responses: { 200: { description: 'The courses.', schema: coursesMatchResponseSchema }, 404: error('No such badge.'), 429: error('Too many requests.') },
  },
  {
    method: 'get',
    path: '/api/v1/match/related',
    tag: MATCH,
    summary: 'Roles and courses related to badges',
    description:
      'For a job posting’s badges (the extension matches the posting in the browser and sends only badge ids): published companies’ roles asking for them, those requiring more of them first, and published schools’ courses leading to them, not over yet, those leading to more of them first, then by start date. At most five of each; `badgeIds` says which of the given badges each one relates to. Unknown ids are ignored. Public and cacheable for five minutes.',
    auth: 'none',
    query: relatedQuerySchema,
    responses: { 200: { description: 'The related roles and courses.', schema: relatedResponseSchema }, 400: error('`badges` is not 1 to 24 badge ids separated by commas.'), 429: error('Too many requests.') },
  },
  {
    method: 'get',
    path: '/api/v1/match/students',
    tag: MATCH,
    summary: 'Students for a school',
    description: 'For a school’s staff: how many opted-in students want badges its courses cover (in all and per badge), and who (public name and page; contact through BadgeLens).',
    auth: 'earner',
    query: studentsQuerySchema,
    responses: { 200: { description: 'The students.', schema: studentsMatchResponseSchema }, 404: notStaff, 409: error('The organisation is a company.'), 429: error('Too many requests.') },
  },
  {
    method: 'post',
    path: '/api/v1/match/contact',
    tag: MATCH,
    summary: 'Write to a candidate or student',
    description:
      'Sends a message from a published organisation to a person listed by matching (companies to job seekers, schools to students). BadgeLens emails it to them with a link to answer or ignore; the sender never gets their address. Limited per sender and per person.',
    auth: 'earner',
    body: contactBodySchema,
    exampleBody: { organisationId: 'ORGANISATION_ID', candidateId: 'CANDIDATE_ID', message: 'We would like to talk about our pipe welder role.' },
    responses: { 201: { description: 'The message was queued.', schema: contactResponseSchema }, 404: error('No such organisation of yours, or no such opted-in person.'), 409: error('The organisation is not published.'), 429: error('Too many messages lately.') },
  },
] as const satisfies readonly ApiRouteDoc[];
