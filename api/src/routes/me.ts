import { Hono } from 'hono';
import { meBadgePatchSchema } from '../../../shared/schemas/earners';
import { idParamSchema } from '../../../shared/schemas/issuerApi';
import { getAssertionAccountId, getAssertionRecord, listAccountAssertionRecords, setAssertionPublic } from '../db/assertions';
import { earnerAuth } from '../earners/http';
import { presentMeBadge } from '../earners/present';
import { decideOwnBadge } from '../earners/service';
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
    if ((await getAssertionAccountId(db, id)) !== c.var.accountId) return apiError(c, 404, 'not_found', `You hold no badge with id "${id}".`);
    if (patch.claimState) await decideOwnBadge(db, c.var.accountId, id, patch.claimState);
    if (patch.isPublic !== undefined) await setAssertionPublic(db, id, patch.isPublic);
    return c.json(presentMeBadge((await getAssertionRecord(db, id))!, publicUrl, now()), 200);
  });
