import type { ReactiveElement } from 'lit';
import { adopt } from './adopt-styles.ts';
import ratingStyles from './styles/rating.styles.ts';

export { ratingView } from './views/rating.ts';

const styled = new WeakSet<ReactiveElement>();

/**
 * The rating card, a lazy chunk (load-extra.ts): its view, its texts in every language and
 * its styles come when a closed conversation first asks the visitor for a rating, which
 * most visitors never see. The card's style sheet joins the element's once.
 */
export function adoptRatingStyles(host: ReactiveElement): void {
  if (styled.has(host)) return;
  styled.add(host);
  adopt(host, [ratingStyles]);
}
