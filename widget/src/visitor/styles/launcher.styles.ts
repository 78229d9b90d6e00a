import { unsafeCSS } from 'lit';
import { LAUNCHER } from './launcher-css.ts';

/** The launcher button and its unread badge (their text is the loader's too). */
export default unsafeCSS(LAUNCHER);
