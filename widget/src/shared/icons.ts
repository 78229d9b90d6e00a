import { html } from 'lit';

/** A 24×24 path drawn at `size` pixels, hidden from assistive technology (its button or text names it). */
export const icon = (d: string, size = 18) =>
  html`<svg viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" focusable="false"><path d=${d}></path></svg>`;

export * from './icon-paths.ts';
