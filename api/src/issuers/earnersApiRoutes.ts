import { Hono } from 'hono';
import { accountAcceptedIssuerBadge, findAccountByVerifiedEmail, findAccountByPrimaryEmail, unlockAccount } from '../db/accounts';
import { correctRecipientName, getAssertion, getAssertionRecord } from '../db/assertions';
import { transaction } from '../db/connection';
import { consumeAssertionTokens } from '../db/tokens';
import { sendClaimEmail } from '../earners/hooks';
import { firstRateLimited, RATE_LIMITS, recipientKey } from '../earners/rateLimit';
import type { AppEnv } from '../http/env';
import { apiError } from '../http/errors';
import { issuerAuth } from '../http/issuerAuth';
import { requireJson } from '../http/jsonInput';
import { publicUrls } from '../lib/urls';
import { presentAssertion } from '../openbadges/presenters';
import { documented } from '../http/documentedValidation';

const noSuchAssertion = (id: string) => `No assertion with id "${id}".`;

/** Issuer routes about earners (mounted at /api/v1): resend a claim link, correct a name, unlock an account. */
export const earnersIssuerApiRoutes = new Hono<AppEnv>()
  .post('/assertions/:id/resend-claim', issuerAuth, documented('param', 'post /api/v1/assertions/{id}/resend-claim'), async (c) => {
    const { deps } = c.var;
    const { id } = c.req.valid('param');
    const record = await getAssertionRecord(deps.db, id);
    if (!record || record.issuer.id !== c.var.issuerId || record.assertion.recipientEmail === '') return apiError(c, 404, 'not_found', noSuchAssertion(id));
    if (record.assertion.claimState !== 'pending') {
      return apiError(c, 409, 'already_decided', `The recipient has already ${record.assertion.claimState} this badge; there is nothing to claim.`);
    }
    if (record.assertion.revoked) return apiError(c, 409, 'revoked', 'This badge is revoked; it cannot be claimed.');
    const recipient = record.assertion.recipientEmail;
    const limited = await firstRateLimited(c, [
      [RATE_LIMITS.claimResendRecipient, recipientKey(recipient)],
      [RATE_LIMITS.claimResendIssuer, `issuer:${c.var.issuerId}`],
    ]);
    if (limited) {
      const message =
        limited.rule.name === RATE_LIMITS.claimResendRecipient.name
          ? `The claim email was resent to ${recipient} too often lately. Try again in ${limited.wait} seconds.`
          : `Your issuer account has resent too many claim emails lately. Try again in ${limited.wait} seconds.`;
      return apiError(c, 429, 'rate_limited', message);
    }
    const now = deps.now();
    // The new link replaces the old ones: only the latest email's link works.
    await transaction(deps.db, async (db) => {
      await consumeAssertionTokens(db, id, 'claim', now);
      await sendClaimEmail({ ...deps, db }, record, now);
    });
    return c.json({ id, recipient: record.assertion.recipientEmail, claimEmail: 'queued' }, 202);
  })
  .patch('/assertions/:id/recipient', issuerAuth, requireJson, documented('param', 'patch /api/v1/assertions/{id}/recipient'), documented('json', 'patch /api/v1/assertions/{id}/recipient'), async (c) => {
    const { db, publicUrl, now } = c.var.deps;
    const { id } = c.req.valid('param');
    const { name } = c.req.valid('json');
    const record = await getAssertionRecord(db, id);
    if (!record || record.issuer.id !== c.var.issuerId || record.assertion.recipientEmail === '') return apiError(c, 404, 'not_found', noSuchAssertion(id));
    const changed = await correctRecipientName(db, id, name);
    const assertion = await getAssertion(db, id);
    return c.json({ ...presentAssertion(assertion!, publicUrls(publicUrl), now()), updatedAssertions: changed }, 200);
  })
  .post('/earners/unlock', issuerAuth, requireJson, documented('json', 'post /api/v1/earners/unlock'), async (c) => {
    const { db, now } = c.var.deps;
    const { email } = c.req.valid('json');
    const account = (await findAccountByPrimaryEmail(db, email)) ?? (await findAccountByVerifiedEmail(db, email));
    // Issuers may only unlock people who accepted one of their badges; anyone else looks unknown.
    if (!account || !(await accountAcceptedIssuerBadge(db, account.id, c.var.issuerId))) {
      return apiError(c, 404, 'not_found', 'No earner account with that email holds an accepted badge of yours.');
    }
    const wasLocked = account.lockedAt !== null;
    await unlockAccount(db, account.id, now());
    return c.json({ email: account.email, unlocked: true, wasLocked }, 200);
  });
