import type { AttachmentStrings } from '../shared/attachments-controller.ts';

/**
 * The texts of files in <support-chat>, per language. Apart from strings.ts because they
 * come with the file code, which the script-tag build loads only once files are in play
 * (support-chat-files.js); a page overrides them through `strings` like any other.
 */
export type SupportChatFileStrings = Omit<AttachmentStrings, 'sending' | 'failed' | 'retry' | 'discard' | 'dismiss'>;

const en: SupportChatFileStrings = {
  fileAttach: 'Attach a file',
  fileDrop: 'Drop to send',
  fileTooLarge: 'This file is {size}; the limit is {limit}.',
  fileType: 'This type of file can’t be sent.',
  fileEmpty: 'This file is empty.',
  fileNone: 'Files can’t be sent here.',
  fileUploading: 'Uploading {name}',
  fileCancel: 'Cancel',
  fileChecking: 'checking…',
  fileRemoved: 'removed',
  fileOpen: 'Open in a new tab',
  fileClose: 'Close',
  fileUnavailable: 'This file can’t be opened now.',
  fileLost: 'The upload broke off.',
};

const de: SupportChatFileStrings = {
  fileAttach: 'Datei anhängen',
  fileDrop: 'Zum Senden hier ablegen',
  fileTooLarge: 'Diese Datei hat {size}; erlaubt sind {limit}.',
  fileType: 'Dateien dieser Art können nicht gesendet werden.',
  fileEmpty: 'Diese Datei ist leer.',
  fileNone: 'Hier können keine Dateien gesendet werden.',
  fileUploading: '{name} wird hochgeladen',
  fileCancel: 'Abbrechen',
  fileChecking: 'wird geprüft…',
  fileRemoved: 'entfernt',
  fileOpen: 'In neuem Tab öffnen',
  fileClose: 'Schließen',
  fileUnavailable: 'Diese Datei kann gerade nicht geöffnet werden.',
  fileLost: 'Das Hochladen wurde unterbrochen.',
};

const es: SupportChatFileStrings = {
  fileAttach: 'Adjuntar un archivo',
  fileDrop: 'Suelta aquí para enviar',
  fileTooLarge: 'Este archivo ocupa {size}; el límite es {limit}.',
  fileType: 'Este tipo de archivo no se puede enviar.',
  fileEmpty: 'Este archivo está vacío.',
  fileNone: 'Aquí no se pueden enviar archivos.',
  fileUploading: 'Subiendo {name}',
  fileCancel: 'Cancelar',
  fileChecking: 'comprobando…',
  fileRemoved: 'eliminado',
  fileOpen: 'Abrir en una pestaña nueva',
  fileClose: 'Cerrar',
  fileUnavailable: 'Ahora no se puede abrir este archivo.',
  fileLost: 'La subida se interrumpió.',
};

const fr: SupportChatFileStrings = {
  fileAttach: 'Joindre un fichier',
  fileDrop: 'Déposez ici pour envoyer',
  fileTooLarge: 'Ce fichier fait {size} ; la limite est de {limit}.',
  fileType: 'Ce type de fichier ne peut pas être envoyé.',
  fileEmpty: 'Ce fichier est vide.',
  fileNone: 'Impossible d’envoyer des fichiers ici.',
  fileUploading: 'Envoi de {name}',
  fileCancel: 'Annuler',
  fileChecking: 'vérification…',
  fileRemoved: 'supprimé',
  fileOpen: 'Ouvrir dans un nouvel onglet',
  fileClose: 'Fermer',
  fileUnavailable: 'Ce fichier ne peut pas être ouvert pour le moment.',
  fileLost: 'L’envoi a été interrompu.',
};

export const FILE_STRINGS: Record<string, SupportChatFileStrings> = { en, de, es, fr };
