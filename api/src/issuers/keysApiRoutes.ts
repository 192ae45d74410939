import { Hono } from 'hono';
import { issuerDid, verificationMethodId } from '../credentials/didWeb';
import { activeIssuerKey, keyIdOf, listIssuerKeys, withdrawIssuerKey } from '../db/credentials';
import { RATE_LIMITS, rateLimit } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { documented } from '../http/documentedValidation';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { ensureIssuerKey, rotateIssuerKey } from '../ob3/signing';

/**
 * The key's issuer's Open Badges 3.0 signing keys: list, rotate (a new key signs from now on; older
 * credentials keep verifying), withdraw (a compromised key leaves the DID document: what it signed stops
 * verifying). The last key that may sign cannot be withdrawn: rotate first.
 */
export const issuerKeysApiRoutes = new Hono<AppEnv>()
  .get('/', issuerAuth, async (c) => {
    const { deps, issuerId } = c.var;
    const did = issuerDid(deps.publicUrl, issuerId);
    const signing = await ensureIssuerKey(deps, issuerId);
    const items = (await listIssuerKeys(deps.db, issuerId)).map((key) => ({
      keyId: key.keyId,
      verificationMethod: verificationMethodId(did, key.keyId),
      publicKeyMultibase: key.publicKeyMultibase,
      createdAt: key.createdAt,
      withdrawnAt: key.withdrawnAt,
      signsNewCredentials: key.keyNumber === signing.keyNumber,
    }));
    c.header('Cache-Control', 'no-store');
    return c.json({ did, items }, 200);
  })
  .post('/', issuerAuth, rateLimit(RATE_LIMITS.issuerKeys), async (c) => {
    const { deps, issuerId } = c.var;
    const key = await rotateIssuerKey(deps, issuerId);
    return c.json({ keyId: key.keyId, verificationMethod: verificationMethodId(issuerDid(deps.publicUrl, issuerId), key.keyId) }, 201);
  })
  .delete('/:keyId', issuerAuth, rateLimit(RATE_LIMITS.issuerKeys), documented('param', 'delete /api/v1/issuer/keys/{keyId}'), async (c) => {
    const { deps, issuerId } = c.var;
    const { keyId } = c.req.valid('param');
    const now = deps.now();
    const outcome = await withdrawIssuerKey(deps.db, issuerId, Number(keyId.slice('key-'.length)), now);
    if (outcome === 'not_found') return apiError(c, 404, 'not_found', `You have no key "${keyId}".`);
    if (outcome === 'already_withdrawn') return apiError(c, 409, 'already_withdrawn', `The key "${keyId}" is withdrawn already.`);
    if (outcome === 'last_active_key') {
      return apiError(
        c,
        409,
        'last_active_key',
        `"${keyId}" is your only key that may sign: rotate first (POST /api/v1/issuer/keys), then withdraw it.`,
      );
    }
    const signing = await activeIssuerKey(deps.db, issuerId);
    return c.json({ keyId, withdrawnAt: now.toISOString(), signingKeyId: signing ? keyIdOf(signing.keyNumber) : null }, 200);
  });
