// Loads the demo catalogue (demo-data.ts) into an EMPTY database, all or nothing.
import { findAccountByPrimaryEmail } from '../db/accounts';
import { createApiKey } from '../db/apiKeys';
import { changeClaimState, countAssertions, issueAssertion, revokeAssertion } from '../db/assertions';
import { DEMO_EARNER_EMAIL, seedDemoAccounts } from '../earners/demoAccounts';
import { loadDemoMatching } from '../matching/demo';
import { countBadgeClasses, createBadgeClass, type BadgeClass } from '../db/badgeClasses';
import type { Db } from '../db/connection';
import { lockForTransaction } from '../db/locks';
import { claimBadgeClass } from '../db/selfClaims';
import { countIssuers, createIssuer } from '../db/issuers';
import { normaliseEmail } from '../lib/crypto';
import { assertionStatus, type AssertionStatus } from '../lib/status';
import { publicUrls } from '../lib/urls';
import { demoData, type DemoData } from './demo-data';
import { splitSkills } from '../../../shared/schemas/badges';
import { termKey } from '../../../shared/skills';
import { setSkillSynonyms } from '../db/skills';
import { putMember } from '../db/memberships';
import { issuerBadgeClasses, linkMembership, rosterProblems, type MembershipDeps } from '../earning/memberships';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Thrown when the database already holds data: demo data must never mix with real data. */
export class SeedRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SeedRefusedError';
  }
}

export interface SeedOptions {
  /** The configured public base URL (PUBLIC_URL); every URL in the summary is built from it. */
  publicUrl: string;
  /** The seeding time; issue dates are counted back from it. */
  now?: Date;
  /** The data to load; the demo catalogue unless a test gives its own. */
  data?: DemoData;
}

export interface SeedSummary {
  /** One freshly created API key per issuer (only its hash is stored: this is the only time it is shown). */
  issuers: { id: string; name: string; url: string; apiKey: string }[];
  badgeClasses: number;
  assertions: number;
  earners: number;
  /** The public page of one badge of each status, handy for trying the verifier. */
  examples: Partial<Record<AssertionStatus, string>>;
}

/** True when there are no issuers, badge classes or assertions. */
export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  return (await countIssuers(db)) === 0 && (await countBadgeClasses(db)) === 0 && (await countAssertions(db)) === 0;
}

/**
 * Loads the demo data in one transaction: on any failure nothing is left behind. Nodes starting at the
 * same moment each try: the lock makes them take turns, and all but the first find data and refuse.
 */
export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedSummary> {
  if (db.isTransaction) throw new Error('seedDemo must not run inside another transaction');
  return db.transaction().execute(async (trx) => {
    await lockForTransaction(trx, 'initialData');
    if (!(await isDatabaseEmpty(trx))) {
      throw new SeedRefusedError('The database already has data; the demo data is only loaded into an empty database.');
    }
    const now = options.now ?? new Date();
    const data = options.data ?? demoData;
    const { summary, badgeClasses, issuerIds } = await load(trx, data, publicUrls(options.publicUrl), now);
    await seedDemoAccounts(trx, now);
    await loadSelfClaims(trx, data, badgeClasses, now);
    summary.assertions += await loadMemberships({ db: trx, publicUrl: options.publicUrl, now: () => now, issueCredentials: false }, data, badgeClasses, issuerIds);
    if (data.matching) await loadDemoMatching(trx, data.matching, DEMO_EARNER_EMAIL, badgeClasses, now);
    return summary;
  });
}

/** The demo earners' self-claimed skill badges (after their accounts exist). */
async function loadSelfClaims(db: Db, data: DemoData, badgeClasses: Map<string, BadgeClass>, now: Date): Promise<void> {
  for (const earner of data.earners) {
    for (const { badge, daysAgo } of earner.selfClaims ?? []) {
      const badgeClass = badgeClasses.get(badge);
      if (badgeClass?.category !== 'skill') throw new Error(`demo data: self-claim of "${badge}", which is not a skill badge`);
      const account = await findAccountByPrimaryEmail(db, earner.email);
      if (!account) throw new Error(`demo data: no account for ${earner.email}, who self-claims "${badge}"`);
      await claimBadgeClass(db, account.id, badgeClass.id, new Date(now.getTime() - daysAgo * DAY_MS));
    }
  }
}

/**
 * The demo earners' linked memberships (after their accounts exist): each entry is put on its issuer's roster
 * with the earner's address and linked, which adds (or adopts) the badges it entitles them to. Their
 * credentials are signed by the worker, like every seeded badge's. Returns how many badges they issued.
 */
async function loadMemberships(deps: MembershipDeps, data: DemoData, badgeClasses: Map<string, BadgeClass>, issuerIds: Map<string, string>): Promise<number> {
  const now = deps.now();
  let issued = 0;
  const date = (daysAgo: number) => new Date(now.getTime() - daysAgo * DAY_MS).toISOString().slice(0, 10);
  for (const earner of data.earners) {
    for (const membership of earner.memberships ?? []) {
      const issuerId = issuerIds.get(membership.issuer);
      const account = await findAccountByPrimaryEmail(deps.db, earner.email);
      if (!issuerId || !account) throw new Error(`demo data: membership ${membership.memberId} of ${earner.email} names an unknown issuer or earner`);
      const certifications = (membership.certifications ?? []).map(({ badge, sinceDaysAgo, yearsActive }) => {
        const badgeClass = badgeClasses.get(badge);
        if (!badgeClass) throw new Error(`demo data: membership certification of unknown badge "${badge}"`);
        return { badgeId: badgeClass.id, since: date(sinceDaysAgo), ...(yearsActive === undefined ? {} : { yearsActive }) };
      });
      const entry = { email: earner.email, name: earner.name, memberSince: date(membership.sinceDaysAgo), level: membership.level, volunteer: membership.volunteer, certifications };
      const problems = rosterProblems(entry, await issuerBadgeClasses(deps.db, issuerId));
      if (problems.length > 0) throw new Error(`demo data: membership ${membership.memberId}: ${problems.map((problem) => `${problem.path} ${problem.message}`).join('; ')}`);
      await putMember(deps.db, issuerId, membership.memberId, entry, now);
      const linked = await linkMembership(deps, issuerId, membership.memberId, account.id);
      if (!linked.ok) throw new Error(`demo data: membership ${membership.memberId} could not be linked (${linked.reason})`);
      issued += linked.badges.issued.length;
    }
  }
  return issued;
}

async function load(
  db: Db,
  data: DemoData,
  urls: ReturnType<typeof publicUrls>,
  now: Date,
): Promise<{ summary: SeedSummary; badgeClasses: Map<string, BadgeClass>; issuerIds: Map<string, string> }> {
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);
  const oldestAward = Math.max(0, ...data.earners.flatMap((earner) => earner.awards.map((award) => award.daysAgo)));
  // The catalogue predates every badge issued from it.
  const catalogueCreatedAt = daysAgo(oldestAward + 30);

  const summary: SeedSummary = { issuers: [], badgeClasses: 0, assertions: 0, earners: 0, examples: {} };
  const badgeClasses = new Map<string, BadgeClass>();
  const issuerIds = new Map<string, string>();
  for (const demoIssuer of data.issuers) {
    const issuer = await createIssuer(db, demoIssuer.profile, catalogueCreatedAt);
    issuerIds.set(demoIssuer.key, issuer.id);
    const { apiKey } = await createApiKey(db, issuer.id, 'demo data', catalogueCreatedAt);
    summary.issuers.push({ id: issuer.id, name: issuer.name, url: urls.issuer(issuer.id), apiKey });
    for (const { key, badge } of demoIssuer.badges) {
      if (badgeClasses.has(key)) throw new Error(`demo data: badge key "${key}" is used twice`);
      badgeClasses.set(key, await createBadgeClass(db, issuer.id, badge, catalogueCreatedAt));
    }
    const declared = new Set(demoIssuer.badges.flatMap(({ badge }) => splitSkills(badge.skills ?? []).names.map(termKey)));
    for (const [skill, ...synonyms] of data.synonyms ?? []) {
      if (declared.has(termKey(skill))) await setSkillSynonyms(db, issuer.id, skill, synonyms, catalogueCreatedAt);
    }
  }
  summary.badgeClasses = badgeClasses.size;

  const earners = new Set<string>();
  for (const earner of data.earners) {
    earners.add(normaliseEmail(earner.email));
    for (const award of earner.awards) {
      const badgeClass = badgeClasses.get(award.badge);
      if (!badgeClass) throw new Error(`demo data: award of unknown badge "${award.badge}" to ${earner.email}`);
      const issuedOn = daysAgo(award.daysAgo);
      let assertion = await issueAssertion(
        db,
        badgeClass,
        { email: earner.email, name: earner.name, narrative: award.narrative, evidenceUrl: award.evidenceUrl, issuedOn, attributeValue: award.attribute },
        issuedOn,
      );
      if (!award.pending) await changeClaimState(db, assertion.id, 'accepted', 'api');
      if (award.revoked) {
        await revokeAssertion(db, assertion.id, award.revoked.reason, daysAgo(award.revoked.daysAgo));
        assertion = { ...assertion, revoked: true };
      }
      summary.examples[assertionStatus(assertion, now)] ??= urls.assertion(assertion.id);
      summary.assertions += 1;
    }
  }
  summary.earners = earners.size;
  return { summary, badgeClasses, issuerIds };
}
