import type { Message } from '@support-chat/backend/protocol';
import { deepEqual, equal, ok } from '../../test/assert.ts';
import { Agent, CuttableNetwork, command, roomId, sendFrame, storedMessages, storedRoom, waitUntil } from '../../test/helpers.ts';
import { $, $$, say } from '../../test/visitor.ts';
import type { SupportChat } from './support-chat.ts';

/**
 * Tabs of one browser, as same-origin iframes: each is a document of its own, with its own
 * Web Locks client and BroadcastChannel objects, and the page's localStorage, as a tab has.
 * Each counts its open WebSockets and the sounds it plays (the blip itself needs a user's
 * gesture, so it is counted instead of played). All three are visible, as windows side by
 * side are: each takes the lead as it connects, so the last one opened leads.
 */
interface Tab {
  frame: HTMLIFrameElement;
  el: SupportChat;
  sockets: () => number;
  blips: () => number;
}

const TAB_SCRIPT = `
  const made = [];
  window.openSockets = () => made.filter((ws) => ws.readyState === WebSocket.OPEN).length;
  const Native = WebSocket;
  window.WebSocket = class extends Native { constructor(...args) { super(...args); made.push(this); } };
  window.blips = 0;
  import('/widget/src/shared/attention-controller.ts').then(({ AttentionController }) => {
    AttentionController.prototype.blip = () => window.blips++;
    return import('/widget/src/visitor/define.ts');
  }).then(() => { window.ready = true; });
`;
/** Takes the APIs away before anything loads, as in a browser without them. */
const WITHOUT_APIS = 'delete Navigator.prototype.locks; delete window.BroadcastChannel;';

const tabs: Tab[] = [];
const agents: Agent[] = [];

async function openTab(attributes: Record<string, string>, withoutApis = false): Promise<Tab> {
  const frame = document.createElement('iframe');
  frame.srcdoc = `<!doctype html><script>${withoutApis ? WITHOUT_APIS : ''}</script><script type="module">${TAB_SCRIPT}</script>`;
  document.body.append(frame);
  const win = () => frame.contentWindow as (Window & { ready?: boolean; openSockets: () => number; blips: number }) | null;
  await waitUntil(() => win()?.ready, 'the tab to load');
  const doc = frame.contentDocument!;
  const el = doc.createElement('support-chat') as SupportChat;
  for (const [name, value] of Object.entries(attributes)) el.setAttribute(name, value);
  doc.body.append(el);
  await el.updateComplete;
  const tab: Tab = { frame, el, sockets: () => win()?.openSockets() ?? 0, blips: () => win()?.blips ?? 0 };
  tabs.push(tab);
  return tab;
}

function closeTab(tab: Tab): void {
  tab.frame.remove();
  tabs.splice(tabs.indexOf(tab), 1);
}

const shown = (el: SupportChat) => el.client.messages().map((m) => m.text);
const badge = (el: SupportChat) => $(el, '[part="badge"]')?.textContent?.trim() ?? '';
const visitorConnections = (room: string) => command<number>('room:visitorConnections', { roomId: room });
const texts = (messages: readonly Message[]) => messages.map((m) => m.text);
const settled = (expected: string[]) => () =>
  tabs.every((t) => t.el.client.pending().length === 0 && shown(t.el).join('|') === expected.join('|'));

/** The first tab, with a conversation the agent has joined, and two more tabs. */
async function threeTabs(attributes: Record<string, string> = { config: `${location.origin}/config.json` }, withoutApis = false) {
  const first = await openTab(attributes, withoutApis);
  first.el.open();
  await say(first.el, 'Hello from the first tab');
  await waitUntil(() => first.el.client.pending().length === 0 && shown(first.el).length === 1, 'the first message acknowledged');
  const room = await roomId();
  first.el.close();
  // A returning visitor's tabs connect as they load.
  const others = [await openTab(attributes, withoutApis), await openTab(attributes, withoutApis)];
  const all = [first, ...others];
  await waitUntil(
    () => all.every((t) => t.el.client.state === 'open' && shown(t.el).length === 1),
    () =>
      `every tab open with the conversation; each tab's state, messages and sockets: ${all.map((t) => `${t.el.client.state} ${shown(t.el).length} ${t.sockets()}`).join(', ')}`,
  );
  if (!withoutApis) await waitUntil(async () => (await visitorConnections(room)) === 1, 'the connections handed over closed');
  const alex = await Agent.connect();
  agents.push(alex);
  await alex.join(room);
  return { all, room, alex };
}

describe('<support-chat> in three tabs', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });
  afterEach(async () => {
    for (const tab of tabs.splice(0)) tab.frame.remove();
    for (const a of agents.splice(0)) await a.close();
  });

  it('shares one connection: each tab’s messages once, the agent’s in every tab, one sound, read everywhere at once', async () => {
    const { all, room, alex } = await threeTabs();
    equal(await visitorConnections(room), 1, 'visitor connections at the server');
    deepEqual(
      all.map((t) => t.sockets()),
      [0, 0, 1],
      'open WebSockets in each tab',
    );

    for (const [i, tab] of all.entries()) await say(tab.el, `From tab ${i}`);
    const sent = ['Hello from the first tab', 'From tab 0', 'From tab 1', 'From tab 2'];
    await waitUntil(settled(sent), 'every tab to show every message');
    deepEqual(texts(await storedMessages(room)), sent, 'stored once each');

    await alex.say(room, 'Hi, Alex here');
    const withReply = [...sent, 'Hi, Alex here'];
    await waitUntil(settled(withReply), 'the reply in every tab');
    await waitUntil(() => all.every((t) => badge(t.el) === '1'), 'one unread in every tab');
    deepEqual(
      all.map((t) => t.blips()),
      [0, 0, 1],
      'sounds: in the tab shown last only',
    );

    // Reading in one tab is reading in all of them.
    all[1]!.el.open();
    await waitUntil(() => all.every((t) => badge(t.el) === ''), 'the unread count gone from every tab');
    const read = await alex.waitFor('read');
    equal(read.type === 'read' && read.seq, 5, 'the agent heard the read receipt');
    equal(await visitorConnections(room), 1, 'still one visitor connection');
  });

  it('hands the connection to another tab when the leader closes mid-conversation: nothing lost, nothing doubled', async () => {
    const network = await CuttableNetwork.start();
    const { all, room, alex } = await threeTabs({ endpoint: network.url });
    const [first, second, leader] = all as [Tab, Tab, Tab];
    equal(leader.sockets(), 1, 'the last tab leads');

    // Messages the leader sends into a dead network stay pending in the shared outbox, shown in every tab.
    await network.cut();
    await say(second.el, 'Typed in tab 2');
    await say(leader.el, 'Typed in tab 3');
    await waitUntil(() => all.every((t) => t.el.client.pending().length === 2), 'two pending messages in every tab');
    await network.restore();
    await alex.say(room, 'Said while the leader was cut off');
    closeTab(leader);
    // Sent while the connection changes hands: they wait in the outbox too.
    await say(first.el, 'Typed in tab 1');
    await say(second.el, 'Typed in tab 2 again');

    const typed = ['Hello from the first tab', 'Typed in tab 2', 'Typed in tab 3', 'Typed in tab 1', 'Typed in tab 2 again'];
    await waitUntil(
      () => tabs.every((t) => t.el.client.pending().length === 0 && shown(t.el).length === typed.length + 1),
      'the remaining tabs to hold every message',
    );
    const stored = await storedMessages(room);
    deepEqual(
      stored.filter((m) => m.sender.role === 'visitor').map((m) => m.text),
      typed,
      'the visitor’s messages stored once each, in the order typed',
    );
    deepEqual(
      stored.filter((m) => m.sender.role === 'agent').map((m) => m.text),
      ['Said while the leader was cut off'],
      'the agent’s stored once',
    );
    deepEqual([first, second].map((t) => t.sockets()).sort(), [0, 1], 'one of the other tabs holds the one new connection');
    for (const t of [first, second]) {
      deepEqual(
        t.el.client.messages().map((m) => [m.seq, m.text]),
        stored.map((m) => [m.seq, m.text]),
        'each message once, in order',
      );
      deepEqual(
        $$(t.el, '.row:not(.greeting) .bubble').map((b) => b.textContent),
        texts(stored),
        'the conversation shown',
      );
    }
  });

  it('lets a signed-in customer’s tab lead, and signs them out of every tab at once', async () => {
    const { all, room } = await threeTabs();
    const [first, second, third] = all as [Tab, Tab, Tab];
    const sub = `tabs-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
    second.el.identify({ getToken: () => command<string>('identity:token', { claims: { sub, name: 'Kim' } }) });
    await waitUntil(() => localStorage.getItem('support-chat:customer') === sub, 'the signed-in connection');
    deepEqual(
      all.map((t) => t.sockets()),
      [0, 1, 0],
      'the customer’s tab holds the connection',
    );
    await waitUntil(async () => (await visitorConnections(room)) === 1, 'the last tab’s connection closed');
    equal(await command<string | null>('customer:room', { sub }), room, 'the conversation became theirs');
    await say(third.el, 'Signed in now');
    await waitUntil(settled(['Hello from the first tab', 'Signed in now']), 'every tab to show it');

    third.el.open();
    first.el.reset();
    await waitUntil(
      () => all.every((t) => t.el.client.state === 'idle' && !t.el.opened && t.el.client.messages().length === 0),
      'every tab to forget the customer',
    );
    deepEqual(
      Object.keys(localStorage).filter((key) => key.startsWith('support-chat:')),
      [],
      'nothing of theirs kept',
    );
    await waitUntil(async () => (await visitorConnections(room)) === 0, 'no connection left');
  });

  it('forgets an erased conversation in every tab: empty, nothing stored, no reconnection; the next message starts a new room', async () => {
    const { all, room, alex } = await threeTabs();
    const [first, second, leader] = all as [Tab, Tab, Tab];
    await alex.say(room, 'Hi, Alex here');
    await waitUntil(settled(['Hello from the first tab', 'Hi, Alex here']), 'the reply in every tab');
    // The panel open in a follower and in the leader; an unsent message in the shared outbox.
    first.el.open();
    leader.el.open();
    await waitUntil(() => localStorage.getItem('support-chat:read') !== null, 'the read mark stored');
    localStorage.setItem(
      'support-chat:outbox:left-over',
      JSON.stringify({ clientMsgId: 'left-over', text: 'Unsent', createdAt: new Date().toISOString(), status: 'failed' }),
    );

    // The admin erases the visitor (the console's Settings → Privacy).
    const erased = await sendFrame(alex, { action: 'erasePerson', selector: { kind: 'room', value: room } }, 'personErased');
    equal(erased.type, 'personErased', 'the erasure done');
    await waitUntil(
      () => all.every((t) => t.el.client.state === 'idle' && t.el.client.messages().length === 0 && t.el.client.pending().length === 0),
      'every tab to forget the conversation',
    );
    deepEqual(
      Object.keys(localStorage).filter((key) => key.startsWith('support-chat:')),
      [],
      'nothing of it kept: no visitor key, outbox or read mark',
    );
    deepEqual(
      all.map((t) => t.el.opened),
      [true, false, true],
      'each panel as it was',
    );
    for (const tab of [first, leader]) {
      deepEqual($$(tab.el, '.row:not(.greeting) .bubble'), [], 'an empty chat shown');
      equal($$(tab.el, '.row.greeting').length, 1, 'with the greeting, as a fresh chat');
    }
    // The agent's console hears it too, to drop the room.
    deepEqual(await alex.waitFor('roomErased'), { type: 'roomErased', roomId: room }, 'the console told');

    // Nothing connects again by itself: not to the erased room, not to a new one.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    deepEqual(
      all.map((t) => [t.sockets(), t.el.client.state]),
      [
        [0, 'idle'],
        [0, 'idle'],
        [0, 'idle'],
      ],
      'no tab connected again',
    );
    equal(localStorage.getItem('support-chat:key'), null, 'no new visitor key yet');
    equal(await visitorConnections(room), 0, 'no connection to the erased room');

    // Writing again starts a new conversation, in a new room; the erased one stays gone.
    await say(second.el, 'A new question');
    await waitUntil(() => second.el.client.pending().length === 0 && shown(second.el).length === 1, 'the new message acknowledged');
    const fresh = await roomId();
    ok(fresh !== room, 'a new room');
    deepEqual(texts(await storedMessages(fresh)), ['A new question'], 'the new message in the new room');
    deepEqual(await storedMessages(room), [], 'nothing in the erased room');
    equal(await storedRoom(room), undefined, 'the erased room not made again');
  });

  it('falls back to a connection per tab where the browser has neither Web Locks nor BroadcastChannel', async () => {
    const { all, room, alex } = await threeTabs({ config: `${location.origin}/config.json` }, true);
    deepEqual(
      all.map((t) => t.sockets()),
      [1, 1, 1],
      'open WebSockets in each tab',
    );
    equal(await visitorConnections(room), 3, 'visitor connections at the server');
    await say(all[2]!.el, 'From the third tab');
    await waitUntil(() => all[2]!.el.client.pending().length === 0, 'the message acknowledged');
    await alex.say(room, 'Hello to every tab');
    const expected = ['Hello from the first tab', 'From the third tab', 'Hello to every tab'];
    await waitUntil(settled(expected), 'every tab to show every message');
    deepEqual(texts(await storedMessages(room)), expected, 'stored once each');
  });
});
