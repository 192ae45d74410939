// OpenAPI descriptors of the Open Badges 3.0 routes: the issuer's signing keys under /api/v1, and the
// public documents verifiers fetch (credentials, DID documents, status lists). Spread into apiRouteDocs.
import { z } from 'zod';
import { issuerKeyParamSchema, issuerKeysResponseSchema, newIssuerKeyResponseSchema, withdrawnIssuerKeyResponseSchema } from '../../../shared/schemas/credentials';
import { errorBodySchema } from '../../../shared/schemas/issuerApi';
import { formatRateLimit, RATE_LIMITS } from '../earners/rateLimit';
import type { ApiRouteDoc } from '../openapi';

const error = (description: string) => ({ description, schema: errorBodySchema });
const rateLimited = error(
  `Too many key changes from this client (\`RATE_LIMIT_ISSUER_KEYS\`, by default ${formatRateLimit(RATE_LIMITS.issuerKeys)}); retry after \`Retry-After\` seconds.`,
);

/** A JSON document described in words: its shape is a standard's, not ours. */
const standardDocument = (description: string) => z.record(z.string(), z.unknown()).meta({ description });

const credentialDocument = standardDocument(
  'An Open Badges 3.0 `OpenBadgeCredential` (W3C VC 2.0) with an embedded `DataIntegrityProof` (eddsa-rdfc-2022); ' +
    "it validates against 1EdTech's AchievementCredential JSON Schema.",
);

export const credentialRouteDocs = [
  {
    method: 'get',
    path: '/api/v1/issuer/keys',
    tag: 'Open Badges 3.0',
    summary: 'Your signing keys',
    description:
      "The key's issuer's Ed25519 signing keys, oldest first, withdrawn ones included: their ids, public keys and where verifiers " +
      'find them (`<did>#<keyId>`). The newest key that is not withdrawn signs new credentials and status lists. An issuer that ' +
      'never signed gets its first key here. Private keys are never shown: they are stored encrypted under the server\'s `KEY_ENCRYPTION_KEY`.',
    auth: 'issuer',
    responses: { 200: { description: 'The keys.', schema: issuerKeysResponseSchema } },
  },
  {
    method: 'post',
    path: '/api/v1/issuer/keys',
    tag: 'Open Badges 3.0',
    summary: 'Rotate: a new signing key',
    description:
      'Makes a new key (`key-2`, `key-3`, …) and adds it to the issuer\'s DID document. Credentials signed from now on use it; ' +
      'credentials signed before keep verifying with their own key, which stays in the DID document until it is withdrawn. No body.',
    auth: 'issuer',
    responses: {
      201: { description: 'The new key (never any private material).', schema: newIssuerKeyResponseSchema, example: { keyId: 'key-2', verificationMethod: 'did:web:badges.example:issuers:abc#key-2' } },
      429: rateLimited,
    },
  },
  {
    method: 'delete',
    path: '/api/v1/issuer/keys/{keyId}',
    tag: 'Open Badges 3.0',
    summary: 'Withdraw a compromised key',
    description:
      'Takes the key out of the DID document and erases its private half. **Every credential it signed stops verifying** (verifiers ' +
      'no longer find the key); status lists it signed are signed again with the remaining key. The last key that may sign cannot be ' +
      'withdrawn: rotate first (`POST /api/v1/issuer/keys`).',
    auth: 'issuer',
    params: issuerKeyParamSchema,
    exampleParams: { keyId: 'key-1' },
    responses: {
      200: { description: 'Withdrawn; `signingKeyId` signs from now on.', schema: withdrawnIssuerKeyResponseSchema },
      404: error('The issuer has no key with this id.'),
      409: error('`last_active_key`: the only key that may sign (rotate first); `already_withdrawn`: withdrawn before.'),
      429: rateLimited,
    },
  },
  {
    method: 'get',
    path: '/credentials/{id}',
    tag: 'Open Badges 3.0',
    summary: "A badge's signed credential",
    description:
      'The Open Badges 3.0 credential of the badge `/assertions/{id}`, signed once and served as stored (the proof never changes). ' +
      '`application/vc` by default (also for `*/*` or no Accept), `application/ld+json` (same body) when the client prefers it; a browser ' +
      'preferring `text/html` is redirected (303) to the badge page. Public badges only (pending or accepted, not declined or private); ' +
      'revoked ones stay served, marked revoked by their status list. `/credentials/{id}.json` is the same as a file download. ' +
      '`Access-Control-Allow-Origin: *`.',
    auth: 'none',
    responses: {
      200: { description: 'The credential.', mediaType: 'application/vc', schema: credentialDocument },
      303: { description: 'To the badge page, for clients preferring HTML.' },
      404: error('No public badge has this id.'),
    },
  },
  {
    method: 'get',
    path: '/credentials/{id}/baked.png',
    tag: 'Open Badges 3.0',
    summary: 'The badge image with its credential baked in (PNG)',
    description: 'The badge as PNG with an iTXt chunk `openbadgecredential` holding exactly the JSON of `/credentials/{id}`. Not for revoked badges.',
    auth: 'none',
    responses: { 200: { description: 'The baked PNG.', mediaType: 'image/png' }, 404: error('No public badge has this id.'), 410: error('The badge is revoked.') },
  },
  {
    method: 'get',
    path: '/credentials/{id}/baked.svg',
    tag: 'Open Badges 3.0',
    summary: 'The badge image with its credential baked in (SVG)',
    description:
      'The badge as SVG with `<openbadges:credential>` (namespace `https://purl.imsglobal.org/ob/v3p0`) holding exactly the JSON of ' +
      '`/credentials/{id}` in CDATA. Not for revoked badges.',
    auth: 'none',
    responses: { 200: { description: 'The baked SVG.', mediaType: 'image/svg+xml' }, 404: error('No public badge has this id.'), 410: error('The badge is revoked.') },
  },
  {
    method: 'get',
    path: '/issuers/{id}/did.json',
    tag: 'Open Badges 3.0',
    summary: "The issuer's did:web DID document",
    description:
      'The DID document of `did:web:<host>:issuers:{id}` (a port in `PUBLIC_URL` is written `%3A<port>`): every key of the issuer that ' +
      'is not withdrawn, as a `Multikey` in `verificationMethod` and `assertionMethod`. `Access-Control-Allow-Origin: *`.',
    auth: 'none',
    responses: {
      200: { description: 'The DID document.', mediaType: 'application/did+ld+json', schema: standardDocument('A DID document (DID Core 1.0) with Multikey verification methods.') },
      404: error('No issuer has this id.'),
    },
  },
  {
    method: 'get',
    path: '/issuers/{id}/status/{listId}',
    tag: 'Open Badges 3.0',
    summary: "One of the issuer's revocation lists",
    description:
      'A `BitstringStatusListCredential` (W3C Bitstring Status List, 131,072 entries, `statusPurpose` `revocation`) signed by the issuer, ' +
      'read from the database: a revocation shows on the next fetch, on every node. Signed once per state of the list. ' +
      '`Cache-Control: public, max-age=60`; `Access-Control-Allow-Origin: *`.',
    auth: 'none',
    responses: {
      200: { description: 'The status list credential.', mediaType: 'application/vc', schema: standardDocument('A BitstringStatusListCredential with an embedded DataIntegrityProof.') },
      404: error('The issuer has no such list.'),
    },
  },
] as const satisfies readonly ApiRouteDoc[];
