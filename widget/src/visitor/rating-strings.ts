/**
 * The texts of the rating card in <support-chat>, per language. Apart from strings.ts
 * because they come with the rating view (views/rating.ts), which only a closed conversation
 * that asks for a rating needs; a page overrides them through `strings` like any other.
 */
export interface SupportChatRatingStrings {
  ratingQuestion: string;
  /** The five faces' names, from very bad to very good, `|`-separated. */
  ratingLabels: string;
  ratingComment: string;
  ratingSend: string;
  ratingSending: string;
  /** After rating: `{label}` is the face's name. */
  ratingYours: string;
  ratingThanks: string;
  ratingChange: string;
  ratingCancel: string;
  /** `{t}`: the day and time the rating can be changed until. */
  ratingUntil: string;
  ratingPick: string;
  ratingOffline: string;
}

const en: SupportChatRatingStrings = {
  ratingQuestion: 'How was this conversation?',
  ratingLabels: 'Very bad|Bad|Okay|Good|Very good',
  ratingComment: 'Anything to add? (optional)',
  ratingSend: 'Send rating',
  ratingSending: 'Sending…',
  ratingYours: 'Your rating: {label}',
  ratingThanks: 'Thank you for telling us.',
  ratingChange: 'Change',
  ratingCancel: 'Cancel',
  ratingUntil: 'You can change it until {t}.',
  ratingPick: 'Choose a face first.',
  ratingOffline: 'You’re offline. Send it again once you’re connected.',
};

const de: SupportChatRatingStrings = {
  ratingQuestion: 'Wie war dieses Gespräch?',
  ratingLabels: 'Sehr schlecht|Schlecht|Okay|Gut|Sehr gut',
  ratingComment: 'Möchten Sie etwas ergänzen? (optional)',
  ratingSend: 'Bewertung senden',
  ratingSending: 'Wird gesendet…',
  ratingYours: 'Ihre Bewertung: {label}',
  ratingThanks: 'Danke für Ihre Rückmeldung.',
  ratingChange: 'Ändern',
  ratingCancel: 'Abbrechen',
  ratingUntil: 'Sie können sie bis {t} ändern.',
  ratingPick: 'Wählen Sie zuerst ein Gesicht.',
  ratingOffline: 'Sie sind offline. Senden Sie sie erneut, sobald Sie verbunden sind.',
};

const es: SupportChatRatingStrings = {
  ratingQuestion: '¿Qué tal fue esta conversación?',
  ratingLabels: 'Muy mala|Mala|Normal|Buena|Muy buena',
  ratingComment: '¿Algo más que añadir? (opcional)',
  ratingSend: 'Enviar valoración',
  ratingSending: 'Enviando…',
  ratingYours: 'Tu valoración: {label}',
  ratingThanks: 'Gracias por contárnoslo.',
  ratingChange: 'Cambiar',
  ratingCancel: 'Cancelar',
  ratingUntil: 'Puedes cambiarla hasta el {t}.',
  ratingPick: 'Elige primero una cara.',
  ratingOffline: 'Estás sin conexión. Envíala de nuevo cuando vuelvas a estar conectado.',
};

const fr: SupportChatRatingStrings = {
  ratingQuestion: 'Comment s’est passée cette conversation ?',
  ratingLabels: 'Très mal|Mal|Correct|Bien|Très bien',
  ratingComment: 'Quelque chose à ajouter ? (facultatif)',
  ratingSend: 'Envoyer la note',
  ratingSending: 'Envoi…',
  ratingYours: 'Votre note : {label}',
  ratingThanks: 'Merci de nous l’avoir dit.',
  ratingChange: 'Modifier',
  ratingCancel: 'Annuler',
  ratingUntil: 'Vous pouvez la modifier jusqu’au {t}.',
  ratingPick: 'Choisissez d’abord un visage.',
  ratingOffline: 'Vous êtes hors ligne. Renvoyez-la une fois connecté.',
};

export const RATING_STRINGS: Record<string, SupportChatRatingStrings> = { en, de, es, fr };
