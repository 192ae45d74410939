// The badges behind the links of the foreign-profile LinkedIn fixture
// (extension/test/fixtures/linkedin/foreign-profile.html), made with the API tests' own fixture
// builders: Open Badges 2.0 hosted badges of Credly and Canvas Credentials (Badgr), a badge that
// contradicts itself, a platform answering 503, a page that is no badge, and Open Badges 3.0
// credentials signed in the test by did:web issuers, with their status lists.
import { badgrBadge, credlyBadge, didWebIssuer, hostedBadge, publishStatusList, signedCredential, type DocumentHost } from '../../api/test/verify-fixture-badges';

/** Hosts that let a browser read their documents (CORS), and hosts that do not (read through the API's relay). */
export const CORS_HOSTS = ['issuer.example'];
export const CLOSED_HOSTS = ['closed.example'];

export const FOREIGN_URLS = {
  signed: 'https://issuer.example/credentials/S1gnedCredent1al',
  signedRevoked: 'https://issuer.example/credentials/Rev0kedCredent1al',
  signedRelayed: 'https://closed.example/credentials/Re1ayedCredent1al',
};

export async function publishForeignBadges(web: DocumentHost): Promise<void> {
  // Valid, with no recipient name (Credly publishes a hashed email only).
  credlyBadge(web, '3b5c7d9e-1f2a-4b3c-8d4e-5f6a7b8c9d0e');
  // Couldn't check right now: Credly's API answers 503.
  web.text('https://api.credly.com/v1/obi/v2/badge_assertions/9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a', 'Service Unavailable', { status: 503, contentType: 'text/plain' });
  // Revoked by its issuer (HTTP 410 with the reason, as Open Badges 2.0 says).
  const revoked = badgrBadge(web, 'api.badgr.io', 'Rv0kedAsserti0n01');
  web.json(revoked.assertionUrl, { ...revoked.assertion, revoked: true, revocationReason: 'Issued in error' }, { status: 410 });
  // Invalid: the assertion at this address claims another id.
  hostedBadge(web, {
    assertionUrl: 'https://records.guild.example/badges/tampered',
    badgeUrl: 'https://records.guild.example/badge-classes/pipe-2',
    issuerUrl: 'https://records.guild.example/issuer',
    assertion: { id: 'https://records.guild.example/badges/someone-else' },
  });
  // No badge: a certificate page linking no badge document.
  web.text('https://portfolio.example/certificates/first-aid', '<!doctype html><title>First aid</title><p>Certificate of attendance.</p>');

  // Open Badges 3.0, signed: a host allowing cross-origin reads (valid, and revoked in its status list) …
  const guild = await didWebIssuer(web, 'issuer.example');
  for (const [assertionId, statusIndex] of [['S1gnedCredent1al', 3], ['Rev0kedCredent1al', 9]] as const) {
    const credential = await signedCredential(guild, { assertionId, statusIndex });
    web.json(credential.id, credential, { contentType: 'application/vc' });
  }
  await publishStatusList(web, guild, [9]);
  // … and one that does not (read through the API's relay).
  const closed = await didWebIssuer(web, 'closed.example');
  const relayed = await signedCredential(closed, { assertionId: 'Re1ayedCredent1al' });
  web.json(relayed.id, relayed, { contentType: 'application/vc' });
  await publishStatusList(web, closed, []);
}
