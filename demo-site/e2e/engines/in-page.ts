/**
 * What the engine-neutral layer runs inside the page. Each function is handed to the
 * engine's driver as it is (Playwright, Puppeteer and WebDriver all serialize a function
 * with its argument), so each is self-contained: arrow functions only, no imports, no
 * closures over this module.
 */

/**
 * One element as a person finds it: inside the shadow tree of `host` (nested open shadow
 * roots too), matching `css`, and, if given, a button or link whose accessible name
 * (aria-label, else its text) matches `name`, or the field labelled `label`. Only
 * elements that are rendered count.
 */
export interface Target {
  host: string;
  css?: string;
  /** A regular expression's source and flags (a RegExp does not cross into the page). */
  name?: { source: string; flags: string };
  /** The exact text of the field's <label>. */
  label?: string;
  /** Text the element's own text must contain. */
  hasText?: string;
}

export const target = (host: string, css: string, hasText?: string): Target => ({ host, css, ...(hasText && { hasText }) });
export const button = (host: string, name: RegExp | string): Target => ({
  host,
  css: 'button, [role=button], [role=tab], a[href]',
  name:
    typeof name === 'string'
      ? { source: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' }
      : { source: name.source, flags: name.flags },
});
export const field = (host: string, label: string): Target => ({ host, label });

/**
 * The first rendered element `target` describes, or null; with `answer`, whether there is
 * one ('present') or none ('absent'), as plain data for a wait.
 */
export const findElement = (target: Target & { answer?: 'present' | 'absent' }): Element | boolean | null => {
  const answer = (found: Element | null) => (target.answer ? (found !== null) === (target.answer === 'present') : found);
  const hostElement = document.querySelector(target.host);
  if (!hostElement) return answer(null);
  const elements: Element[] = [];
  const walk = (root: ParentNode) => {
    for (const element of root.querySelectorAll('*')) {
      elements.push(element);
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (hostElement.shadowRoot) walk(hostElement.shadowRoot);
  walk(hostElement);
  const text = (element: Element) => (element.textContent ?? '').replace(/\s+/g, ' ').trim();
  const rendered = (element: Element) => element.getClientRects().length > 0;
  if (target.label !== undefined) {
    const label = elements.find((element) => element instanceof HTMLLabelElement && text(element) === target.label && rendered(element));
    return answer((label as HTMLLabelElement | undefined)?.control ?? null);
  }
  const pattern = target.name && new RegExp(target.name.source, target.name.flags);
  return answer(
    elements.find(
      (element) =>
        (!target.css || element.matches(target.css)) &&
        (!pattern || pattern.test(element.getAttribute('aria-label') ?? text(element))) &&
        (!target.hasText || text(element).includes(target.hasText)) &&
        rendered(element),
    ) ?? null,
  );
};

/** The text of every rendered element `target` describes (its `css`, `hasText` ignored), top to bottom. */
export const textsOf = (target: Target): string[] => {
  const hostElement = document.querySelector(target.host);
  if (!hostElement) return [];
  const found: string[] = [];
  const walk = (root: ParentNode) => {
    for (const element of root.querySelectorAll('*')) {
      if (target.css && element.matches(target.css) && element.getClientRects().length > 0) {
        // The text as shown, as Playwright's allInnerTexts reads it (no visually hidden labels).
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is the point
        found.push((element as HTMLElement).innerText.trim());
      }
      if (element.shadowRoot) walk(element.shadowRoot);
    }
  };
  if (hostElement.shadowRoot) walk(hostElement.shadowRoot);
  return found;
};
