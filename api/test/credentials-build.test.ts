import { describe, expect, it } from 'vitest';
import { BADGE_CATEGORIES } from '../../shared/schemas/verify';
import { ACHIEVEMENT_TYPES, buildCredential } from '../src/credentials/credential';
import { hashRecipient } from '../src/lib/crypto';
import { achievementCredentialValidator, DID, sampleInput } from './credentials-helpers';

describe('buildCredential', () => {
  it('gives the OpenBadgeCredential shape of issue 13', () => {
    const input = sampleInput();
    expect(buildCredential(input)).toEqual({
      '@context': [
        'https://www.w3.org/ns/credentials/v2',
        'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
        'https://purl.imsglobal.org/spec/ob/v3p0/extensions.json',
      ],
      id: 'https://badges.example.org/credentials/a1b2c3d4e5f6a7b8c9d0e1f2',
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: {
        id: DID,
        type: ['Profile'],
        name: 'Guild of Test Welders',
        url: 'https://welders.example.test',
        image: { id: 'https://badges.example.org/issuers/guild-1/image', type: 'Image' },
      },
      validFrom: '2025-03-01T09:30:00Z',
      validUntil: '2030-03-01T09:30:00Z',
      name: 'MIG Welding Level 1',
      credentialSubject: {
        type: ['AchievementSubject'],
        identifier: [
          {
            type: 'IdentityObject',
            identityType: 'emailAddress',
            hashed: true,
            identityHash: hashRecipient('jordan.example@example.test', 'c2FsdC1mb3ItdGVzdHM'),
            salt: 'c2FsdC1mb3ItdGVzdHM',
          },
          { type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: 'Jordan Example' },
        ],
        achievement: {
          id: 'https://badges.example.org/badges/badge-mig',
          type: ['Achievement'],
          achievementType: 'Competency',
          name: 'MIG Welding Level 1',
          description: 'Lays sound fillet welds with the MIG process in flat and horizontal positions.',
          criteria: { narrative: 'Pass a supervised **plate bend test**.' },
          image: { id: 'https://badges.example.org/badges/badge-mig/image', type: 'Image' },
          alignment: [
            { type: ['Alignment'], targetName: 'Welding framework: MIG', targetUrl: 'https://framework.example.test/mig', targetCode: 'W-12' },
            { type: ['Alignment'], targetName: 'MIG welding', targetUrl: 'https://badges.example.org/catalogue?q=MIG%20welding' },
            { type: ['Alignment'], targetName: 'Weld inspection', targetUrl: 'https://badges.example.org/catalogue?q=Weld%20inspection' },
          ],
          tag: ['MIG welding', 'Weld inspection'],
        },
        narrative: 'Passed the plate bend test at the first attempt.',
      },
      evidence: [{ id: 'https://portfolio.example.test/jordan/weld-test', type: ['Evidence'] }],
      credentialSchema: [
        {
          id: 'https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json',
          type: '1EdTechJsonSchemaValidator2019',
        },
      ],
      credentialStatus: {
        id: 'https://badges.example.org/issuers/guild-1/status/1#4242',
        type: 'BitstringStatusListEntry',
        statusPurpose: 'revocation',
        statusListIndex: '4242',
        statusListCredential: 'https://badges.example.org/issuers/guild-1/status/1',
      },
    });
  });

  it('never shows the plain email', () => {
    const text = JSON.stringify(buildCredential(sampleInput())).toLowerCase();
    expect(text).not.toContain('jordan.example');
    expect(text).not.toContain('@example.test');
  });

  it('leaves out validUntil, evidence, narrative, alignment and tags when there are none', () => {
    const input = sampleInput({ expires: null });
    input.assertion.evidenceUrl = null;
    input.assertion.narrative = null;
    input.badgeClass = { ...input.badgeClass, skills: [], alignment: [] };
    const credential = buildCredential(input);
    expect(credential).not.toHaveProperty('validUntil');
    expect(credential).not.toHaveProperty('evidence');
    expect(credential.credentialSubject).not.toHaveProperty('narrative');
    expect(credential.credentialSubject.achievement).not.toHaveProperty('alignment');
    expect(credential.credentialSubject.achievement).not.toHaveProperty('tag');
  });

  it('maps every category to an Open Badges 3.0 achievementType the schema accepts', () => {
    const validate = achievementCredentialValidator();
    expect(Object.keys(ACHIEVEMENT_TYPES).sort()).toEqual([...BADGE_CATEGORIES].sort());
    expect(new Set(Object.values(ACHIEVEMENT_TYPES)).size).toBe(BADGE_CATEGORIES.length);
    for (const category of BADGE_CATEGORIES) {
      const input = sampleInput();
      input.badgeClass = { ...input.badgeClass, category };
      const credential = buildCredential(input);
      expect(credential.credentialSubject.achievement.achievementType).toBe(ACHIEVEMENT_TYPES[category]);
      // The schema wants a proof array; any well-formed proof object shows the rest of the document passes.
      const withProof = { ...credential, proof: [{ type: 'DataIntegrityProof', proofPurpose: 'assertionMethod' }] };
      expect(validate(withProof), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  it('refuses a recipient hash that is not salted SHA-256', () => {
    const input = sampleInput();
    input.assertion.recipientHash = 'jordan.example@example.test';
    expect(() => buildCredential(input)).toThrow(/sha256/);
  });
});
