import type { TeamSettings } from './protocol/index.ts';

/**
 * The team's settings until an admin changes them in the console. A deployment adjusts
 * them with CDK context (name, time zone: see backend/infra) and the local stack with its
 * own (backend/local); both hand them to the handlers as `TEAM_DEFAULTS`.
 */
export function defaultTeamSettings(overrides: { name?: string; timeZone?: string } = {}): TeamSettings {
  const weekday = [{ from: '09:00', to: '17:00' }];
  return {
    name: overrides.name ?? 'Support',
    hours: {
      timeZone: overrides.timeZone ?? 'UTC',
      weekly: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday },
      holidays: [],
    },
    greeting: {
      en: 'Hi! How can we help?',
      de: 'Hallo! Wie können wir helfen?',
      es: '¡Hola! ¿En qué podemos ayudarte?',
      fr: 'Bonjour ! Comment pouvons-nous vous aider ?',
    },
    awayMessage: {
      en: 'Thanks for your message! Nobody is here right now: we will answer as soon as we are back.',
      de: 'Danke für Ihre Nachricht! Gerade ist niemand da: Wir antworten, sobald wir zurück sind.',
      es: '¡Gracias por tu mensaje! Ahora no hay nadie: te responderemos en cuanto volvamos.',
      fr: 'Merci pour votre message ! Personne n’est là pour le moment : nous répondrons dès notre retour.',
    },
    replyTime: { mode: 'measured' },
    afterHours: 'ask-email',
  };
}
