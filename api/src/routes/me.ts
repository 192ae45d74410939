import { Hono } from 'hono';
import { meBadgePatchSchema } from '../../../shared/schemas/earners';
import { idParamSchema } from '../../../shared/schemas/issuerApi';
import { deleteHeldAssertion } from '../db/accounts';
import { getAssertionRecord, listAccountAssertionRecords } from '../db/assertions';
import { earnerAuth } from '../earners/http';
import { presentMeBadge } from '../earners/present';
import { updateOwnBadge } from '../earners/service';
import type { AppEnv } from '../http/env';
import { apiError, validate } from '../http/errors';
import { requireJson } from '../http/jsonInput';

/** The signed-in earner's own badges (Bearer earner token). */
export const meRoutes = new Hono<AppEnv>()
  .get('/badges', earnerAuth, async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const at = now();
    const records = await listAccountAssertionRecords(db, c.var.accountId);
    c.header('Cache-Control', 'no-store');
    return c.json({ items: records.map((record) => presentMeBadge(record, publicUrl, at)) }, 200);
  })
  .patch('/badges/:id', earnerAuth, requireJson, validate('param', idParamSchema), validate('json', meBadgePatchSchema), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    const outcome = await updateOwnBadge(db, c.var.accountId, id, patch, 'api');
    if (!outcome.ok) {
      if (outcome.status === 404) return apiError(c, 404, 'not_found', `You hold no badge with id "${id}".`);
      return apiError(c, 409, 'claim_state_conflict', outcome.message);
    }
    return c.json(presentMeBadge((await getAssertionRecord(db, id))!, publicUrl, now()), 200);
  })
  .delete('/badges/:id', earnerAuth, validate('param', idParamSchema), async (c) => {
    const { id } = c.req.valid('param');
    if (!(await deleteHeldAssertion(c.var.deps.db, c.var.accountId, id))) return apiError(c, 404, 'not_found', `You hold no badge with id "${id}".`);
    return c.body(null, 204);
  });
