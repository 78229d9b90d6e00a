import * as z from 'zod/mini';
import './zod-messages.ts';

/**
 * The admins' privacy actions: find a person by one of their rooms, the email they gave or
 * were verified with, or a signed-in customer's id; export what is stored about them; erase it.
 */

export const PERSON_SELECTOR_KINDS = ['room', 'email', 'customer'] as const;
export type PersonSelectorKind = (typeof PERSON_SELECTOR_KINDS)[number];

const selector = z.strictObject({
  kind: z.enum(PERSON_SELECTOR_KINDS),
  value: z.string().check(z.trim(), z.minLength(1), z.maxLength(320)),
});

export const findPersonSchema = z.strictObject({ action: z.literal('findPerson'), selector });
export const exportPersonSchema = z.strictObject({ action: z.literal('exportPerson'), selector });
export const erasePersonSchema = z.strictObject({ action: z.literal('erasePerson'), selector });

export const privacyActionSchemas = {
  findPerson: findPersonSchema,
  exportPerson: exportPersonSchema,
  erasePerson: erasePersonSchema,
} as const;

/** Whom a privacy action is about, as the admin named them. */
export type PersonRef = z.output<typeof selector>;

/** How many of each kind of item (`files`: objects in the bucket) are stored about a person. */
export type PersonCounts = Record<string, number>;

/** A file of the person's in an export: a link valid until `expiresAt` (5 minutes). */
export interface ExportedFileLink {
  key: string;
  name?: string;
  type?: string;
  size: number;
  url: string;
  expiresAt: string;
}
