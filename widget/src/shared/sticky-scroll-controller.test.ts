import { css, html, LitElement } from 'lit';
import { equal, ok } from '../../test/assert.ts';
import { StickyScrollController } from './sticky-scroll-controller.ts';

/** A 100 px log of 40 px rows. */
class StickyLog extends LitElement {
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
  static override properties = { rows: { attribute: false }, view: { attribute: false } };
  declare rows: string[];
  declare view: string;
  readonly sticky = new StickyScrollController(this, {
    log: () => this.renderRoot.querySelector?.<HTMLElement>('.log'),
    threshold: 48,
    view: () => this.view,
  });
  constructor() {
    super();
    this.rows = [];
    this.view = 'a';
  }
  get log(): HTMLElement {
    return this.renderRoot.querySelector<HTMLElement>('.log')!;
  }
  override render() {
    return html`<div class="log">${this.rows.map((row) => html`<p>${row}</p>`)}</div>`;
  }
}
customElements.define('test-sticky-log', StickyLog);

const atBottom = (log: HTMLElement) => log.scrollHeight - log.scrollTop - log.clientHeight < 1;

async function mount(rows: number): Promise<StickyLog> {
  const el = document.createElement('test-sticky-log') as StickyLog;
  el.rows = Array.from({ length: rows }, (_, i) => `row ${i}`);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('StickyScrollController', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('test-sticky-log')) el.remove();
  });

  it('starts at the bottom and follows new rows while the reader is there', async () => {
    const el = await mount(10);
    ok(atBottom(el.log), 'at the bottom at first');
    el.rows = [...el.rows, 'new'];
    await el.updateComplete;
    ok(atBottom(el.log), 'followed the new row');
  });

  it('stays where the reader scrolled up to, until they send something', async () => {
    const el = await mount(10);
    el.log.scrollTop = 40;
    el.rows = [...el.rows, 'new'];
    await el.updateComplete;
    equal(el.log.scrollTop, 40, 'left in place');
    el.sticky.scrollToEnd();
    el.rows = [...el.rows, 'mine'];
    await el.updateComplete;
    ok(atBottom(el.log), 'at the bottom after sending');
  });

  it('starts at the bottom of another view', async () => {
    const el = await mount(10);
    el.log.scrollTop = 0;
    el.view = 'b';
    el.rows = el.rows.map((row) => `${row} of b`);
    await el.updateComplete;
    ok(atBottom(el.log), 'at the bottom of the new view');
  });
});
