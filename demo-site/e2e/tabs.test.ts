// One visitor with three tabs of the demo site open (three pages of one browser, so one
// storage): the tabs share one WebSocket, held by the tab in front, and when that tab is
// closed in the middle of the conversation another takes over, nothing lost or doubled.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { roomIdForVisitorKey } from '../../backend/src/auth/visitor-key.ts';
import {
  agentReplies,
  agentTranscript,
  openConversation,
  openDemoPage,
  signInAgent,
  startChat,
  visitorKeyOf,
  visitorRawHistory,
  visitorSeesDelivered,
  visitorTranscript,
  visitorWrites,
} from './support/actors.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey, storyChapters } from './support/journey.ts';

const LIVE = { timeout: 15_000 };

describe('a visitor with three tabs open', () => {
  let e2e: E2EDemo;
  let journey: Journey;
  const chapter = storyChapters();
  let agent: Page;
  let tabs: Page[];
  let roomId: string;
  let leaderConnection: string | undefined;

  beforeAll(async () => {
    e2e = await startE2EDemo();
    journey = new Journey(e2e.browser, 'three tabs');
  });
  afterAll(async () => {
    await journey?.close();
    await e2e?.close();
  });

  /** The connection ids of the visitor's WebSockets in the room, as the stack holds them. */
  const visitorConnections = async () =>
    (await e2e.demo.stack.deps.connections.members(roomId)).filter((m) => m.role === 'visitor').map((m) => m.connectionId);

  const openChat = async (page: Page) => {
    await openDemoPage(page, e2e.demo.siteUrl);
    await page.getByRole('button', { name: /open chat/i }).click();
    await page.locator('support-chat textarea').waitFor();
  };

  chapter('share one connection', async () => {
    const siteUrl = e2e.demo.siteUrl;
    agent = await journey.actor('agent');
    const first = await journey.actor('tab 1');
    await journey.step('the agent signs in; the visitor starts a conversation in a first tab', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await openDemoPage(first, siteUrl);
      await startChat(first, { name: 'Tabitha' });
      await visitorWrites(first, 'Hello from the first tab');
      await visitorSeesDelivered(first, 'Hello from the first tab');
      roomId = roomIdForVisitorKey(await visitorKeyOf(first));
    });
    await journey.step('two more tabs open the chat: each shows the conversation, over the one connection', async () => {
      tabs = [first, await journey.tab('tab 2', first), await journey.tab('tab 3', first)];
      for (const tab of tabs.slice(1)) {
        await openChat(tab);
        await visitorSeesDelivered(tab, 'Hello from the first tab');
      }
      await expect.poll(visitorConnections, LIVE).toHaveLength(1);
      [leaderConnection] = await visitorConnections();
    });
    await journey.step('the agent answers: every tab shows it', async () => {
      await openConversation(agent, 'Tabitha');
      await agentReplies(agent, 'Hi Tabitha, how can I help?');
      for (const tab of tabs) await tab.locator('support-chat .row.agent .bubble', { hasText: 'how can I help' }).waitFor();
    });
  });

  chapter('go on when the leading tab is closed mid-conversation, nothing lost or doubled', async () => {
    // The tab in front leads: the last one opened.
    const [one, two, leader] = tabs as [Page, Page, Page];
    const said: string[] = ['Hello from the first tab', 'Hi Tabitha, how can I help?'];
    const visitorSays = async (tab: Page, text: string) => {
      await visitorWrites(tab, text);
      said.push(text);
    };
    const agentSays = async (text: string) => {
      await agentReplies(agent, text);
      said.push(text);
    };
    await journey.step('both sides write while the leading tab closes', async () => {
      // Two followers write at once, as fast as a test types, and the agent answers in
      // between: the leader must send what each follower puts in the shared outbox.
      for (let round = 1; round <= 4; round++) {
        await Promise.all([visitorSays(one, `One: ${round}`), visitorSays(two, `Two: ${round}`)]);
        if (round === 2) await leader.close();
        await agentSays(`Agent: ${round}`);
      }
      await visitorSays(one, 'One: last');
    });
    await journey.step('one connection again, a new one, and every message once, in the same order everywhere', async () => {
      for (const tab of [one, two]) await visitorSeesDelivered(tab, 'One: last');
      await expect.poll(visitorConnections, LIVE).toHaveLength(1);
      expect(await visitorConnections()).not.toEqual([leaderConnection]);
      // The visitor's own lines in the order each was typed; the agent's in theirs; each once.
      const visitorTexts = await visitorTranscript(one);
      expect(visitorTexts.toSorted()).toEqual(said.toSorted());
      expect(await visitorTranscript(two)).toEqual(visitorTexts);
      await expect.poll(() => agentTranscript(agent), LIVE).toEqual(visitorTexts);
      const history = await visitorRawHistory(one, e2e.demo.stack.websocketUrl);
      expect(history.map((m) => m.text)).toEqual(visitorTexts);
      expect(await one.locator('support-chat .row.pending').count(), 'nothing left sending').toBe(0);
      expect(await two.locator('support-chat .row.pending').count(), 'nothing left sending').toBe(0);
    });
    expect(journey.problems).toEqual([]);
  });
});
