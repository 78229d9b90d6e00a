/**
 * What the script-tag loader (loader.ts) knows of <support-chat> before the element's
 * code has loaded, without Lit: its attributes, its languages and the launcher's name in
 * each. strings.ts and the element take them from here, so the two cannot drift apart.
 */

/** The element's attributes, each set from its `data-*` twin on the script tag. */
export const ATTRIBUTES = [
  'endpoint',
  'config',
  'title',
  'subtitle',
  'greeting',
  'position',
  'lang',
  'open',
  'prechat',
  'offset-x',
  'offset-y',
  'strings',
];

/** The launcher's name ("Open chat"), in each language the widget speaks. */
export const OPEN_CHAT: Record<string, string> = { en: 'Open chat', de: 'Chat öffnen', es: 'Abrir chat', fr: 'Ouvrir le chat' };

/** The first supported language among `lang` and the browser's, else English. */
export function pickLanguage(lang: string | null | undefined): string {
  for (const tag of [lang, ...(navigator.languages ?? []), navigator.language]) {
    const code = tag?.slice(0, 2).toLowerCase();
    if (code && code in OPEN_CHAT) return code;
  }
  return 'en';
}

/**
 * Marks the launcher the loader draws in the element's shadow root until the element's code
 * is here (StandInController takes it away in the element's first render).
 */
export const STAND_IN = 'data-stand-in';
