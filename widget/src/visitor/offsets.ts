/**
 * The page's `offset-x` and `offset-y` (pixels, `24`, or a CSS length) as the styles' custom
 * properties, set through the CSSOM, which a strict Content-Security-Policy allows (a style
 * attribute it would not).
 */
export function setOffsets(host: HTMLElement, x: string, y: string): void {
  for (const [axis, value] of [
    ['x', x],
    ['y', y],
  ])
    if (value) host.style.setProperty(`--support-chat-offset-${axis}`, /^\d+$/.test(value) ? `${value}px` : value);
}
