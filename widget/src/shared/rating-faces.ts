import { svg } from 'lit';

/**
 * The five faces of a satisfaction rating, from very bad (1) to very good (5): one outline,
 * only the mouth changes, in the text's colour. No red and green: the scale asks how the
 * conversation went, not for a verdict in traffic-light colours.
 */
const MOUTHS = [
  'M7.5 17.2Q12 12.6 16.5 17.2',
  'M8.2 16.4Q12 14.4 15.8 16.4',
  'M8.2 15.4H15.8',
  'M8.2 14.4Q12 16.6 15.8 14.4',
  'M7.5 13.8Q12 18.8 16.5 13.8',
];

/** A rating's face at `size` pixels, hidden from assistive technology (its label or text names the score). */
export const ratingFace = (score: number, size = 28) =>
  svg`<svg class="face" viewBox="0 0 24 24" width=${size} height=${size} aria-hidden="true" focusable="false" stroke="currentColor" stroke-width="1.6" stroke-linecap="round"><circle cx="12" cy="12" r="9.6" fill="none"></circle><circle cx="9" cy="9.8" r=".6"></circle><circle cx="15" cy="9.8" r=".6"></circle><path d=${MOUTHS[score - 1] ?? MOUTHS[2]!} fill="none"></path></svg>`;
