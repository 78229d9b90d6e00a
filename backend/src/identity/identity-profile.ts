import { MAX_EMAIL_LENGTH, MAX_NAME_LENGTH } from '../protocol/limits.ts';

/** Shown to agents beside the verified name: a plan, an account id, a flag. */
export type IdentityAttributes = Record<string, string | number | boolean>;

/** What a verified token says of its customer, beyond who they are (`sub`). */
export interface IdentityProfile {
  email?: string;
  name?: string;
  attributes?: IdentityAttributes;
}

const MAX_ATTRIBUTES = 20;
const MAX_ATTRIBUTE_KEY_LENGTH = 40;
const MAX_ATTRIBUTE_VALUE_LENGTH = 200;
/** Plausible, not RFC 5322: one @, no spaces or control characters, a dot in the domain. Not zod: the authorizer stays small. */
const EMAIL_PATTERN = /^[^\s@\p{Cc}]+@[^\s@.\p{Cc}]+(?:\.[^\s@.\p{Cc}]+)+$/u;
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * The optional claims of an authentic token, kept only where they are what they should be.
 * A claim out of shape is dropped, never a reason to refuse: the signature already proved who
 * the customer is, and locking them out of the chat for a long name would help no one.
 */
export function profileFromClaims({ email, name, attributes }: Record<string, unknown>): IdentityProfile {
  const profile: IdentityProfile = {};
  if (typeof email === 'string' && email.length <= MAX_EMAIL_LENGTH && EMAIL_PATTERN.test(email)) profile.email = email;
  const trimmed = typeof name === 'string' ? name.trim() : '';
  if (trimmed && trimmed.length <= MAX_NAME_LENGTH && !CONTROL_CHARACTER.test(trimmed)) profile.name = trimmed;
  const kept = isPlainObject(attributes) ? keptAttributes(attributes) : undefined;
  if (kept) profile.attributes = kept;
  return profile;
}

/**
 * A flat object of short values: nested objects, arrays, nulls, long strings and long keys are
 * dropped one by one, and anything past the 20th kept attribute too. `__proto__` is dropped so
 * no later copy of the object can turn it into a prototype.
 */
function keptAttributes(attributes: Record<string, unknown>): IdentityAttributes | undefined {
  const kept = Object.entries(attributes)
    .filter(([key, value]) => key.length > 0 && key.length <= MAX_ATTRIBUTE_KEY_LENGTH && key !== '__proto__' && isShortValue(value))
    .slice(0, MAX_ATTRIBUTES);
  return kept.length > 0 ? (Object.fromEntries(kept) as IdentityAttributes) : undefined;
}

function isShortValue(value: unknown): boolean {
  if (typeof value === 'string') return value.length <= MAX_ATTRIBUTE_VALUE_LENGTH;
  return typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value));
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
