// Badges for the import tests, made here: hosted Open Badges 2.0 badges on fixture hosts, signed
// Open Badges 3.0 credentials and VC-JWTs, baked into images generated here. Every person is invented.
import { deflateSync } from 'node:zlib';
import { addAlternateEmail, createAccount, verifyAlternateEmail, type Account } from '../src/db/accounts';
import type { Db } from '../src/db/connection';
import { createSession } from '../src/db/sessions';
import { hashRecipient } from '../src/lib/crypto';
import { generateBadgeSvg, rasterise } from '../src/openbadges/images';
import { readPngChunks, writePng } from '../src/openbadges/png';
import { didKeyJwtIssuer, hostedBadge, jwtCredential, signJwt, type HostedBadge } from './verify-fixture-badges';
import type { FixtureWeb } from './verify-fixture-web';

/** The address the fixture badges are issued to (verify-fixture-badges.ts: RECIPIENT). */
export const ROSA = 'rosa.example@earners.test';
export const SOMEONE_ELSE = 'someone.else@elsewhere.test';
export const GUILD_HOST = 'badges.guild.test';

export interface Earner {
  account: Account;
  auth: Record<string, string>;
}

/** An earner with a confirmed primary address, and optionally alternates (verified or not), holding a Bearer token. */
export async function earnerWith(db: Db, primary: string, alternates: { email: string; verified: boolean }[] = [], now = new Date()): Promise<Earner> {
  const account = await createAccount(db, { firstName: 'Rosa', lastName: 'Example', email: primary, passwordHash: 'x', verified: true }, now);
  for (const { email, verified } of alternates) {
    await addAlternateEmail(db, account.id, email, now);
    if (verified) await verifyAlternateEmail(db, account.id, email, now);
  }
  const session = await createSession(db, account, 'bearer', 24 * 60 * 60_000, now);
  return { account, auth: { Authorization: `Bearer ${session!.token}` } };
}

/** A hosted OB 2.0 badge on the guild's host, issued to `email` (hashed with a salt). */
export function guildBadge(web: FixtureWeb, id: string, email = ROSA, assertion: Record<string, unknown> = {}): HostedBadge {
  const base = `https://${GUILD_HOST}`;
  return hostedBadge(web, {
    assertionUrl: `${base}/assertions/${id}`,
    badgeUrl: `${base}/badges/pipe-2`,
    issuerUrl: `${base}/issuers/guild`,
    assertion: { recipient: { type: 'email', hashed: true, salt: `salt-${id}`, identity: hashRecipient(email, `salt-${id}`) }, ...assertion },
  });
}

export async function badgePng(): Promise<Buffer> {
  return rasterise(generateBadgeSvg({ name: 'Imported badge', category: 'skill' }), 64);
}

export function badgeSvg(): string {
  return generateBadgeSvg({ name: 'Imported badge', category: 'skill' });
}

export function dataUri(bytes: Uint8Array | string, type: 'image/png' | 'image/svg+xml'): string {
  return `data:${type};base64,${Buffer.from(bytes).toString('base64')}`;
}

/** A PNG whose "openbadges" iTXt chunk is compressed and inflates to `inflatedBytes` (a zip bomb when large). */
export function compressedBakedPng(png: Uint8Array, inflatedBytes: number): Buffer {
  const chunks = readPngChunks(png);
  const header = Buffer.concat([Buffer.from('openbadges', 'latin1'), Buffer.from([0, 1, 0, 0, 0])]);
  const bomb = { type: 'iTXt', data: Buffer.concat([header, deflateSync(Buffer.alloc(inflatedBytes, 0x20), { level: 9 })]) };
  return writePng([...chunks.slice(0, -1), bomb, chunks.at(-1)!]);
}

/** A VC-JWT for `email` (an emailAddress identifier, hashed with a salt), signed by a did:key. */
export async function vcJwtFor(email: string) {
  const issuer = await didKeyJwtIssuer();
  const credential = jwtCredential(issuer.id);
  const subject = credential.credentialSubject as Record<string, unknown>;
  subject.identifier = [
    { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, salt: 'jwt-salt', identityHash: hashRecipient(email, 'jwt-salt') },
    ...(subject.identifier as unknown[]),
  ];
  return signJwt(issuer, credential);
}
