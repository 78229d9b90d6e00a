// The visitor's journey of conversation.test.ts in the other engines: Firefox (Puppeteer
// over WebDriver BiDi) and WebKit (WebKitWebDriver), the agent answering from the console
// in Chromium. `E2E_ENGINES=webkit` (or firefox, chromium, comma-separated) picks the
// engines. Each step's screenshots are in e2e/artifacts/visitor-in-<engine>/.

import { type FlakyNetwork, startFlakyNetwork } from '@support-chat/backend/local/flaky-network';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentReplies,
  agentSees,
  agentTranscript,
  chatPanelCoveredAt,
  inboxEntry,
  openConversation,
  openDemoPage,
  signInAgent,
  startChat,
  storedKeys,
  visitorBanner,
  visitorPending,
  visitorSeesAgent,
  visitorSeesDelivered,
  visitorTranscript,
  visitorWrites,
  waitFor,
  waitForGone,
} from './engines/actors.ts';
import { type EngineBrowser, type EnginePage, enginesToRun, launchEngine } from './engines/engine.ts';
import { target } from './engines/in-page.ts';
import { EngineJourney } from './engines/journey.ts';
import { type E2ESite, startE2ESite } from './support/e2e-demo.ts';
import { storyChapters } from './support/journey.ts';

const QUESTION = 'Do you have a course on DynamoDB single-table design?';
const ANSWER = 'Yes: "DynamoDB in depth" has a whole module on it.';
const AGENT_MEANWHILE = 'It also comes with a sandbox account for the labs.';
const TUNNEL_1 = 'Sorry, I am on a train, the line keeps dropping.';
const TUNNEL_2 = 'Does the team plan include it?';

for (const engine of enginesToRun(['firefox', 'webkit'])) {
  describe(`a visitor in ${engine} and an agent in chromium, end to end`, () => {
    let e2e: E2ESite;
    let network: FlakyNetwork;
    let browser: EngineBrowser;
    let chromium: EngineBrowser;
    let visitor: EnginePage;
    let agent: EnginePage;
    let siteUrl: string;
    const journey = new EngineJourney(`visitor in ${engine}`);
    const chapter = storyChapters();

    beforeAll(async () => {
      e2e = await startE2ESite();
      siteUrl = e2e.demo.siteUrl;
      const { stack } = e2e.demo;
      network = await startFlakyNetwork(new URL(stack.siteConfig.websocketUrl));
      // The visitor's WebSocket goes through a network that can be cut (the site's config.json
      // names it); the agent's console keeps the gateway's own address.
      const direct = stack.siteConfig;
      stack.siteConfig = { ...direct, websocketUrl: network.url };
      chromium = await launchEngine('chromium');
      agent = journey.actor('agent', await chromium.newPage({ siteConfig: direct }));
      browser = engine === 'chromium' ? chromium : await launchEngine(engine);
      visitor = journey.actor('visitor', await browser.newPage());
    });
    afterAll(async () => {
      if (browser !== chromium) await browser?.close();
      await chromium?.close();
      await network?.close();
      await e2e?.close();
    });

    chapter('the visitor asks, the agent answers live', async () => {
      await journey.step('the agent signs in to the console', async () => {
        await signInAgent(agent, `${siteUrl}/agent.html`);
        await waitFor(agent, target('support-agent-console', '.inbox-empty'));
      });

      await journey.step('the visitor opens the chat and fills the pre-chat form', async () => {
        await openDemoPage(visitor, siteUrl);
        expect(await storedKeys(visitor), 'nothing stored before the visitor acts').toEqual([]);
        await startChat(visitor, { name: 'Ada Lovelace', email: 'ada@example.com' });
        // The panel is above everything the site draws, its sticky header included (in WebKit
        // it was not: the header covered the panel's title bar and took its clicks).
        expect(await chatPanelCoveredAt(visitor)).toEqual([]);
      });

      await journey.step('the visitor asks a question', async () => {
        await visitorWrites(visitor, QUESTION);
        await visitorSeesDelivered(visitor, QUESTION);
      });

      await journey.step('the agent opens the conversation from the inbox', async () => {
        await waitFor(agent, inboxEntry('Ada Lovelace'));
        await openConversation(agent, 'Ada Lovelace', QUESTION);
      });

      await journey.step('the agent replies and the visitor reads the answer', async () => {
        await agentReplies(agent, ANSWER);
        await visitorSeesAgent(visitor, ANSWER);
        expect(await visitorTranscript(visitor)).toEqual([QUESTION, ANSWER]);
      });
    });

    chapter('after a reload the visitor has the whole conversation, in order, once', async () => {
      await journey.step('the visitor reloads the page', async () => {
        await visitor.reload();
        await visitorSeesAgent(visitor, ANSWER);
        expect(await visitorTranscript(visitor)).toEqual([QUESTION, ANSWER]);
      });
    });

    chapter('messages written on both sides while the visitor’s network is cut arrive once each, in order', async () => {
      await journey.step('the visitor’s network goes down and the visitor writes twice', async () => {
        network.cut();
        // Where the engine can also say so (navigator.onLine), it does; WebKit's driver cannot,
        // and the widget finds the dead connection itself when its message goes unacknowledged.
        await visitor.setOffline?.(true);
        await visitorWrites(visitor, TUNNEL_1);
        await visitorWrites(visitor, TUNNEL_2);
        await waitFor(visitor, visitorBanner);
        expect(await visitorPending(visitor)).toEqual([TUNNEL_1, TUNNEL_2]);
      });

      await journey.step('the agent answers meanwhile', async () => {
        await agentReplies(agent, AGENT_MEANWHILE);
        // Nothing crossed the cut network either way.
        expect(await agentTranscript(agent)).toEqual([QUESTION, ANSWER, AGENT_MEANWHILE]);
        expect(await visitorTranscript(visitor)).toEqual([QUESTION, ANSWER, TUNNEL_1, TUNNEL_2]);
      });

      const everything = [QUESTION, ANSWER, AGENT_MEANWHILE, TUNNEL_1, TUNNEL_2];
      await journey.step('the network comes back and both sides hold every message once, in order', async () => {
        network.restore();
        await visitor.setOffline?.(false);
        await waitForGone(visitor, target('support-chat', '.row.pending'));
        await waitFor(agent, agentSees(TUNNEL_2));
        await visitorSeesAgent(visitor, AGENT_MEANWHILE);
        expect(await visitorTranscript(visitor)).toEqual(everything);
        expect(await agentTranscript(agent)).toEqual(everything);
        await waitForGone(visitor, visitorBanner);
      });

      await journey.step('a reload on both sides shows the same conversation', async () => {
        await Promise.all([visitor.reload(), agent.reload()]);
        await visitorSeesDelivered(visitor, TUNNEL_2);
        await waitFor(agent, agentSees(TUNNEL_2));
        expect(await visitorTranscript(visitor)).toEqual(everything);
        expect(await agentTranscript(agent)).toEqual(everything);
      });
    });

    it('logged no error on any page (where the engine’s driver reports them)', () => {
      expect([...chromium.problems, ...(browser === chromium ? [] : browser.problems)]).toEqual([]);
    });
  });
}
