// Importing a badge from elsewhere into an earner's portfolio: the input becomes a badge URL or an
// inline credential (input.ts), the foreign verifier checks it at its source (through the SSRF-safe
// fetcher), its recipient must be one of the earner's verified addresses (recipient.ts), and it is
// stored once per account (importing it again keeps one). Revoked, invalid (tampered), unreachable
// and unsupported badges are refused; an expired one is kept and shown as expired. Once stored, a badge
// shows the latest check the verification cache holds (the extension and verify requests refresh it).
import type { Account } from '../db/accounts';
import { listAlternateEmails } from '../db/accounts';
import { countImportedBadges, listImportedBadges, saveImportedBadge, updateImportedStatus, type ImportedBadge } from '../db/importedBadges';
import type { AppDeps } from '../http/env';
import { isOnThisServer, unwrapBadgeUrl, withoutTracking } from '../verify/badgeUrl';
import { credentialItem, urlItem, type ForeignItem } from '../verify/foreign';
import type { JsonObject } from '../verify/json';
import type { Outcome } from '../verify/outcome';
import { candidateOf, type ImportInput } from './input';
import { recipientEmailOf } from './recipient';

type Deps = Pick<Required<AppDeps>, 'db' | 'publicUrl' | 'now' | 'foreignVerifier'>;

export type ImportRefusalCode =
  | 'unreadable_file'
  | 'not_baked'
  | 'file_too_large'
  | 'not_a_badge_url'
  | 'issued_here'
  | 'revoked'
  | 'invalid_badge'
  | 'badge_not_found'
  | 'unsupported'
  | 'unverifiable'
  | 'recipient_unknown'
  | 'not_your_badge'
  | 'too_many_badges';

export type ImportResult =
  | { ok: true; badge: ImportedBadge; created: boolean }
  | { ok: false; status: 403 | 409 | 422; code: ImportRefusalCode; message: string };

/** Imported badges one account may hold. */
export const MAX_IMPORTED_PER_ACCOUNT = 200;
/** A credential kept to check again is at most this long (real ones are a few kilobytes). */
const MAX_STORED_CREDENTIAL_CHARS = 128 * 1024;

const refuse = (status: 403 | 409 | 422, code: ImportRefusalCode, message: string): ImportResult => ({ ok: false, status, code, message });

/** The verifier's item for a stored badge, to read its latest check from the cache. */
export function itemOfImported(badge: Pick<ImportedBadge, 'sourceUrl' | 'credential'>): ForeignItem | null {
  if (badge.sourceUrl) return urlItem(new URL(badge.sourceUrl));
  if (!badge.credential) return null;
  return credentialItem(badge.credential.startsWith('{') ? (JSON.parse(badge.credential) as JsonObject) : badge.credential);
}

/** The account's verified addresses: its primary email once confirmed, and its verified alternates. */
async function verifiedEmailsOf(deps: Deps, account: Account): Promise<string[]> {
  const alternates = (await listAlternateEmails(deps.db, account.id)).filter((email) => email.verifiedAt !== null).map((email) => email.email);
  return [...(account.emailVerifiedAt ? [account.email] : []), ...alternates];
}

function refusalOf(outcome: Outcome): ImportResult | null {
  const because = outcome.reason ? `: ${outcome.reason}` : '.';
  switch (outcome.status) {
    case 'valid':
    case 'expired':
      return null;
    case 'revoked':
      return refuse(422, 'revoked', `Its issuer revoked this badge${outcome.reason ? ` (${outcome.reason})` : ''}, so it cannot be added to your badges.`);
    case 'invalid':
      return refuse(422, 'invalid_badge', `This badge does not verify${because} It may have been altered; get it again from the site that issued it.`);
    case 'not_found':
      return refuse(422, 'badge_not_found', 'There is no badge at this address (its issuer answered "not found").');
    case 'unverifiable':
      return refuse(422, 'unverifiable', `This badge could not be checked right now${because} Try again later.`);
    default:
      return refuse(422, 'unsupported', 'This is not an Open Badge this server can verify (Open Badges 2.0 hosted, Open Badges 3.0 or a VC-JWT; Credly, Accredible and Badgr pages).');
  }
}

export async function importBadge(deps: Deps, account: Account, input: ImportInput): Promise<ImportResult> {
  const candidate = candidateOf(input);
  if (!candidate.ok) return refuse(422, candidate.code, candidate.message);
  let item: ForeignItem;
  let pageUrl: string | null = null;
  if (candidate.candidate.kind === 'url') {
    const url = unwrapBadgeUrl(candidate.candidate.url);
    if (!url) return refuse(422, 'not_a_badge_url', 'Paste the https:// address of the badge: its page, or its Open Badges JSON.');
    if (isOnThisServer(url, deps.publicUrl)) {
      return refuse(409, 'issued_here', 'This badge was issued on BadgeLens: it is already in the portfolio of the address it was issued to (add that address to your account to see it here).');
    }
    pageUrl = withoutTracking(url).href;
    item = urlItem(url);
  } else {
    item = credentialItem(candidate.candidate.credential);
  }
  if ((await countImportedBadges(deps.db, account.id)) >= MAX_IMPORTED_PER_ACCOUNT) {
    return refuse(409, 'too_many_badges', `You already imported ${MAX_IMPORTED_PER_ACCOUNT} badges, the most one account may hold. Remove some first.`);
  }

  const now = deps.now();
  const outcome = await deps.foreignVerifier.verify(item, now, performance.now() + deps.foreignVerifier.budgetMs);
  const refusal = refusalOf(outcome);
  if (refusal) return refusal;
  const { badge, source } = outcome;
  if (!badge || !source?.format) return refuse(422, 'unsupported', 'This badge could not be read far enough to add it.');

  const recipients = outcome.recipients ?? [];
  if (recipients.length === 0) {
    return refuse(403, 'recipient_unknown', 'This badge does not name its recipient’s email address, so it cannot be shown to be yours.');
  }
  if (!recipientEmailOf(recipients, await verifiedEmailsOf(deps, account))) {
    return refuse(
      403,
      'not_your_badge',
      'This badge was issued to an email address that is not one of your verified addresses. If it is yours, add and confirm that address in your profile first.',
    );
  }

  const credentialText = candidate.candidate.kind === 'credential' ? (typeof candidate.candidate.credential === 'string' ? candidate.candidate.credential : JSON.stringify(candidate.candidate.credential)) : null;
  // A credential without a URL to check it at again is kept whole; an oversized one only by its hosted id.
  const keptCredential = pageUrl === null && credentialText !== null && credentialText.length <= MAX_STORED_CREDENTIAL_CHARS ? credentialText : null;
  const sourceUrl = pageUrl ?? (keptCredential === null ? source.checkedUrl : null);
  if (sourceUrl === null && keptCredential === null) return refuse(422, 'unsupported', 'This credential is too large to keep.');
  const saved = await saveImportedBadge(
    deps.db,
    {
      accountId: account.id,
      badgeKey: `${source.format} ${badge.assertionId}`,
      sourceUrl,
      credential: keptCredential,
      platform: source.platform,
      format: source.format,
      status: outcome.status as 'valid' | 'expired',
      badge: pageUrl ? { ...badge, pageUrl } : badge,
      checkedAt: outcome.checkedAt,
    },
    now,
  );
  return { ok: true, ...saved };
}

/**
 * The account's imported badges with their current status: a newer check in the verification cache
 * wins (and is stored); a valid badge whose expiry passed is expired. Never fetches anything.
 */
export async function currentImportedBadges(deps: Deps, accountId: string): Promise<ImportedBadge[]> {
  const badges = await listImportedBadges(deps.db, accountId);
  if (badges.length === 0) return badges;
  const now = deps.now();
  const items = badges.map((badge) => itemOfImported(badge));
  const cached = await deps.foreignVerifier.cached(
    items.filter((item): item is ForeignItem => item !== null),
    now,
  );
  return Promise.all(
    badges.map(async (badge, index) => {
      let current = badge;
      const outcome = items[index] ? cached.get(items[index].key) : undefined;
      const settled = outcome && (outcome.status === 'valid' || outcome.status === 'expired' || outcome.status === 'revoked');
      if (outcome && settled && outcome.checkedAt > badge.checkedAt) {
        const fresh = outcome.badge
          ? { ...outcome.badge, pageUrl: badge.badge.pageUrl ?? outcome.badge.pageUrl }
          : { ...badge.badge, revocationReason: outcome.status === 'revoked' ? (outcome.reason ?? null) : badge.badge.revocationReason };
        const status = outcome.status as ImportedBadge['status'];
        await updateImportedStatus(deps.db, badge.id, status, fresh, outcome.checkedAt);
        current = { ...badge, status, badge: fresh, checkedAt: outcome.checkedAt };
      }
      if (current.status === 'valid' && current.badge.expires && Date.parse(current.badge.expires) <= now.getTime()) current = { ...current, status: 'expired' };
      return current;
    }),
  );
}
