import { adoptStyles, type CSSResult, type ReactiveElement, supportsAdoptingStyleSheets } from 'lit';

/** A lazy chunk's style sheets join the element's, after them (load-extra.ts). */
export function adopt(host: ReactiveElement, sheets: CSSResult[]): void {
  const root = host.renderRoot as ShadowRoot;
  if (supportsAdoptingStyleSheets) root.adoptedStyleSheets = [...root.adoptedStyleSheets, ...sheets.map((sheet) => sheet.styleSheet!)];
  else adoptStyles(root, sheets);
}
