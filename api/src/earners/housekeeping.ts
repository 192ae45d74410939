import type { Db } from '../db/connection';
import { deleteEndedCounters } from '../db/rateLimits';
import { deleteOldCountedClients } from '../db/sharing';
import { deleteExpiredSessions } from '../db/sessions';
import { deleteStaleTokens } from '../db/tokens';
import { deleteExpiredVerifications } from '../db/verificationCache';

/**
 * Forgets what can no longer be used: expired sessions, one-time tokens a week after they expired or were
 * used (kept that long so a late click still gets the clear "expired"/"already used" page), rate-limit
 * counters whose window has ended, the clients counted on earlier days with those days' salts, and cached
 * verifications of other sites' badges past their time. Every node may run it: each step is an idempotent
 * DELETE.
 */
export async function purgeExpired(
  db: Db,
  now = new Date(),
): Promise<{ sessions: number; tokens: number; rateLimitCounters: number; countedClients: number; verifications: number }> {
  const sessions = await deleteExpiredSessions(db, now);
  const tokens = await deleteStaleTokens(db, now);
  const rateLimitCounters = await deleteEndedCounters(db, now.getTime());
  const countedClients = await deleteOldCountedClients(db, now);
  const verifications = await deleteExpiredVerifications(db, now.getTime());
  return { sessions, tokens, rateLimitCounters, countedClients, verifications };
}

/** Runs purgeExpired every `intervalMs` (hourly by default); returns the stop function. */
export function startHousekeeping(db: Db, now: () => Date = () => new Date(), intervalMs = 60 * 60 * 1000): () => void {
  const run = () => void purgeExpired(db, now()).catch(console.error);
  const timer = setInterval(run, intervalMs);
  timer.unref?.();
  run();
  return () => clearInterval(timer);
}
