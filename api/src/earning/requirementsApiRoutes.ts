import { Hono } from 'hono';
import type { RequirementResponse } from '../../../shared/schemas/requirements';
import { isUniqueViolation } from '../db/errors';
import { badgeIdsByRequirement, createRequirement, findRequirementByTitleAndUrl, getRequirement, listRequirements, updateRequirement, type RequirementObject } from '../db/requirements';
import { completionDate, reportCompletion } from './completions';
import { firstRateLimited, RATE_LIMITS, recipientKey } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { documented } from '../http/documentedValidation';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { invalidField, requireJson } from '../http/jsonInput';

const noSuchRequirement = (id: string) => `No requirement with id "${id}".`;
const titleAndUrlTaken = (id: string) => `You already have a requirement with this title and URL: "${id}".`;

function presentRequirement(requirement: RequirementObject, badgeIds: string[]): RequirementResponse {
  const { id, issuerId, kind, title, url, provider, createdAt, updatedAt } = requirement;
  return { id, issuerId, kind, title, url, provider, badgeIds, createdAt, updatedAt };
}

/** The key's issuer's requirement objects, and completions of them (which issue the badges they unlock). */
export const requirementsApiRoutes = new Hono<AppEnv>()
  .use(issuerAuth)
  .get('/', async (c) => {
    const { db } = c.var.deps;
    const requirements = await listRequirements(db, c.var.issuerId);
    const badgeIds = await badgeIdsByRequirement(db, requirements.map((requirement) => requirement.id));
    return c.json({ items: requirements.map((requirement) => presentRequirement(requirement, badgeIds.get(requirement.id)!)) }, 200);
  })
  .post('/', requireJson, documented('json', 'post /api/v1/requirements'), async (c) => {
    const { db, now } = c.var.deps;
    const body = c.req.valid('json');
    const requirement = await createRequirement(db, c.var.issuerId, body, now());
    if (!requirement) {
      const existing = await findRequirementByTitleAndUrl(db, c.var.issuerId, body.title, body.url);
      return apiError(c, 409, 'requirement_exists', titleAndUrlTaken(existing?.id ?? ''));
    }
    return c.json(presentRequirement(requirement, []), 201);
  })
  .get('/:id', documented('param', 'get /api/v1/requirements/{id}'), async (c) => {
    const { db } = c.var.deps;
    const { id } = c.req.valid('param');
    const requirement = await getRequirement(db, c.var.issuerId, id);
    if (!requirement) return apiError(c, 404, 'not_found', noSuchRequirement(id));
    return c.json(presentRequirement(requirement, (await badgeIdsByRequirement(db, [id])).get(id)!), 200);
  })
  .patch('/:id', requireJson, documented('param', 'patch /api/v1/requirements/{id}'), documented('json', 'patch /api/v1/requirements/{id}'), async (c) => {
    const { db, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    let requirement;
    try {
      requirement = await updateRequirement(db, c.var.issuerId, id, patch, now());
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      const current = await getRequirement(db, c.var.issuerId, id);
      const existing = current && (await findRequirementByTitleAndUrl(db, c.var.issuerId, patch.title ?? current.title, patch.url === undefined ? (current.url ?? undefined) : (patch.url ?? undefined)));
      return apiError(c, 409, 'requirement_exists', titleAndUrlTaken(existing?.id ?? ''));
    }
    if (!requirement) return apiError(c, 404, 'not_found', noSuchRequirement(id));
    return c.json(presentRequirement(requirement, (await badgeIdsByRequirement(db, [id])).get(id)!), 200);
  })
  .post('/:id/completions', requireJson, documented('param', 'post /api/v1/requirements/{id}/completions'), documented('json', 'post /api/v1/requirements/{id}/completions'), async (c) => {
    const { deps } = c.var;
    const { id } = c.req.valid('param');
    const body = c.req.valid('json');
    if (completionDate(body.completedOn, deps.now()).getTime() > deps.now().getTime()) {
      return invalidField(c, 'request body', 'completedOn', 'completedOn must not be in the future');
    }
    const limited = await firstRateLimited(c, [[RATE_LIMITS.completionRecipient, `${recipientKey(body.email)}:issuer:${c.var.issuerId}`]]);
    if (limited) return apiError(c, 429, 'rate_limited', `Too many completions reported for ${body.email} lately. Try again in ${limited.wait} seconds.`);
    const outcome = await reportCompletion(deps, c.var.issuerId, id, body);
    if (!outcome) return apiError(c, 404, 'not_found', noSuchRequirement(id));
    if ('problems' in outcome) return apiError(c, 422, 'invalid_attribute', 'An attribute value does not fit its badge class.', outcome.problems);
    const { firstReport, result } = outcome;
    const changed = firstReport || result.awarded.length > 0 || result.verified.length > 0;
    return c.json(result, changed ? 201 : 200);
  });
