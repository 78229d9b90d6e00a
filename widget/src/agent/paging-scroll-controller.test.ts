import { css, html, LitElement } from 'lit';
import { equal, ok } from '../../test/assert.ts';
import { PagingScrollController } from './paging-scroll-controller.ts';

/** A 100 px log of 40 px rows numbered from `first`, with older pages of 5 on request. */
class PagedLog extends LitElement {
  static override styles = css`
    .log {
      height: 100px;
      overflow-y: auto;
    }
    p {
      height: 40px;
      margin: 0;
    }
  `;
  static override properties = { first: { attribute: false }, last: { attribute: false } };
  declare first: number;
  declare last: number;
  asked = 0;
  readonly sticky = new PagingScrollController(this, {
    log: () => this.renderRoot.querySelector?.<HTMLElement>('.log'),
    threshold: 64,
    view: () => 'room',
    first: () => this.first,
    loadOlder: () => {
      if (this.first <= 1) return false;
      this.asked++;
      return true;
    },
  });
  constructor() {
    super();
    this.first = 11;
    this.last = 20;
  }
  get log(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.log')!;
  }
  override render() {
    const rows = Array.from({ length: this.last - this.first + 1 }, (_, i) => this.first + i);
    return html`<div class="log" @scroll=${this.sticky.onScroll}>${rows.map((n) => html`<p data-n=${n}>${n}</p>`)}</div>`;
  }
}
customElements.define('test-paged-log', PagedLog);

describe('PagingScrollController', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('test-paged-log')) el.remove();
  });

  it('asks for one older page at a time near the top, and keeps the rows being read in place when it comes', async () => {
    const el = document.createElement('test-paged-log') as PagedLog;
    document.body.append(el);
    await el.updateComplete;
    const log = el.log;
    log.scrollTop = 40; // row 12 at the top
    el.sticky.loadOlder();
    el.sticky.loadOlder();
    equal(el.asked, 1, 'one request while one is on its way');
    equal(el.sticky.loadingOlder, true, 'loading');
    el.first = 6; // rows 6 to 10 went in above
    await el.updateComplete;
    equal(log.scrollTop, 40 + 5 * 40, 'row 12 still at the top');
    equal(el.sticky.loadingOlder, false, 'loaded');
    el.sticky.loadOlder();
    equal(el.asked, 2, 'the next page may be asked for');
  });

  it('asks when the reader scrolls near the top, and not at all once there is no older page', async () => {
    const el = document.createElement('test-paged-log') as PagedLog;
    el.first = 1;
    document.body.append(el);
    await el.updateComplete;
    el.log.scrollTop = 0;
    el.log.dispatchEvent(new Event('scroll'));
    equal(el.asked, 0, 'nothing older than the first message');
    equal(el.sticky.loadingOlder, false, 'not loading');
    ok(true);
  });
});
