import { Hono, type Context } from 'hono';
import { deleteHeldAssertion, getAccount } from '../db/accounts';
import { getAssertionRecord, listAccountAssertionRecords } from '../db/assertions';
import { deleteImportedBadge, getImportedBadge, isImportedId, setImportedPublic } from '../db/importedBadges';
import { listAccountSelfClaims, removeSelfClaim } from '../db/selfClaims';
import { listLinkedMemberships, unlinkMember } from '../db/memberships';
import { membershipLinkLimited, requestMembershipLink } from '../earning/memberships';
import { MEMBERSHIP_LINK_SENT_MESSAGE } from '../../../shared/schemas/memberships';
import { claimSkillBadge, presentSelfClaim } from '../earning/selfClaims';
import { earnerAuth } from './http';
import { presentMeBadge, presentSelfClaimedBadge } from './present';
import { firstRateLimited, RATE_LIMITS } from './rateLimit';
import { updateOwnBadge } from './service';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { requireJson } from '../http/jsonInput';
import { bytesOfDataUri, type ImportInput } from '../imports/input';
import { presentImportedBadge } from '../imports/present';
import { currentImportedBadges, importBadge } from '../imports/service';
import { documented } from '../http/documentedValidation';

/** Counts one import for the account; the seconds to wait when it is over RATE_LIMIT_BADGE_IMPORT, else 0. */
export async function importRateLimited(c: Context<AppEnv>, accountId: string): Promise<number> {
  return (await firstRateLimited(c, [[RATE_LIMITS.badgeImport, `account:${accountId}`]]))?.wait ?? 0;
}

/** Counts one self-claim for the account; the seconds to wait when it is over RATE_LIMIT_SELF_CLAIM, else 0. */
export async function selfClaimRateLimited(c: Context<AppEnv>, accountId: string): Promise<number> {
  return (await firstRateLimited(c, [[RATE_LIMITS.selfClaim, `account:${accountId}`]]))?.wait ?? 0;
}

/** The signed-in earner's own badges (Bearer earner token): issued here, self-claimed, and imported from elsewhere. */
export const meRoutes = new Hono<AppEnv>()
  .get('/badges', earnerAuth, async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const at = now();
    const records = await listAccountAssertionRecords(db, c.var.accountId);
    const selfClaimed = await listAccountSelfClaims(db, c.var.accountId);
    const imported = await currentImportedBadges(c.var.deps, c.var.accountId);
    c.header('Cache-Control', 'no-store');
    const items = [
      ...records.map((record) => presentMeBadge(record, publicUrl, at)),
      ...selfClaimed.map((record) => presentSelfClaimedBadge(record, publicUrl)),
      ...imported.map((badge) => presentImportedBadge(badge, publicUrl)),
    ];
    return c.json({ items }, 200);
  })
  .post('/claims', earnerAuth, requireJson, documented('json', 'post /api/v1/me/claims'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const wait = await selfClaimRateLimited(c, c.var.accountId);
    if (wait > 0) return apiError(c, 429, 'rate_limited', `You claimed many badges lately. Try again in ${wait} seconds.`);
    const outcome = await claimSkillBadge(db, publicUrl, c.var.accountId, c.req.valid('json').badgeId, now());
    if (!outcome.ok) return apiError(c, outcome.status, outcome.code, outcome.message);
    return c.json(presentSelfClaim(outcome.claim, publicUrl), outcome.created ? 201 : 200);
  })
  .post('/badges/import', earnerAuth, requireJson, documented('json', 'post /api/v1/me/badges/import'), async (c) => {
    const { db, publicUrl } = c.var.deps;
    const wait = await importRateLimited(c, c.var.accountId);
    if (wait > 0) return apiError(c, 429, 'rate_limited', `You imported many badges lately. Try again in ${wait} seconds.`);
    const account = await getAccount(db, c.var.accountId);
    if (!account) return apiError(c, 401, 'unauthorized', 'This account no longer exists.');
    const body = c.req.valid('json');
    const input: ImportInput =
      body.url !== undefined ? { kind: 'url', url: body.url } : body.credential !== undefined ? { kind: 'credential', credential: body.credential } : { kind: 'file', bytes: bytesOfDataUri(body.image!) };
    const result = await importBadge(c.var.deps, account, input);
    if (!result.ok) return apiError(c, result.status, result.code, result.message);
    return c.json({ badge: presentImportedBadge(result.badge, publicUrl), created: result.created }, result.created ? 201 : 200);
  })
  .patch('/badges/:id', earnerAuth, requireJson, documented('param', 'patch /api/v1/me/badges/{id}'), documented('json', 'patch /api/v1/me/badges/{id}'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    if (isImportedId(id)) {
      const owned = await getImportedBadge(db, id);
      if (!owned || owned.accountId !== c.var.accountId) return apiError(c, 404, 'not_found', `You hold no badge with id "${id}".`);
      if (patch.claimState === 'declined') return apiError(c, 409, 'claim_state_conflict', 'A badge you imported is yours already: remove it instead of declining it.');
      if (patch.isPublic !== undefined) await setImportedPublic(db, c.var.accountId, id, patch.isPublic);
      return c.json(presentImportedBadge((await getImportedBadge(db, id))!, publicUrl), 200);
    }
    const outcome = await updateOwnBadge(db, c.var.accountId, id, patch, 'api');
    if (!outcome.ok) {
      if (outcome.status === 404) return apiError(c, 404, 'not_found', `You hold no badge with id "${id}".`);
      return apiError(c, 409, 'claim_state_conflict', outcome.message);
    }
    return c.json(presentMeBadge((await getAssertionRecord(db, id))!, publicUrl, now()), 200);
  })
  .delete('/badges/:id', earnerAuth, documented('param', 'delete /api/v1/me/badges/{id}'), async (c) => {
    const { id } = c.req.valid('param');
    const { db } = c.var.deps;
    const deleted = isImportedId(id)
      ? await deleteImportedBadge(db, c.var.accountId, id)
      : (await removeSelfClaim(db, id, c.var.accountId)) || (await deleteHeldAssertion(db, c.var.accountId, id));
    if (!deleted) return apiError(c, 404, 'not_found', `You hold no badge with id "${id}".`);
    return c.body(null, 204);
  })
  .get('/memberships', earnerAuth, async (c) => {
    const memberships = await listLinkedMemberships(c.var.deps.db, c.var.accountId);
    c.header('Cache-Control', 'no-store');
    const items = memberships.map(({ issuerId, issuerName, memberId, memberSince, memberUntil, level, volunteer, linkedAt }) => ({
      issuerId,
      issuerName,
      memberId,
      memberSince,
      memberUntil,
      level,
      volunteer,
      linkedAt: linkedAt!,
    }));
    return c.json({ items }, 200);
  })
  .post('/memberships', earnerAuth, requireJson, documented('json', 'post /api/v1/me/memberships'), async (c) => {
    const { issuerId, memberId } = c.req.valid('json');
    const limited = await membershipLinkLimited(c, c.var.accountId, issuerId, memberId);
    if (limited) return apiError(c, 429, 'rate_limited', `Too many membership links asked for lately. Try again in ${limited.wait} seconds.`);
    await requestMembershipLink(c.var.deps, c.var.accountId, issuerId, memberId);
    return c.json({ status: 'link_sent' as const, message: MEMBERSHIP_LINK_SENT_MESSAGE }, 202);
  })
  .delete('/memberships/:issuerId/:memberId', earnerAuth, documented('param', 'delete /api/v1/me/memberships/{issuerId}/{memberId}'), async (c) => {
    const { issuerId, memberId } = c.req.valid('param');
    if (!(await unlinkMember(c.var.deps.db, issuerId, memberId, c.var.accountId))) {
      return apiError(c, 404, 'not_found', `You have not linked membership "${memberId}" of issuer "${issuerId}".`);
    }
    return c.body(null, 204);
  });
