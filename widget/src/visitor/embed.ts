/**
 * The chat's script-tag build (dist/support-chat-app.js), which the loader
 * (support-chat.js, loader.ts) loads from beside itself: it defines <support-chat>, which
 * takes over the element and the shadow root the loader drew its launcher in.
 */
import './define.ts';

// What the lazy chunks (support-chat-<name>.js) take from this script (`window.SupportChatWidget`) instead of a copy of its own.
export { adoptStyles, css, html, nothing, supportsAdoptingStyleSheets, svg } from 'lit';
