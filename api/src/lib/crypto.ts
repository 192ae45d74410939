import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A url-safe random id; 16 bytes = 128 bits, so ids cannot be guessed. */
export function randomId(bytes = 16): string {
  return randomBytes(bytes).toString('base64url');
}

export function sha256Hex(value: string): string {
  return createHash('sha256').update(value, 'utf8').digest('hex');
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Open Badges 2.0 hashed identity: 'sha256$' + hex(sha256(identity + salt)). */
export function hashRecipient(email: string, salt: string): string {
  return `sha256$${sha256Hex(normaliseEmail(email) + salt)}`;
}

export function constantTimeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
