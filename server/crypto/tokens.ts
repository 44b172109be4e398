import { sha256 } from '@oslojs/crypto/sha2';
import { constantTimeEqual } from '@oslojs/crypto/subtle';
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from '@oslojs/encoding';

/** A random string with 120 bits of entropy, safe in URLs and cookies. */
export function randomToken(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export function tokenMatches(token: string, storedHash: string): boolean {
  const actual = new TextEncoder().encode(hashToken(token));
  const expected = new TextEncoder().encode(storedHash);
  return actual.length === expected.length && constantTimeEqual(actual, expected);
}
