/** Every text <support-chat> shows. `{n}` and `{name}` are filled in. */
export interface SupportChatStrings {
  title: string;
  subtitle: string;
  greeting: string;
  agentHere: string;
  agentAway: string;
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
  start: string;
  earlier: string;
  closed: string;
  dismiss: string;
}

const en: SupportChatStrings = {
  title: 'Chat with us',
  subtitle: 'We usually reply in a few minutes',
  greeting: 'Hi there 👋 How can we help you today?',
  agentHere: 'An agent is here',
  agentAway: "We'll alert our team",
  openChat: 'Open chat',
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
  email: 'Email (optional)',
  start: 'Start chat',
  earlier: 'Show earlier messages',
  closed: 'This conversation was closed. Write to reopen it.',
  dismiss: 'Dismiss',
};

const de: SupportChatStrings = {
  title: 'Schreiben Sie uns',
  subtitle: 'Wir antworten meist in wenigen Minuten',
  greeting: 'Hallo 👋 Wie können wir Ihnen helfen?',
  agentHere: 'Ein Mitarbeiter ist da',
  agentAway: 'Wir benachrichtigen unser Team',
  openChat: 'Chat öffnen',
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
  email: 'E-Mail (optional)',
  start: 'Chat starten',
  earlier: 'Frühere Nachrichten anzeigen',
  closed: 'Dieses Gespräch wurde beendet. Schreiben Sie, um es fortzusetzen.',
  dismiss: 'Schließen',
};

const es: SupportChatStrings = {
  title: 'Escríbenos',
  subtitle: 'Solemos responder en pocos minutos',
  greeting: 'Hola 👋 ¿En qué podemos ayudarte?',
  agentHere: 'Un agente está aquí',
  agentAway: 'Avisaremos a nuestro equipo',
  openChat: 'Abrir chat',
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
  email: 'Correo (opcional)',
  start: 'Empezar chat',
  earlier: 'Ver mensajes anteriores',
  closed: 'Esta conversación se cerró. Escribe para reabrirla.',
  dismiss: 'Cerrar',
};

const fr: SupportChatStrings = {
  title: 'Discutons',
  subtitle: 'Nous répondons en général en quelques minutes',
  greeting: 'Bonjour 👋 Comment pouvons-nous vous aider ?',
  agentHere: 'Un conseiller est là',
  agentAway: 'Nous prévenons notre équipe',
  openChat: 'Ouvrir le chat',
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
  email: 'E-mail (facultatif)',
  start: 'Démarrer',
  earlier: 'Voir les messages précédents',
  closed: 'Cette conversation est close. Écrivez pour la rouvrir.',
  dismiss: 'Fermer',
};

export const STRINGS: Record<string, SupportChatStrings> = { en, de, es, fr };

/** The first supported language among `lang` and the browser's, else English. */
export function pickLanguage(lang: string | null | undefined): string {
  for (const tag of [lang, ...(navigator.languages ?? []), navigator.language]) {
    const code = tag?.slice(0, 2).toLowerCase();
    if (code && code in STRINGS) return code;
  }
  return 'en';
}
