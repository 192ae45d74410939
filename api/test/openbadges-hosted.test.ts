import { describe, expect, it } from 'vitest';
import { assertionDocument, issuerProfileDocument } from '../src/openbadges/hosted';
import { publicUrls } from '../src/lib/urls';

// The document builders' own parameter types, so this test does not depend on the data layer's modules.
type Issuer = Parameters<typeof issuerProfileDocument>[0];
type Assertion = Parameters<typeof assertionDocument>[0];

const issuer: Issuer = {
  id: 'iss1',
  name: 'Guild of Test Welders',
  url: 'https://welders.test',
  email: 'office@welders.test',
  description: null,
  image: null,
  linkedInOrganizationId: null,
  createdAt: '2025-01-01T00:00:00.000Z',
  updatedAt: '2025-01-01T00:00:00.000Z',
};

const assertion: Assertion = {
  id: 'as1',
  badgeClassId: 'bc1',
  recipientEmail: 'jordan@example.test',
  recipientSalt: 'salt',
  recipientHash: `sha256$${'0'.repeat(64)}`,
  recipientName: 'Jordan Example',
  issuedOn: '2025-01-01T00:00:00.000Z',
  expires: null,
  evidenceUrl: null,
  narrative: null,
  revoked: false,
  revocationReason: null,
  revokedAt: null,
  claimState: 'accepted',
  isPublic: true,
  createdAt: '2025-01-01T00:00:00.000Z',
  attributeValue: null,
};

describe('Issuer Profile verification.allowedOrigins (hosted verification)', () => {
  it.each([
    ['http://localhost:8787', 'localhost:8787'],
    ['https://badges.example.org:8443/prefix', 'badges.example.org:8443'],
    ['https://badges.example.org', 'badges.example.org'],
  ])('with PUBLIC_URL %s it is %s: the host with its port, as the assertion ids carry it', (base, expected) => {
    const urls = publicUrls(base);
    const profile = issuerProfileDocument(issuer, urls);
    expect(profile.verification.allowedOrigins).toBe(expected);
    // The 1EdTech validator compares this with the network location (host[:port]) of the assertion id.
    expect(new URL(assertionDocument(assertion, urls).id).host).toBe(profile.verification.allowedOrigins);
  });
});
