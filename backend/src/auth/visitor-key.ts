import { createHash } from 'node:crypto';
import { VISITOR_KEY_PATTERN } from '../protocol/limits.ts';

export function isVisitorKey(value: unknown): value is string {
  return typeof value === 'string' && VISITOR_KEY_PATTERN.test(value);
}

/**
 * The visitor's room id: base64url(SHA-256(key)), unpadded. One-way, so a room id seen
 * in an alert, a log or the agent console cannot be turned back into the key that opens it.
 */
export function roomIdForVisitorKey(visitorKey: string): string {
  return createHash('sha256').update(visitorKey, 'utf8').digest('base64url');
}

/**
 * A signed-in customer's first room, when no anonymous conversation carries on: named after
 * their id (the token's `sub`), one-way like a visitor's, and in its own namespace.
 */
export function roomIdForCustomer(customerId: string): string {
  return createHash('sha256').update(`customer\n${customerId}`, 'utf8').digest('base64url');
}
