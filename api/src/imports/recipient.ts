// Is a badge addressed to this earner? Its recipient (an email, plain or hashed with a salt, as its
// issuer wrote it) must be one of the earner's verified addresses. Pure.
import { createHash } from 'node:crypto';
import { normaliseEmail } from '../lib/crypto';
import type { RecipientClaim } from '../verify/outcome';

function digest(algorithm: 'sha256' | 'md5', text: string): string {
  return createHash(algorithm).update(text, 'utf8').digest('hex');
}

/** `sha256$<hex>`, `md5$<hex>`, or a bare sha256 hex (some OB 3.0 issuers leave the prefix out). */
function hashOf(identity: string): { algorithm: 'sha256' | 'md5'; hex: string } | null {
  const match = /^(?:(sha256|md5)\$)?([0-9a-f]+)$/i.exec(identity.trim());
  if (!match) return null;
  const algorithm = (match[1]?.toLowerCase() ?? 'sha256') as 'sha256' | 'md5';
  const hex = match[2].toLowerCase();
  return hex.length === (algorithm === 'sha256' ? 64 : 32) ? { algorithm, hex } : null;
}

function claimNames(claim: RecipientClaim, email: string): boolean {
  if (!claim.hashed) return normaliseEmail(claim.identity) === email;
  const hash = hashOf(claim.identity);
  if (!hash) return false;
  // Issuers hash the address lower-cased (as this server does and OB 2.0's examples show).
  return digest(hash.algorithm, email + (claim.salt ?? '')) === hash.hex;
}

/** The first of `emails` (normalised, verified) that one of the claims names, or null. */
export function recipientEmailOf(claims: readonly RecipientClaim[], emails: readonly string[]): string | null {
  for (const email of emails) {
    const normalised = normaliseEmail(email);
    if (claims.some((claim) => claimNames(claim, normalised))) return normalised;
  }
  return null;
}
