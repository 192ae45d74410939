import { describe, expect, it } from 'vitest';
import { createBadgeClassSchema, createIssuerSchema, issueAssertionSchema } from '../../shared/schemas/badges';
import { BADGE_CATEGORIES } from '../../shared/schemas/verify';
import { checkAttributeValue } from '../../shared/schemas/attributes';
import { createSafeFetch } from '../src/fetch';
import { imageInputProblem } from '../src/lib/imageInput';
import { DEMO_EARNER_EMAIL, demoData } from '../src/seed/demo-data';

const allBadges = demoData.issuers.flatMap((issuer) => issuer.badges.map((entry) => ({ issuer, ...entry })));
const badgeByName = (name: string) => allBadges.find((entry) => entry.badge.name === name)?.badge;

describe('demo data file', () => {
  it('has issuer profiles the API itself would accept, one with a LinkedIn organisation id and one without', async () => {
    expect(demoData.issuers.length).toBeGreaterThanOrEqual(2);
    for (const { profile } of demoData.issuers) {
      expect(createIssuerSchema.safeParse(profile).error?.issues ?? []).toEqual([]);
      expect(new URL(profile.url).hostname).toMatch(/\.example$/);
      expect(profile.email).toMatch(/@[\w.-]+\.example$/);
      if (profile.image) expect(await imageInputProblem(profile.image, { safeFetch: createSafeFetch({ testHosts: new Map() }) })).toBeNull();
    }
    expect(demoData.issuers.some((issuer) => issuer.profile.linkedInOrganizationId)).toBe(true);
    expect(demoData.issuers.some((issuer) => !issuer.profile.linkedInOrganizationId)).toBe(true);
  });

  it('has at least 40 valid badge classes across all six categories, each with unique key and name', () => {
    expect(allBadges.length).toBeGreaterThanOrEqual(40);
    for (const { key, badge } of allBadges) {
      expect({ key, issues: createBadgeClassSchema.safeParse(badge).error?.issues ?? [] }).toEqual({ key, issues: [] });
    }
    expect(new Set(allBadges.map((entry) => entry.badge.category))).toEqual(new Set(BADGE_CATEGORIES));
    expect(new Set(allBadges.map((entry) => entry.key)).size).toBe(allBadges.length);
    expect(new Set(allBadges.map((entry) => entry.badge.name)).size).toBe(allBadges.length);
  });

  it('points every requirement and alignment at its own issuer\'s example domain over https', () => {
    for (const { issuer, key, badge } of allBadges) {
      expect(badge.requirements?.length, key).toBeGreaterThan(0);
      const links = [...(badge.requirements ?? []).map((r) => r.url), ...(badge.alignment ?? []).map((a) => a.targetUrl)];
      for (const link of links) {
        const url = new URL(link!);
        expect(url.protocol, `${key}: ${link}`).toBe('https:');
        expect(url.hostname, `${key}: ${link}`).toBe(new URL(issuer.profile.url).hostname);
      }
    }
  });

  it('lets one fundamentals course earn the four process knowledge badges, with other ways as alternatives', () => {
    const processBadges = ['SMAW', 'GTAW', 'GMAW', 'FCAW'].map((code) => badgeByName(`${code} Process Knowledge`));
    for (const badge of processBadges) {
      expect(badge?.category).toBe('knowledge');
      expect(badge?.requirements).toContainEqual(expect.objectContaining({ kind: 'course', title: 'Welding Fundamentals Online Course' }));
      expect(new Set(badge?.requirements?.map((r) => r.kind))).toEqual(new Set(['course', 'seminar', 'quiz', 'conference']));
    }
  });

  it('tags process badges with the words people search for', () => {
    const synonyms: Record<string, string> = { GTAW: 'TIG', GMAW: 'MIG', SMAW: 'stick welding', FCAW: 'flux-cored' };
    const processBadges = allBadges.filter((entry) => /^(GTAW|GMAW|SMAW|FCAW) /.test(entry.badge.name));
    expect(processBadges.length).toBeGreaterThanOrEqual(4 + 8);
    for (const { badge } of processBadges) {
      const code = badge.name.slice(0, 4);
      expect(badge.skills, badge.name).toEqual(expect.arrayContaining([code, synonyms[code]]));
    }
  });

  it('has the certifications with their validity and certificates', () => {
    const inspector = badgeByName('Certified Welding Inspector');
    expect(inspector).toMatchObject({ category: 'certification', validityMonths: 36, offersCertificate: true });
    const certifications = allBadges.filter((entry) => entry.badge.category === 'certification');
    expect(certifications.length).toBeGreaterThanOrEqual(4);
    const careerYears = allBadges.filter((e) => e.badge.category === 'career').map((e) => e.badge.name);
    expect(careerYears).toEqual(expect.arrayContaining(['5 Years in Welding', '10 Years in Welding', '20 Years in Welding', '30 Years in Welding']));
  });

  it('has about twenty invented earners with valid addresses, awarding only badges that exist', () => {
    const keys = new Set(allBadges.map((entry) => entry.key));
    const emails = demoData.earners.map((earner) => earner.email);
    expect(demoData.earners.length).toBeGreaterThanOrEqual(18);
    expect(new Set(emails).size).toBe(emails.length);
    expect(emails).toContain(DEMO_EARNER_EMAIL);
    for (const earner of demoData.earners) {
      const issue = issueAssertionSchema.safeParse({ email: earner.email, name: earner.name });
      expect(issue.error?.issues ?? []).toEqual([]);
      expect(earner.email).toMatch(/\.example$/);
      expect(earner.awards.length, earner.name).toBeGreaterThanOrEqual(3);
      for (const award of earner.awards) {
        expect(keys.has(award.badge), `${earner.name}: ${award.badge}`).toBe(true);
        expect(award.daysAgo).toBeGreaterThanOrEqual(0);
        if (award.revoked) expect(award.revoked.daysAgo).toBeLessThanOrEqual(award.daysAgo);
      }
    }
    expect(demoData.earners.some((earner) => /[^\x00-\x7f]/.test(earner.name))).toBe(true);
  });

  it('shows levels and years: a certification with years, membership badges with a level and a volunteer flag, every value fitting its badge class', () => {
    const byKey = new Map(allBadges.map((entry) => [entry.key, entry.badge]));
    const given = demoData.earners.flatMap((earner) => earner.awards.filter((award) => award.attribute !== undefined).map((award) => ({ earner, award })));
    for (const { earner, award } of given) {
      expect(checkAttributeValue(byKey.get(award.badge)?.attribute ?? null, award.attribute), `${earner.name}: ${award.badge}`).toMatchObject({ ok: true });
    }
    const kinds = (email: string) =>
      given.filter(({ earner }) => earner.email === email).map(({ award }) => [byKey.get(award.badge)?.category, byKey.get(award.badge)?.attribute?.kind]);
    expect(given.map(({ award }) => byKey.get(award.badge)?.attribute?.kind)).toContain('yearsActive');
    expect(kinds(DEMO_EARNER_EMAIL)).toEqual(expect.arrayContaining([['membership', 'level'], ['membership', 'volunteer']]));
  });
});
