// OpenAPI descriptors of the earner routes under /api/v1 (spread into apiRouteDocs in api/src/openapi.ts).
import { z } from 'zod';
import { importRequestSchema } from '../../../shared/schemas/imports';
import { formatRateLimit, RATE_LIMITS } from './rateLimit';
import {
  authTokenRequestSchema,
  importResponseSchema,
  authTokenResponseSchema,
  meBadgePatchSchema,
  meBadgeSchema,
  meBadgesResponseSchema,
  recipientNameSchema,
  selfClaimRequestSchema,
  selfClaimResponseSchema,
  unlockEarnerSchema,
} from '../../../shared/schemas/earners';
import { assertionResponseSchema, errorBodySchema, idParamSchema } from '../../../shared/schemas/issuerApi';
import type { ApiRouteDoc } from '../openapi';

const error = (description: string) => ({ description, schema: errorBodySchema });

export const earnerApiRouteDocs = [
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
      '(`valid`, `expired`, `revoked`), whether its page is public, and its public page URL; then the badges the earner imported from ' +
      'other sites. `source` tells them apart: `imported: false` and platform `badgelens` for badges issued here; `imported: true`, the ' +
      'platform (`credly`, `accredible`, `badgr`, `openbadges`), the format and `checkedAt` (the latest check at its source) for imported ones. ' +
      'An imported badge shows the latest result of the verification cache (a revoked one then says `revoked`); its `url` is its page on ' +
      'its issuer\'s site, or its page on this server (`/imported/{id}`) when it has none. ' +
      'Skill badges the earner claimed for themselves (`POST /api/v1/me/claims`) come after their issued badges, with status `self_claimed` ' +
      'and `credentialUrl: null`, until an issuer verifies them.',
    auth: 'earner',
    responses: { 200: { description: 'The earner\'s badges.', schema: meBadgesResponseSchema } },
  },
  {
    method: 'post',
    path: '/api/v1/me/badges/import',
    tag: 'Earners',
    summary: 'Add a badge from elsewhere',
    description:
      'Imports a badge from another site into the earner\'s portfolio. Give exactly one of: `url` (the badge\'s page or its Open Badges JSON: ' +
      'Credly, Accredible, Badgr, any hosted Open Badges 2.0 assertion or Open Badges 3.0 credential URL; LinkedIn redirect links are unwrapped), ' +
      '`credential` (an Open Badges 2.0 assertion object, an Open Badges 3.0 credential object, or a VC-JWT string), or `image` (a baked PNG or ' +
      'SVG as a base64 `data:` URI, at most 1 MB). The badge is verified at its source exactly as `POST /api/v1/verify` does, and its recipient ' +
      '(an email, hashed with its salt or plain: OB 2.0 `recipient`, OB 3.0 `credentialSubject.identifier`) must be one of the earner\'s ' +
      'verified addresses. Importing the same badge again keeps one (200, `created: false`). Revoked, invalid (altered), missing, unreachable ' +
      'and unsupported badges are refused; an expired one is kept and shown as `expired`. ' +
      `Limited per account (\`RATE_LIMIT_BADGE_IMPORT\`, by default ${formatRateLimit(RATE_LIMITS.badgeImport)}); at most 200 imported badges per account.`,
    auth: 'earner',
    body: importRequestSchema,
    exampleBody: { url: 'https://www.credly.com/badges/0c8a1b2c-3d4e-4f50-8a6b-7c8d9e0f1a2b' },
    responses: {
      201: { description: 'Imported: the badge as the portfolio shows it.', schema: importResponseSchema },
      200: { description: 'The earner already had this badge: it is kept once (its latest check updated).', schema: importResponseSchema },
      403: error('The badge names another recipient (`not_your_badge`), or no email address at all (`recipient_unknown`).'),
      409: error('A badge issued on this server (`issued_here`: it reaches the portfolio of its address), or the account holds 200 imported badges (`too_many_badges`).'),
      422: error(
        'The badge cannot be added: `revoked`, `invalid_badge` (its proof or hosted copy does not match: altered), `badge_not_found`, `unverifiable` ' +
          '(its site could not be reached: try again later), `unsupported`, `not_a_badge_url`, or a file that holds no badge (`not_baked`, `unreadable_file`, `file_too_large`).',
      ),
      429: error('Too many imports by this account lately; retry after `Retry-After` seconds.'),
    },
  },
  {
    method: 'post',
    path: '/api/v1/me/claims',
    tag: 'Earners',
    summary: 'Claim a skill badge for myself',
    description:
      'Adds a skill badge of the catalogue to the earner\'s portfolio as "Self-claimed — not verified" ("I can do this"). Only `skill` badge ' +
      'classes can be self-claimed. The badge gets its page at `url`, shown as self-claimed everywhere: `POST /api/v1/verify` answers ' +
      '`self_claimed` for it, never `valid`; it has no Open Badges assertion, credential, baked image or certificate (JSON clients of its URL ' +
      'get 404 with the code `self_claimed`). When the issuer reports a completion of one of the badge\'s requirement options for one of the ' +
      'earner\'s verified addresses, the same badge becomes an issued one in place: same id and URL, now `valid`, and the earner is told by email. ' +
      'Claiming the same badge again answers the claim already made (200). ' +
      `Limited per account (\`RATE_LIMIT_SELF_CLAIM\`, by default ${formatRateLimit(RATE_LIMITS.selfClaim)}).`,
    auth: 'earner',
    body: selfClaimRequestSchema,
    exampleBody: { badgeId: 'demo-gtaw-skill' },
    responses: {
      201: { description: 'Claimed: the badge\'s id, its page and its status.', schema: selfClaimResponseSchema },
      200: { description: 'The earner had already claimed this badge: the same claim.', schema: selfClaimResponseSchema },
      404: error('No badge class with this id.'),
      409: error('The earner already holds this badge, issued by its issuer (`already_held`).'),
      422: error('The badge class is not a skill badge (`not_self_claimable`): only its issuer can award it.'),
      429: error('Too many self-claims by this account lately; retry after `Retry-After` seconds.'),
    },
  },
  {
    method: 'patch',
    path: '/api/v1/me/badges/{id}',
    tag: 'Earners',
    summary: 'Accept, decline, or hide one of my badges',
    description:
      'Sets `claimState` (`accepted` makes the badge public, `declined` hides it) and/or `isPublic`, all or nothing. A private badge\'s page shows a ' +
      'neutral "not public" page and it verifies as `not_found`. A pending badge may be accepted or declined; an accepted one is never ' +
      'declined (make it private or delete it instead); a declined one is accepted after all only in the portfolio, and is never public. ' +
      'An imported badge (id `imp_…`) can only be made public or private.',
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
      'The issuer keeps its record. An imported badge (id `imp_…`) or a self-claimed one is simply removed from the portfolio.',
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
] as const satisfies readonly ApiRouteDoc[];
