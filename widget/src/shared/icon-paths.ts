/**
 * The icons' 24×24 paths, without Lit: the script-tag loader draws the launcher's with plain DOM.
 */
export const ICON_CHAT =
  'M4 5.5A2.5 2.5 0 0 1 6.5 3h11A2.5 2.5 0 0 1 20 5.5v8a2.5 2.5 0 0 1-2.5 2.5H10l-4.2 3.6c-.5.4-1.3 0-1.3-.6V16A2.5 2.5 0 0 1 4 13.5z';
export const ICON_CLOSE = 'M6.4 5 5 6.4 10.6 12 5 17.6 6.4 19l5.6-5.6 5.6 5.6 1.4-1.4-5.6-5.6L19 6.4 17.6 5 12 10.6z';
export const ICON_CHEVRON = 'M6.4 8 5 9.4l7 7 7-7L17.6 8 12 13.6z';
export const ICON_SEND = 'M3.4 20.4 21 12 3.4 3.6 3.4 10l12.6 2-12.6 2z';
export const ICON_MAIL = 'M20 4H4a2 2 0 0 0-2 2v12a2 2 0 0 0 2 2h16a2 2 0 0 0 2-2V6a2 2 0 0 0-2-2zm0 14H4V8l8 5 8-5zm-8-7L4 6h16z';
export const ICON_DOWNLOAD = 'M11 4h2v8.2l3.3-3.3 1.4 1.4-5.7 5.7-5.7-5.7 1.4-1.4 3.3 3.3zM5 18h14v2H5z';
export const ICON_BELL =
  'M12 3a6 6 0 0 0-6 6v3.6L4.3 16a1 1 0 0 0 .9 1.5h13.6a1 1 0 0 0 .9-1.5L18 12.6V9a6 6 0 0 0-6-6zm-2.4 16a2.5 2.5 0 0 0 4.8 0z';
export const ICON_BELL_OFF =
  'M4.7 3.3 3.3 4.7l3.2 3.2A6 6 0 0 0 6 9v3.6L4.3 16a1 1 0 0 0 .9 1.5h11.4l2.7 2.7 1.4-1.4zM12 3a6 6 0 0 0-3.9 1.5L18 14.4V9a6 6 0 0 0-6-6zm-2.4 16a2.5 2.5 0 0 0 4.8 0z';
export const ICON_CHECK = 'M9.5 16.2 5.3 12l-1.4 1.4 5.6 5.6L20.1 8.4 18.7 7z';
export const ICON_INFO = 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm1 15h-2v-6h2zm0-8h-2V7h2z';
export const ICON_BACK = 'M20 11H7.8l5.6-5.6L12 4l-8 8 8 8 1.4-1.4L7.8 13H20z';
export const ICON_AGENT = 'M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zm0 2c-3.3 0-8 1.7-8 5v1h16v-1c0-3.3-4.7-5-8-5z';
export const ICON_LOCK =
  'M17 9h-1V7a4 4 0 0 0-8 0v2H7a2 2 0 0 0-2 2v8a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-8a2 2 0 0 0-2-2zm-7-2a2 2 0 0 1 4 0v2h-4z';
export const ICON_WARN = 'M12 2 1 21h22zm1 15h-2v-2h2zm0-4h-2V9h2z';
export const ICON_SEARCH = 'M10 3a7 7 0 0 1 5.6 11.2l5.1 5.1-1.4 1.4-5.1-5.1A7 7 0 1 1 10 3zm0 2a5 5 0 1 0 0 10 5 5 0 0 0 0-10z';
export const ICON_INBOX = 'M4 4h16l1 1v14l-1 1H4l-1-1V5zm1 2v7h4l1 2h4l1-2h4V6z';
export const ICON_ATTACH =
  'M16.5 6v11.5a4 4 0 0 1-8 0V5a2.5 2.5 0 0 1 5 0v10.5a1 1 0 0 1-2 0V6H10v9.5a2.5 2.5 0 0 0 5 0V5a4 4 0 0 0-8 0v12.5a5.5 5.5 0 0 0 11 0V6z';
export const ICON_FILE = 'M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8zm-1 7V3.5L18.5 9z';
export const ICON_UPLOAD = 'M11 16h2V7.8l3.3 3.3 1.4-1.4L12 4 6.3 9.7l1.4 1.4L11 7.8zM5 18h14v2H5z';
