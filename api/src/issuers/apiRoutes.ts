import { Hono } from 'hono';
import { transaction } from '../db/connection';
import { getIssuer, updateIssuer } from '../db/issuers';
import { freezeCredentials } from '../ob3/issuance';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { invalidField, requireJson } from '../http/jsonInput';
import { imageInputProblem } from '../lib/imageInput';
import { publicUrls } from '../lib/urls';
import { presentIssuer } from '../openbadges/presenters';
import { documented } from '../http/documentedValidation';

/** The API key's own issuer profile. */
export const issuerApiRoutes = new Hono<AppEnv>()
  .use(issuerAuth)
  .get('/', async (c) => {
    const { db, publicUrl } = c.var.deps;
    const issuer = await getIssuer(db, c.var.issuerId);
    if (!issuer) return apiError(c, 404, 'not_found', 'This API key has no issuer.');
    return c.json(presentIssuer(issuer, publicUrls(publicUrl)), 200);
  })
  .patch('/', requireJson, documented('json', 'patch /api/v1/issuer'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const patch = c.req.valid('json');
    const imageProblem = typeof patch.image === 'string' ? await imageInputProblem(patch.image, c.var.deps) : null;
    if (imageProblem) {
      return invalidField(c, 'request body', 'image', imageProblem);
    }
    // Badges issued before the edit keep what they said in their Open Badges 3.0 credentials.
    const issuer = await transaction(db, async (trx) => {
      await freezeCredentials(trx, publicUrl, { issuerId: c.var.issuerId });
      return updateIssuer(trx, c.var.issuerId, patch, now());
    });
    if (!issuer) return apiError(c, 404, 'not_found', 'This API key has no issuer.');
    return c.json(presentIssuer(issuer, publicUrls(publicUrl)), 200);
  });
