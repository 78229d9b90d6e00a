import type { RoomSummary } from '@support-chat/backend/protocol';
import { sendKeys } from '@web/test-runner-commands';
import { html, LitElement } from 'lit';
import { deepEqual, equal } from '../../test/assert.ts';
import { KeyboardController } from './keyboard-controller.ts';

/** The console's list, filter and tabs, reduced to what the keyboard acts on. */
class KeyedList extends LitElement {
  static override properties = { filter: { attribute: false }, tab: { attribute: false } };
  declare filter: string;
  declare tab: string;
  enabled = true;
  selected: string | undefined;
  opened: string[] = [];
  readonly ids = ['a', 'b', 'c'];
  readonly keyboard = new KeyboardController(this, {
    enabled: () => this.enabled,
    rooms: () => this.ids.map((roomId) => ({ roomId }) as RoomSummary),
    selected: () => this.selected,
    open: (roomId) => {
      this.selected = roomId;
      this.opened.push(roomId);
    },
    clearFilter: () => {
      const had = this.filter !== '';
      this.filter = '';
      return had;
    },
    moveTab: (to) => {
      const tabs = ['mine', 'unassigned', 'open', 'closed'];
      const at = tabs.indexOf(this.tab);
      this.tab = to === 'first' ? tabs[0]! : to === 'last' ? tabs.at(-1)! : tabs[(at + to + tabs.length) % tabs.length]!;
      return this.tab;
    },
  });
  constructor() {
    super();
    this.filter = 'x';
    this.tab = 'open';
  }
  override render() {
    return html`
      <div class="tabs">
        ${['mine', 'unassigned', 'open', 'closed'].map((tab) => html`<button role="tab" id="tab-${tab}">${tab}</button>`)}
      </div>
      <label class="filter"><input .value=${this.filter} /></label>
      <ul>${this.ids.map((id, i) => html`<li><button class="room" data-id=${id} tabindex=${i === 0 ? 0 : -1}>${id}</button></li>`)}</ul>
    `;
  }
}
customElements.define('test-keyed-list', KeyedList);

async function mount(): Promise<KeyedList> {
  const el = document.createElement('test-keyed-list') as KeyedList;
  document.body.append(el);
  await el.updateComplete;
  return el;
}
/** The focused row's id, else the focused element's id, else its tag. */
const focused = (el: KeyedList) => {
  const active = el.shadowRoot!.activeElement as HTMLElement | null;
  return active?.dataset.id || active?.id || active?.tagName;
};
const rooms = (el: KeyedList) => [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.room')];

describe('KeyboardController', () => {
  afterEach(() => {
    for (const el of document.querySelectorAll('test-keyed-list')) el.remove();
  });

  it('opens the next and previous conversation with Alt+arrows, stopping at the ends', async () => {
    const el = await mount();
    el.keyboard.step(1);
    el.keyboard.step(1);
    el.keyboard.step(1);
    el.keyboard.step(1);
    el.keyboard.step(-1);
    deepEqual(el.opened, ['a', 'b', 'c', 'c', 'b'], 'opened');
    el.selected = undefined;
    el.keyboard.step(-1);
    equal(el.opened.at(-1), 'c', 'from nothing, up starts at the end');
  });

  it('moves through the list with arrows, Home and End, keeping one tab stop', async () => {
    const el = await mount();
    rooms(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    equal(focused(el), 'b', 'down');
    await sendKeys({ press: 'End' });
    equal(focused(el), 'c', 'End');
    await sendKeys({ press: 'ArrowDown' });
    equal(focused(el), 'c', 'stays at the end');
    await sendKeys({ press: 'Home' });
    equal(focused(el), 'a', 'Home');
    deepEqual(
      rooms(el).map((b) => b.tabIndex),
      [0, -1, -1],
      'one tab stop',
    );
  });

  it('goes to the filter with /, to the list with ↓, empties the filter with Escape, and switches tabs with ←/→, Home and End', async () => {
    const el = await mount();
    rooms(el)[1]!.focus();
    await sendKeys({ press: '/' });
    equal(focused(el), 'INPUT', 'the filter');
    await sendKeys({ press: 'Escape' });
    await el.updateComplete;
    equal(el.filter, '', 'emptied');
    await sendKeys({ press: 'ArrowDown' });
    equal(focused(el), 'a', 'the first row');
    el.shadowRoot!.querySelector<HTMLElement>('#tab-open')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    equal(el.tab, 'closed', 'the next tab');
    equal(focused(el), 'tab-closed', 'focus on it');
    await sendKeys({ press: 'ArrowRight' });
    await el.updateComplete;
    equal(focused(el), 'tab-mine', 'round to the first');
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    equal(focused(el), 'tab-closed', 'round to the last');
    await sendKeys({ press: 'Home' });
    await el.updateComplete;
    equal(focused(el), 'tab-mine', 'Home');
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    deepEqual([el.tab, focused(el)], ['closed', 'tab-closed'], 'End');
  });

  it('does nothing while off (the sign-in screens)', async () => {
    const el = await mount();
    el.enabled = false;
    rooms(el)[0]!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: '/' });
    equal(focused(el), 'a', 'focus left where it was');
  });
});
