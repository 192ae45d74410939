import type { Db } from '../db/connection';
import { deleteExpiredSessions } from '../db/sessions';

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Forgets what can no longer be used: expired sessions, and one-time tokens a week after they expired or
 * were used (kept that long so a late click still gets the clear "expired"/"already used" page).
 */
export async function purgeExpired(db: Db, now = new Date()): Promise<{ sessions: number; tokens: number }> {
  const sessions = await deleteExpiredSessions(db, now);
  const cutoff = new Date(now.getTime() - WEEK_MS).toISOString();
  const tokens = db.prepare('DELETE FROM one_time_tokens WHERE expires_at <= ? OR used_at <= ?').run(cutoff, cutoff).changes;
  return { sessions, tokens };
}

/** Runs purgeExpired every `intervalMs` (hourly by default); returns the stop function. */
export function startHousekeeping(db: Db, now: () => Date = () => new Date(), intervalMs = 60 * 60 * 1000): () => void {
  const run = () => void purgeExpired(db, now()).catch(console.error);
  const timer = setInterval(run, intervalMs);
  timer.unref?.();
  run();
  return () => clearInterval(timer);
}
