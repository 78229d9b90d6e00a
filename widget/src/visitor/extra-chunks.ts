import type { ExtraName } from './load-extra.ts';

/**
 * Each lazy chunk's entry, from src/visitor/ (see load-extra.ts): the widget's build makes
 * dist/support-chat-<name>.js of each, the demo site serves them, and the budget test
 * weighs each. Read by Node (vite.config.ts) as well as the browser: data only.
 */
export const EXTRA_CHUNKS: Record<ExtraName, string> = {
  email: 'email-capture-controller.ts',
  files: 'files.ts',
  hours: 'hours.ts',
  rating: 'rating-card.ts',
  de: 'languages/de.ts',
  es: 'languages/es.ts',
  fr: 'languages/fr.ts',
};
