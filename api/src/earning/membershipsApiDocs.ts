// OpenAPI descriptors of the member roster routes and the earner's linked memberships (spread into apiRouteDocs in api/src/openapi.ts).
import { z } from 'zod';
import { errorBodySchema } from '../../../shared/schemas/issuerApi';
import {
  linkedMembershipListSchema,
  MAX_ROSTER_BULK_ROWS,
  memberIdSchema,
  membershipLinkBodySchema,
  membershipLinkRequestedSchema,
  rosterBulkBodySchema,
  rosterBulkResponseSchema,
  rosterListQuerySchema,
  rosterListSchema,
  rosterMemberBodySchema,
  rosterMemberResponseSchema,
  rosterPutResponseSchema,
} from '../../../shared/schemas/memberships';
import { formatRateLimit, RATE_LIMITS } from '../earners/rateLimit';
import type { ApiRouteDoc } from '../openapi';

const error = (description: string) => ({ description, schema: errorBodySchema });
const notFound = error("No member with this number on the key's issuer's roster.");
const limited = error('Too many roster changes lately; retry after `Retry-After` seconds.');
const memberParams = z.strictObject({ memberId: memberIdSchema });
const rosterLimit = `Roster changes are limited per issuer (\`RATE_LIMIT_ROSTER\`, by default ${formatRateLimit(RATE_LIMITS.roster)}; a bulk upload counts once).`;

const entitlements =
  'A linked earner\'s badges follow the entry: the membership badge (the issuer\'s oldest `membership` badge class with a `level` attribute, ' +
  'else its oldest one without an attribute) with the level, from `memberSince`, expiring on `memberUntil`; the volunteer badge (its oldest ' +
  '`membership` class with a `volunteer` attribute) while `volunteer` is true; each listed certification badge class with `yearsActive`. ' +
  'A lapsed membership (`memberUntil` in the past), a volunteer flag turned off or a certification taken off the entry makes the badge ' +
  'expire: badges are never revoked by the roster, and a renewal makes the same badge valid again. Changed values are updated in place ' +
  '(the badge\'s credential is signed again).';

const exampleMember = {
  email: 'amara@example.com',
  name: 'Amara Okafor',
  memberSince: '2014-05-01',
  memberUntil: '2027-04-30',
  level: 'Professional',
  volunteer: true,
  certifications: [{ badgeId: 'cwiBadgeClassId', since: '2014-06-01', yearsActive: 12 }],
};

export const membershipApiRouteDocs = [
  {
    method: 'get',
    path: '/api/v1/issuer/members',
    tag: 'Member roster',
    summary: 'The roster',
    description: "The key's issuer's members by member number, `limit` at a time (default 100, at most 500); pass `nextCursor` back as `cursor` for the next page.",
    auth: 'issuer',
    query: rosterListQuerySchema,
    responses: { 200: { description: 'A page of the roster.', schema: rosterListSchema } },
  },
  {
    method: 'put',
    path: '/api/v1/issuer/members',
    tag: 'Member roster',
    summary: 'Upload members in bulk',
    description:
      `Stores up to ${MAX_ROSTER_BULK_ROWS} members at once, each an entry as for \`PUT /api/v1/issuer/members/{memberId}\` with its \`memberId\`. ` +
      'Every row is checked and stored on its own (its own transaction) and reported by position: `created`, `updated`, `unchanged` or ' +
      '`invalid` with its `issues` (a member listed twice in one upload is refused the second time). ' +
      rosterLimit,
    auth: 'issuer',
    body: rosterBulkBodySchema,
    exampleBody: { members: [{ memberId: 'NWS-104233', ...exampleMember }] },
    responses: { 200: { description: 'One result per row, in order.', schema: rosterBulkResponseSchema }, 429: limited },
  },
  {
    method: 'get',
    path: '/api/v1/issuer/members/{memberId}',
    tag: 'Member roster',
    summary: 'A member',
    description: 'One member of the roster, and whether an earner has linked it.',
    auth: 'issuer',
    params: memberParams,
    responses: { 200: { description: 'The member.', schema: rosterMemberResponseSchema }, 404: notFound },
  },
  {
    method: 'put',
    path: '/api/v1/issuer/members/{memberId}',
    tag: 'Member roster',
    summary: 'Add or update a member',
    description:
      'Stores the member\'s whole entry (fields left out are cleared). ' +
      entitlements +
      ' `badges` says what changed for the linked earner. Certifications must name open `certification` badge classes of the issuer (422 otherwise). ' +
      rosterLimit,
    auth: 'issuer',
    params: memberParams,
    body: rosterMemberBodySchema,
    exampleBody: exampleMember,
    responses: {
      201: { description: 'The member is added.', schema: rosterPutResponseSchema },
      200: { description: 'The member is updated (or was already exactly this).', schema: rosterPutResponseSchema },
      422: error('The entry names a badge class that is not an open certification badge class of the issuer, or ends before it starts.'),
      429: limited,
    },
  },
  {
    method: 'delete',
    path: '/api/v1/issuer/members/{memberId}',
    tag: 'Member roster',
    summary: 'Remove a member',
    description: 'Takes the member off the roster. A linked earner keeps every badge; those the membership gave expire now (never revoked). ' + rosterLimit,
    auth: 'issuer',
    params: memberParams,
    responses: { 200: { description: 'The removed member, and the badges that expired.', schema: rosterPutResponseSchema }, 404: notFound, 429: limited },
  },
  {
    method: 'get',
    path: '/api/v1/me/memberships',
    tag: 'Earner',
    summary: 'My linked memberships',
    description: 'The memberships the signed-in earner has linked, oldest link first.',
    auth: 'earner',
    responses: { 200: { description: 'The linked memberships.', schema: linkedMembershipListSchema } },
  },
  {
    method: 'post',
    path: '/api/v1/me/memberships',
    tag: 'Earner',
    summary: 'Link a membership',
    description:
      'Asks to link the member number of an issuer that publishes its roster. If it is on the roster, a one-time link (48 hours, once, for ' +
      'this account only) goes to the address THE ROSTER has for the member, never to the asker; opening it while signed in links the membership ' +
      'and adds its badges, verified. The answer is the same whether or not the member exists. Limited per account ' +
      `(\`RATE_LIMIT_MEMBERSHIP_LINK_ACCOUNT\`, by default ${formatRateLimit(RATE_LIMITS.membershipLinkAccount)}) and per member ` +
      `(\`RATE_LIMIT_MEMBERSHIP_LINK_MEMBER\`, by default ${formatRateLimit(RATE_LIMITS.membershipLinkMember)}).`,
    auth: 'earner',
    body: membershipLinkBodySchema,
    exampleBody: { issuerId: 'k3Jd8s', memberId: 'NWS-104233' },
    responses: {
      202: { description: 'A link was sent if the member exists.', schema: membershipLinkRequestedSchema },
      429: error('Too many membership links asked for lately; retry after `Retry-After` seconds.'),
    },
  },
  {
    method: 'delete',
    path: '/api/v1/me/memberships/{issuerId}/{memberId}',
    tag: 'Earner',
    summary: 'Unlink a membership',
    description: 'Undoes the link. The badges it gave stay; roster changes no longer touch them.',
    auth: 'earner',
    params: membershipLinkBodySchema,
    responses: { 204: { description: 'Unlinked.' }, 404: error('The earner has not linked this membership.') },
  },
] as const satisfies readonly ApiRouteDoc[];
