import type { Language } from '../protocol/index.ts';
import { escapeHtml } from './escape-html.ts';

export type UnsubscribeState = 'ask' | 'done' | 'expired' | 'invalid';

const WORDS: Record<Language, Record<UnsubscribeState, string> & { title: string; button: string }> = {
  en: {
    title: 'Conversation emails',
    ask: 'Stop emails about this conversation? You can still chat on the site.',
    button: 'Stop these emails',
    done: 'Done: you will get no more emails about this conversation.',
    expired: 'This link has expired.',
    invalid: 'This link is not valid. It may have been changed or cut short.',
  },
  de: {
    title: 'E-Mails zum Gespräch',
    ask: 'Keine E-Mails mehr zu diesem Gespräch? Sie können weiter auf der Website chatten.',
    button: 'E-Mails abbestellen',
    done: 'Erledigt: Sie erhalten keine E-Mails mehr zu diesem Gespräch.',
    expired: 'Dieser Link ist abgelaufen.',
    invalid: 'Dieser Link ist ungültig. Vielleicht wurde er verändert oder abgeschnitten.',
  },
  es: {
    title: 'Correos de la conversación',
    ask: '¿Dejar de recibir correos sobre esta conversación? Puedes seguir chateando en el sitio.',
    button: 'Dejar de recibir estos correos',
    done: 'Hecho: no recibirás más correos sobre esta conversación.',
    expired: 'Este enlace ha caducado.',
    invalid: 'Este enlace no es válido. Puede que se haya modificado o cortado.',
  },
  fr: {
    title: 'E-mails de la conversation',
    ask: 'Ne plus recevoir d’e-mails sur cette conversation ? Vous pouvez toujours discuter sur le site.',
    button: 'Ne plus recevoir ces e-mails',
    done: 'C’est fait : vous ne recevrez plus d’e-mails sur cette conversation.',
    expired: 'Ce lien a expiré.',
    invalid: 'Ce lien n’est pas valide. Il a peut-être été modifié ou tronqué.',
  },
};

/** The page behind an email's unsubscribe link: a question with a button (a link scanner's GET changes nothing), then the answer. */
export function unsubscribePage(input: { state: UnsubscribeState; lang: string; teamName: string; token?: string }): string {
  const words = WORDS[input.lang.slice(0, 2).toLowerCase() as Language] ?? WORDS.en;
  const heading = input.teamName ? `${escapeHtml(input.teamName)}: ${escapeHtml(words.title)}` : escapeHtml(words.title);
  const form =
    input.state === 'ask' && input.token
      ? `<form method="post" action="?token=${encodeURIComponent(input.token)}"><button type="submit">${escapeHtml(words.button)}</button></form>`
      : '';
  return `<!doctype html><html lang="${escapeHtml(input.lang.slice(0, 2))}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${heading}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}button{font:inherit;padding:.6rem 1rem;border-radius:.5rem;border:0;background:#2563eb;color:#fff;cursor:pointer}</style></head>
<body><main><h1>${heading}</h1><p>${escapeHtml(words[input.state])}</p>${form}</main></body></html>`;
}
