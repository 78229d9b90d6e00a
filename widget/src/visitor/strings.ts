import { OPEN_CHAT } from './element-basics.ts';

export { pickLanguage } from './element-basics.ts';

/** Every text <support-chat> shows. `{n}`, `{name}`, `{t}`, `{d}` and `{email}` are filled in. */
export interface SupportChatStrings {
  title: string;
  /** Empty by default: the header says the team's state and reply time under the title. */
  subtitle: string;
  /** The team's configured greeting wins over this default, and the page's over both. */
  greeting: string;
  agentHere: string;
  /** The header's line while an agent handles the conversation; `{name}` is theirs. */
  handling: string;
  online: string;
  away: string;
  /** After "Online · ": the measured reply time, `{t}` one of `times`. */
  replies: string;
  /** `|`-separated: a few minutes, about `{n}` minutes (5, 10, 15 or 30), under an hour, a few hours, a day. */
  times: string;
  /**
   * After "Away · ": when the team is back, `{d}` the day (today, tomorrow, or a weekday or a
   * date as `on` says it), `{t}` the time; after a `|`, the wording for one o'clock, where the
   * language says it differently (Spanish "a la 1:00", "a las 9:00").
   */
  back: string;
  /** A weekday and a date in `back`, `|`-separated (one for both; empty: the day as it is): "am {d}" makes "zurück am Dienstag". */
  on: string;
  /** After "Away · " when no opening is known. */
  awayNote: string;
  /** The sender of the team's automatic reply. */
  auto: string;
  openChat: string;
  closeChat: string;
  unread: string;
  you: string;
  agent: string;
  placeholder: string;
  send: string;
  sending: string;
  sent: string;
  seen: string;
  failed: string;
  retry: string;
  discard: string;
  typing: string;
  reconnecting: string;
  offline: string;
  charsLeft: string;
  tooLong: string;
  download: string;
  transcript: string;
  prechat: string;
  name: string;
  email: string;
  optional: string;
  start: string;
  earlier: string;
  closed: string;
  dismiss: string;
  /** The inline form after the first message, while nobody is available. */
  byEmail: string;
  /** The inline form after the first message, to a visitor the page did not ask before (prechat="optional"). */
  aboutYou: string;
  save: string;
  skip: string;
  emailed: string;
  emailMe: string;
  transcriptSent: string;
  tooSoon: string;
  /** In place of the composer where the site chats with signed-in customers only, or their sign-in was refused (the reason follows). */
  signInToChat: string;
}

const en: SupportChatStrings = {
  title: 'Chat with us',
  subtitle: '',
  greeting: 'Hi there 👋 How can we help you today?',
  agentHere: 'An agent is here',
  handling: '{name} is handling your chat',
  online: 'Online',
  away: 'Away',
  replies: 'typically replies in {t}',
  times: 'a few minutes|about {n}|under an hour|a few hours|a day',
  back: 'back {d} at {t}',
  on: '',
  awayNote: "we'll get back to you",
  auto: 'Automatic reply',
  openChat: OPEN_CHAT.en!,
  closeChat: 'Close chat',
  unread: '{n} unread',
  you: 'You',
  agent: 'Support',
  placeholder: 'Write a message…',
  send: 'Send',
  sending: 'Sending…',
  sent: 'Sent',
  seen: 'Seen',
  failed: 'Not sent',
  retry: 'Retry',
  discard: 'Delete',
  typing: '{name} is typing…',
  reconnecting: 'Connection lost. Reconnecting…',
  offline: "You're offline. We'll send your messages when you're back.",
  charsLeft: '{n} characters left',
  tooLong: '{n} characters too many',
  download: 'Download transcript',
  transcript: 'Chat transcript',
  prechat: 'Before we start: how should we address you?',
  name: 'Name',
  email: 'Email',
  optional: 'optional',
  start: 'Start chat',
  earlier: 'Show earlier messages',
  closed: 'This conversation was closed. Write to reopen it.',
  dismiss: 'Dismiss',
  byEmail: 'Get the reply by email',
  aboutYou: 'Let us know who you are',
  save: 'Save',
  skip: 'Not now',
  emailed: "We'll email you at {email}.",
  emailMe: 'Email me this conversation',
  transcriptSent: 'We emailed you this conversation.',
  tooSoon: 'Already sent. Try again in a few minutes.',
  signInToChat: 'Please sign in to chat with us.',
};

const de: SupportChatStrings = {
  title: 'Schreiben Sie uns',
  subtitle: '',
  greeting: 'Hallo 👋 Wie können wir Ihnen helfen?',
  agentHere: 'Ein Mitarbeiter ist da',
  handling: '{name} kümmert sich um Sie',
  online: 'Online',
  away: 'Abwesend',
  replies: 'antwortet meist in {t}',
  times: 'wenigen Minuten|etwa {n}|unter einer Stunde|wenigen Stunden|einem Tag',
  back: 'zurück {d} um {t}',
  on: 'am {d}',
  awayNote: 'wir melden uns',
  auto: 'Automatische Antwort',
  openChat: OPEN_CHAT.de!,
  closeChat: 'Chat schließen',
  unread: '{n} ungelesen',
  you: 'Sie',
  agent: 'Support',
  placeholder: 'Nachricht schreiben…',
  send: 'Senden',
  sending: 'Wird gesendet…',
  sent: 'Gesendet',
  seen: 'Gelesen',
  failed: 'Nicht gesendet',
  retry: 'Erneut senden',
  discard: 'Löschen',
  typing: '{name} schreibt…',
  reconnecting: 'Verbindung unterbrochen. Neuer Versuch…',
  offline: 'Sie sind offline. Wir senden Ihre Nachrichten, sobald Sie wieder online sind.',
  charsLeft: 'Noch {n} Zeichen',
  tooLong: '{n} Zeichen zu viel',
  download: 'Verlauf herunterladen',
  transcript: 'Chatverlauf',
  prechat: 'Bevor es losgeht: Wie dürfen wir Sie ansprechen?',
  name: 'Name',
  email: 'E-Mail',
  optional: 'optional',
  start: 'Chat starten',
  earlier: 'Frühere Nachrichten anzeigen',
  closed: 'Dieses Gespräch wurde beendet. Schreiben Sie, um es fortzusetzen.',
  dismiss: 'Schließen',
  byEmail: 'Antwort per E-Mail erhalten',
  aboutYou: 'Sagen Sie uns, wer Sie sind',
  save: 'Speichern',
  skip: 'Nicht jetzt',
  emailed: 'Wir schreiben Ihnen an {email}.',
  emailMe: 'Gespräch per E-Mail senden',
  transcriptSent: 'Wir haben Ihnen das Gespräch gesendet.',
  tooSoon: 'Schon gesendet. Versuchen Sie es in ein paar Minuten erneut.',
  signInToChat: 'Bitte melden Sie sich an, um mit uns zu chatten.',
};

const es: SupportChatStrings = {
  title: 'Escríbenos',
  subtitle: '',
  greeting: 'Hola 👋 ¿En qué podemos ayudarte?',
  agentHere: 'Un agente está aquí',
  handling: 'Te atiende {name}',
  online: 'En línea',
  away: 'Ausente',
  replies: 'suele responder en {t}',
  times: 'pocos minutos|unos {n}|menos de una hora|pocas horas|un día',
  back: 'volvemos {d} a las {t}|volvemos {d} a la {t}',
  on: 'el {d}',
  awayNote: 'te responderemos',
  auto: 'Respuesta automática',
  openChat: OPEN_CHAT.es!,
  closeChat: 'Cerrar chat',
  unread: '{n} sin leer',
  you: 'Tú',
  agent: 'Soporte',
  placeholder: 'Escribe un mensaje…',
  send: 'Enviar',
  sending: 'Enviando…',
  sent: 'Enviado',
  seen: 'Visto',
  failed: 'No enviado',
  retry: 'Reintentar',
  discard: 'Eliminar',
  typing: '{name} está escribiendo…',
  reconnecting: 'Conexión perdida. Reconectando…',
  offline: 'Estás sin conexión. Enviaremos tus mensajes cuando vuelvas.',
  charsLeft: 'Quedan {n} caracteres',
  tooLong: '{n} caracteres de más',
  download: 'Descargar conversación',
  transcript: 'Conversación',
  prechat: 'Antes de empezar: ¿cómo te llamas?',
  name: 'Nombre',
  email: 'Correo',
  optional: 'opcional',
  start: 'Empezar chat',
  earlier: 'Ver mensajes anteriores',
  closed: 'Esta conversación se cerró. Escribe para reabrirla.',
  dismiss: 'Cerrar',
  byEmail: 'Recibe la respuesta por correo',
  aboutYou: 'Dinos quién eres',
  save: 'Guardar',
  skip: 'Ahora no',
  emailed: 'Te escribiremos a {email}.',
  emailMe: 'Enviarme la conversación',
  transcriptSent: 'Te enviamos la conversación.',
  tooSoon: 'Ya se envió. Inténtalo en unos minutos.',
  signInToChat: 'Inicia sesión para chatear con nosotros.',
};

const fr: SupportChatStrings = {
  title: 'Discutons',
  subtitle: '',
  greeting: 'Bonjour 👋 Comment pouvons-nous vous aider ?',
  agentHere: 'Un conseiller est là',
  handling: '{name} s’occupe de vous',
  online: 'En ligne',
  away: 'Absent',
  replies: 'répond en général en {t}',
  times: 'quelques minutes|environ {n}|moins d’une heure|quelques heures|un jour',
  back: 'de retour {d} à {t}',
  on: '|le {d}',
  awayNote: 'nous vous répondrons',
  auto: 'Réponse automatique',
  openChat: OPEN_CHAT.fr!,
  closeChat: 'Fermer le chat',
  unread: '{n} non lu(s)',
  you: 'Vous',
  agent: 'Support',
  placeholder: 'Écrivez un message…',
  send: 'Envoyer',
  sending: 'Envoi…',
  sent: 'Envoyé',
  seen: 'Lu',
  failed: 'Non envoyé',
  retry: 'Réessayer',
  discard: 'Supprimer',
  typing: '{name} écrit…',
  reconnecting: 'Connexion perdue. Reconnexion…',
  offline: 'Vous êtes hors ligne. Vos messages partiront dès votre retour.',
  charsLeft: 'Encore {n} caractères',
  tooLong: '{n} caractères en trop',
  download: 'Télécharger la conversation',
  transcript: 'Conversation',
  prechat: 'Avant de commencer : comment vous appelez-vous ?',
  name: 'Nom',
  email: 'E-mail',
  optional: 'facultatif',
  start: 'Démarrer',
  earlier: 'Voir les messages précédents',
  closed: 'Cette conversation est close. Écrivez pour la rouvrir.',
  dismiss: 'Fermer',
  byEmail: 'Recevoir la réponse par e-mail',
  aboutYou: 'Dites-nous qui vous êtes',
  save: 'Enregistrer',
  skip: 'Plus tard',
  emailed: 'Nous vous écrirons à {email}.',
  emailMe: 'M’envoyer la conversation',
  transcriptSent: 'Nous vous avons envoyé la conversation.',
  tooSoon: 'Déjà envoyé. Réessayez dans quelques minutes.',
  signInToChat: 'Connectez-vous pour discuter avec nous.',
};

export const STRINGS: Record<string, SupportChatStrings> = { en, de, es, fr };
