// OpenAPI descriptors of the earner routes under /api/v1 (spread into apiRouteDocs in api/src/openapi.ts).
import { z } from 'zod';
import {
  authTokenRequestSchema,
  authTokenResponseSchema,
  meBadgePatchSchema,
  meBadgeSchema,
  meBadgesResponseSchema,
  recipientNameSchema,
  unlockEarnerSchema,
} from '../../../shared/schemas/earners';
import { assertionResponseSchema, errorBodySchema, idParamSchema } from '../../../shared/schemas/issuerApi';
import type { ApiRouteDoc } from '../openapi';

const error = (description: string) => ({ description, schema: errorBodySchema });

export const earnerApiRouteDocs: ApiRouteDoc[] = [
  {
    method: 'post',
    path: '/api/v1/auth/token',
    tag: 'Earners',
    summary: 'Sign in for an earner token',
    description:
      'Exchanges an earner\'s email and password for a Bearer token (valid 30 days) to send as `Authorization: Bearer <token>`. ' +
      'Ten consecutive wrong passwords lock the account until its owner chooses a new password (the lock sends a reset link by email) or the ' +
      'issuer unlocks it; a locked account answers 423 even with the right password. While ten checks of the account are under way, ' +
      'further attempts answer 429 (`sign_in_busy`, with `Retry-After`). Attempts are also rate-limited per client address (429 with `Retry-After`).',
    auth: 'none',
    body: authTokenRequestSchema,
    exampleBody: { email: 'demo@badgelens.example', password: 'badgelens-demo' },
    responses: {
      201: { description: 'The token and when it expires.', schema: authTokenResponseSchema },
      401: error('Wrong email or password (the same answer for unknown addresses).'),
      403: error('The email address is not confirmed yet; a new confirmation link was sent.'),
      423: error('The account is locked after 10 failed sign-ins; a new password (reset link by email) unlocks it.'),
      429: error('Too many sign-in attempts from this client, or for this account at once; retry after `Retry-After` seconds.'),
    },
  },
  {
    method: 'delete',
    path: '/api/v1/auth/token',
    tag: 'Earners',
    summary: 'Revoke the earner token',
    description: 'Ends the session of the token sent in `Authorization`. The token stops working at once.',
    auth: 'earner',
    responses: { 204: { description: 'Revoked.' } },
  },
  {
    method: 'get',
    path: '/api/v1/me/badges',
    tag: 'Earners',
    summary: 'My badges',
    description:
      'Every badge the earner holds, newest first, with its claim state (`pending`, `accepted`, `declined`), its status ' +
      '(`valid`, `expired`, `revoked`), whether its page is public, and its public page URL.',
    auth: 'earner',
    responses: { 200: { description: 'The earner\'s badges.', schema: meBadgesResponseSchema } },
  },
  {
    method: 'patch',
    path: '/api/v1/me/badges/{id}',
    tag: 'Earners',
    summary: 'Accept, decline, or hide one of my badges',
    description:
      'Sets `claimState` (`accepted` makes the badge public, `declined` hides it) and/or `isPublic`, all or nothing. A private badge\'s page shows a ' +
      'neutral "not public" page and it verifies as `not_found`. A pending badge may be accepted or declined; an accepted one is never ' +
      'declined (make it private or delete it instead); a declined one is accepted after all only in the portfolio, and is never public.',
    auth: 'earner',
    params: idParamSchema,
    body: meBadgePatchSchema,
    exampleBody: { isPublic: false },
    responses: {
      200: { description: 'The badge as it is now.', schema: meBadgeSchema },
      404: error('The earner holds no badge with this id.'),
      409: error('The claim rules do not allow this change (`claim_state_conflict`): nothing was changed.'),
    },
  },
  {
    method: 'delete',
    path: '/api/v1/me/badges/{id}',
    tag: 'Earners',
    summary: 'Delete one of my badges',
    description:
      'The badge leaves the account and loses the recipient\'s name and email; its page goes away and it verifies as `not_found` for good. ' +
      'The issuer keeps its record.',
    auth: 'earner',
    params: idParamSchema,
    responses: {
      204: { description: 'Deleted.' },
      404: error('The earner holds no badge with this id.'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/assertions/{id}/resend-claim',
    tag: 'Assertions',
    summary: 'Resend the claim email',
    description:
      'Queues the issuance email again with a fresh claim link (valid 30 days); earlier claim links stop working. Only for badges still pending. ' +
      'Limited per recipient (3 a day by default) and per issuer (500 a day): 429 with `Retry-After` beyond.',
    auth: 'issuer',
    params: idParamSchema,
    responses: {
      202: {
        description: 'The email is queued.',
        schema: z.object({ id: z.string(), recipient: z.string(), claimEmail: z.literal('queued') }),
      },
      404: error('No assertion of yours with this id.'),
      409: error('The badge was already accepted or declined, or it is revoked.'),
      429: error('Too many claim emails resent to this recipient, or by your issuer account, lately; retry after `Retry-After` seconds.'),
    },
  },
  {
    method: 'patch',
    path: '/api/v1/assertions/{id}/recipient',
    tag: 'Assertions',
    summary: "Correct the recipient's name",
    description:
      "Earners cannot change their own name: the issuer corrects it here. The name changes on this badge and on every other badge of yours held by the same person, on every page and in verification.",
    auth: 'issuer',
    params: idParamSchema,
    body: recipientNameSchema,
    exampleBody: { name: 'Jane Q. Doe' },
    responses: {
      200: {
        description: 'The assertion with the corrected name, and the ids of every assertion changed.',
        schema: assertionResponseSchema.extend({ updatedAssertions: z.array(z.string()) }),
      },
      404: error('No assertion of yours with this id.'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/earners/unlock',
    tag: 'Earners',
    summary: 'Unlock an earner account',
    description:
      'Unlocks an account locked after 10 failed sign-ins and resets its failure count. Only for accounts holding a badge of yours that ' +
      'they accepted; for any other address (no account, or not one of your earners) the answer is the same 404. Earners can also unlock ' +
      'their account themselves by choosing a new password.',
    auth: 'issuer',
    body: unlockEarnerSchema,
    exampleBody: { email: 'jane@example.com' },
    responses: {
      200: { description: 'Unlocked.', schema: z.object({ email: z.string(), unlocked: z.literal(true), wasLocked: z.boolean() }) },
      404: error('No account with that email holds an accepted badge of yours (the same answer whether or not the account exists).'),
    },
  },
];
