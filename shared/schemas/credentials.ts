// Open Badges 3.0 in the issuer API: the issuer's signing keys (/api/v1/issuer/keys).
import { z } from 'zod';

const keyId = z.string().regex(/^key-[1-9][0-9]{0,8}$/, 'is not a key id ("key-1", "key-2", …)');

/** Path parameter of DELETE /api/v1/issuer/keys/:keyId. */
export const issuerKeyParamSchema = z.strictObject({ keyId });

/** POST /api/v1/issuer/keys: the new key, never any private material. */
export const newIssuerKeyResponseSchema = z.object({
  keyId: keyId.meta({ description: 'The new key, e.g. "key-2".' }),
  verificationMethod: z.string().meta({ description: "Where verifiers find it: the issuer's did:web, `#` and the key id." }),
});

export const issuerKeySchema = newIssuerKeyResponseSchema.extend({
  publicKeyMultibase: z.string().meta({ description: 'The Ed25519 public key (Multikey, base58btc).' }),
  createdAt: z.string(),
  withdrawnAt: z.string().nullable().meta({ description: 'Set once withdrawn: the key left the DID document, and what it signed no longer verifies.' }),
  signsNewCredentials: z.boolean().meta({ description: 'The newest key not withdrawn: new credentials and status lists are signed with it.' }),
});

/** GET /api/v1/issuer/keys */
export const issuerKeysResponseSchema = z.object({
  did: z.string().meta({ description: "The issuer's did:web." }),
  items: z.array(issuerKeySchema),
});

export type IssuerKeyResponse = z.infer<typeof issuerKeySchema>;

/** DELETE /api/v1/issuer/keys/:keyId */
export const withdrawnIssuerKeyResponseSchema = z.object({
  keyId,
  withdrawnAt: z.string(),
  signingKeyId: keyId.nullable().meta({ description: 'The key that signs from now on.' }),
});
