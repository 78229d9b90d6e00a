import type { VisitorProfile } from './chat-client-types.ts';
import { type KeyValueStore, readJson } from './storage.ts';

/**
 * The visitor's name and email for the agents: what they gave (`PREFIX:identify`) is kept
 * and sent on every connection until the server confirms it with a `profile` frame, then
 * kept as the server's (`PREFIX:profile`), so a form filled in offline is not lost.
 */
export class ProfileStore {
  readonly #store: KeyValueStore;

  constructor(store: KeyValueStore) {
    this.#store = store;
  }

  /** The profile the server confirmed, or the one waiting to be sent. */
  get current(): VisitorProfile | undefined {
    return readJson<VisitorProfile>(this.#store, 'identify') ?? readJson<VisitorProfile>(this.#store, 'profile');
  }

  /** Keeps a name and/or email to send, trimmed; false when there is neither. */
  give(profile: VisitorProfile): boolean {
    const clean: VisitorProfile = {};
    if (profile.name?.trim()) clean.name = profile.name.trim();
    if (profile.email?.trim()) clean.email = profile.email.trim();
    if (!clean.name && !clean.email) return false;
    this.#store.set('identify', JSON.stringify(clean));
    return true;
  }

  /** The `identify` frame for the profile waiting to be sent, if there is one. */
  get unsent(): { action: 'identify'; name?: string; email?: string } | undefined {
    const profile = readJson<VisitorProfile>(this.#store, 'identify');
    return profile && { action: 'identify', ...profile };
  }

  /** The server confirmed a profile (its `profile` frame). */
  confirmed(profile: VisitorProfile): void {
    this.#store.set('profile', JSON.stringify({ name: profile.name, email: profile.email }));
    this.#store.remove('identify');
  }

  /** The server refused the profile sent: it is not sent again. */
  refused(): void {
    this.#store.remove('identify');
  }

  /** Another conversation's profile (a link's) is not this one's. */
  forget(): void {
    this.#store.remove('profile');
    this.#store.remove('identify');
  }
}
