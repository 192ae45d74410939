import { Hono } from 'hono';
import { getAssertion, getAssertionRecord, revokeAssertion } from '../db/assertions';
import type { Db } from '../db/connection';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { requireJson } from '../http/jsonInput';
import { publicUrls } from '../lib/urls';
import { presentAssertion } from '../openbadges/presenters';
import { documented } from '../http/documentedValidation';

const noSuchAssertion = (id: string) => `No assertion with id "${id}".`;

/** The assertion when it belongs to the issuer; another issuer's assertion is treated as unknown. */
async function ownAssertion(db: Db, issuerId: string, id: string) {
  const record = await getAssertionRecord(db, id);
  return record && record.issuer.id === issuerId ? record.assertion : null;
}

/** Issued badges of the key's issuer. */
export const assertionsApiRoutes = new Hono<AppEnv>()
  .get('/:id', issuerAuth, documented('param', 'get /api/v1/assertions/{id}'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const assertion = await ownAssertion(db, c.var.issuerId, id);
    if (!assertion) return apiError(c, 404, 'not_found', noSuchAssertion(id));
    return c.json(presentAssertion(assertion, publicUrls(publicUrl), now()), 200);
  })
  .post('/:id/revoke', issuerAuth, requireJson, documented('param', 'post /api/v1/assertions/{id}/revoke'), documented('json', 'post /api/v1/assertions/{id}/revoke'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const assertion = await ownAssertion(db, c.var.issuerId, id);
    if (!assertion) return apiError(c, 404, 'not_found', noSuchAssertion(id));
    if (!(await revokeAssertion(db, id, reason, now()))) {
      return apiError(c, 409, 'already_revoked', `This badge was already revoked (reason: "${assertion.revocationReason ?? ''}"). A revocation cannot be changed.`);
    }
    const revoked = await getAssertion(db, id);
    return c.json(presentAssertion(revoked!, publicUrls(publicUrl), now()), 200);
  });
