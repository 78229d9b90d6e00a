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
  // The browser's first language before the list of them (which it heads): the list is
  // built for the page on first use, and most visitors' first language is the answer.
  return supported(lang) ?? supported(navigator.language) ?? navigator.languages?.map(supported).find(Boolean) ?? 'en';
}

function supported(tag: string | null | undefined): string | undefined {
  const code = tag?.slice(0, 2).toLowerCase();
  return code && code in OPEN_CHAT ? code : undefined;
}

/**
 * Marks the launcher the loader draws in the element's shadow root until the element's code
 * is here (StandInController takes it away in the element's first render).
 */
export const STAND_IN = 'data-stand-in';
