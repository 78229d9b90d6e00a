/**
 * The visitor widget's lazy chunks: code and texts that only some visitors need, loaded
 * when first needed, each at most once. Here, for the ES modules and the tests, each is a
 * dynamic import (a chunk of the app's bundler). In the script-tag build each is a classic
 * script of its own, dist/support-chat-<name>.js, built from the entry that
 * extra-chunks.ts names, and the loader's `loadExtra` (loader.ts, `window.SupportChatLoader`)
 * takes this module's place: it puts the script beside itself with the page's nonce, and
 * the script leaves its module at `window.SupportChatExtras[name]`.
 *
 * A new chunk: a line here and one in extra-chunks.ts (docs/widget.md, "What loads when").
 */
const CHUNKS = {
  /** Paste, drop, uploads, thumbnails (files.ts): where the deployment takes files. */
  files: () => import('./files.ts'),
  /** The forms asking for a name and an address, the transcript by email (email-capture-controller.ts): from when one may show (email-forms.ts). */
  email: () => import('./email-capture-controller.ts'),
  /** Business hours: whether the team is open, when it is back (hours.ts): where the team has hours. */
  hours: () => import('./hours.ts'),
  /** The satisfaction rating card (rating-card.ts): from a closed conversation's first request to rate it. */
  rating: () => import('./rating-card.ts'),
  /** A language's texts (languages/): for a visitor who reads German, Spanish or French. */
  de: () => import('./languages/de.ts'),
  es: () => import('./languages/es.ts'),
  fr: () => import('./languages/fr.ts'),
};

/** The chunks' modules by name. */
export type Extras = { [N in keyof typeof CHUNKS]: Awaited<ReturnType<(typeof CHUNKS)[N]>> };
export type ExtraName = keyof Extras;
/** The languages whose texts are a chunk: all but English. */
export type LanguageChunk = 'de' | 'es' | 'fr';

/** A chunk's module, once it is here (again after a failure, on the next call). */
export function loadExtra<N extends ExtraName>(name: N): Promise<Extras[N]> {
  return CHUNKS[name]() as Promise<Extras[N]>;
}
