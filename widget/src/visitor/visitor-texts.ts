import type { TeamStatus } from '@support-chat/backend/protocol';
import { localized } from '@support-chat/backend/protocol/team';
import type { ChunkLoader } from './chunk-loader.ts';
import { OPEN_CHAT } from './element-basics.ts';
import type { LanguageChunk } from './load-extra.ts';
import { ENGLISH, type SupportChatStrings } from './strings.ts';

/** What a page may give per language, or for every language at once (see `strings`). */
export type SupportChatPageStrings = Partial<SupportChatStrings> & { [lang: string]: Partial<SupportChatStrings> | string | undefined };

/** Where the page sets texts on the element: its `strings`, and the attributes that are texts. */
export interface TextsHost {
  strings: SupportChatPageStrings;
  title: string;
  subtitle: string;
  greeting: string;
}

/** The page's texts for the visitor's language, else the page's for all, else the team's greeting, else the defaults. */
export function visitorTexts(host: TextsHost, lang: string, chunks: ChunkLoader, team: TeamStatus | undefined): SupportChatStrings {
  const own = host.strings;
  const given = (texts: object | undefined) => Object.entries(texts ?? {}).filter(([, text]) => text && typeof text === 'string');
  const s = languageDefaults(lang, chunks);
  return {
    ...s,
    greeting: localized(team?.settings.greeting, lang) || s.greeting,
    ...Object.fromEntries([
      ...given(own),
      ...given({ title: host.title, subtitle: host.subtitle, greeting: host.greeting }),
      ...given(own[lang] as object),
    ]),
  };
}

/**
 * The defaults in the visitor's language: English's come with the element, the others'
 * as a chunk (load-extra.ts; the loader asks for it with the chat). Until it is here (or
 * if it never comes) the panel says English, the launcher the visitor's language.
 */
function languageDefaults(lang: string, chunks: ChunkLoader): SupportChatStrings {
  if (lang === 'en') return ENGLISH;
  return chunks.hold(lang as LanguageChunk)?.strings ?? { ...ENGLISH, openChat: OPEN_CHAT[lang]! };
}
