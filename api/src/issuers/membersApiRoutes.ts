import { Hono, type Context } from 'hono';
import { rosterBulkRowSchema, type RosterBulkResponse, type RosterMemberResponse } from '../../../shared/schemas/memberships';
import { getMember, listMembers, type RosterMember } from '../db/memberships';
import { putRosterMember, removeRosterMember } from '../earning/memberships';
import { firstRateLimited, RATE_LIMITS } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { documented } from '../http/documentedValidation';
import { apiError, issuesOf } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { requireJson } from '../http/jsonInput';

const noSuchMember = (memberId: string) => `No member "${memberId}" on your roster.`;

export function presentMember(member: RosterMember): RosterMemberResponse {
  const { memberId, email, name, memberSince, memberUntil, level, volunteer, certifications, accountId, createdAt, updatedAt } = member;
  return { memberId, email, name, memberSince, memberUntil, level, volunteer, certifications, linked: accountId !== null, createdAt, updatedAt };
}

/** Roster writes are counted per issuer (a bulk upload once); null when allowed, else the 429 answer. */
async function rosterLimited(c: Context<AppEnv>) {
  const limited = await firstRateLimited(c, [[RATE_LIMITS.roster, `issuer:${c.var.issuerId}`]]);
  return limited ? apiError(c, 429, 'rate_limited', `Too many roster changes lately. Try again in ${limited.wait} seconds.`) : null;
}

/**
 * The key's issuer's member roster: one member at a time (PUT/GET/DELETE /:memberId), the whole roster paged,
 * and a bulk PUT of up to 1,000 members checked row by row. A linked earner's badges follow every change.
 */
export const membersApiRoutes = new Hono<AppEnv>()
  .use(issuerAuth)
  .get('/', documented('query', 'get /api/v1/issuer/members'), async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const page = await listMembers(c.var.deps.db, c.var.issuerId, limit, cursor);
    c.header('Cache-Control', 'no-store');
    return c.json({ items: page.items.map(presentMember), nextCursor: page.nextCursor }, 200);
  })
  .put('/', requireJson, documented('json', 'put /api/v1/issuer/members'), async (c) => {
    const limited = await rosterLimited(c);
    if (limited) return limited;
    const { members } = c.req.valid('json');
    const results: RosterBulkResponse['results'] = [];
    const seen = new Set<string>();
    for (const [index, raw] of members.entries()) {
      const row = index + 1;
      const parsed = rosterBulkRowSchema.safeParse(raw);
      const memberId = typeof (raw as { memberId?: unknown })?.memberId === 'string' ? (raw as { memberId: string }).memberId : null;
      if (!parsed.success) {
        results.push({ row, memberId, status: 'invalid', issues: issuesOf(parsed.error) });
        continue;
      }
      const { memberId: id, ...body } = parsed.data;
      if (seen.has(id)) {
        results.push({ row, memberId: id, status: 'invalid', issues: [{ path: 'memberId', message: 'is listed twice in this upload' }] });
        continue;
      }
      seen.add(id);
      const outcome = await putRosterMember(c.var.deps, c.var.issuerId, id, body);
      results.push(outcome.ok ? { row, memberId: id, status: outcome.write.status, badges: outcome.badges } : { row, memberId: id, status: 'invalid', issues: outcome.problems });
    }
    return c.json({ results }, 200);
  })
  .get('/:memberId', documented('param', 'get /api/v1/issuer/members/{memberId}'), async (c) => {
    const { memberId } = c.req.valid('param');
    const member = await getMember(c.var.deps.db, c.var.issuerId, memberId);
    if (!member) return apiError(c, 404, 'not_found', noSuchMember(memberId));
    c.header('Cache-Control', 'no-store');
    return c.json(presentMember(member), 200);
  })
  .put('/:memberId', requireJson, documented('param', 'put /api/v1/issuer/members/{memberId}'), documented('json', 'put /api/v1/issuer/members/{memberId}'), async (c) => {
    const limited = await rosterLimited(c);
    if (limited) return limited;
    const { memberId } = c.req.valid('param');
    const outcome = await putRosterMember(c.var.deps, c.var.issuerId, memberId, c.req.valid('json'));
    if (!outcome.ok) return apiError(c, 422, 'invalid_member', 'The roster entry does not fit your badge classes.', outcome.problems);
    return c.json({ ...presentMember(outcome.write.member), badges: outcome.badges }, outcome.write.status === 'created' ? 201 : 200);
  })
  .delete('/:memberId', documented('param', 'delete /api/v1/issuer/members/{memberId}'), async (c) => {
    const limited = await rosterLimited(c);
    if (limited) return limited;
    const { memberId } = c.req.valid('param');
    const removed = await removeRosterMember(c.var.deps, c.var.issuerId, memberId);
    if (!removed) return apiError(c, 404, 'not_found', noSuchMember(memberId));
    return c.json({ ...presentMember(removed.member), badges: removed.badges }, 200);
  });
