// A visitor and an agent talk through the whole stack, as two people in two browsers:
// `npm start`'s stack and site, Debian's Chromium, one story told in chapters. Each
// chapter's steps leave screenshots in e2e/artifacts/conversation/.

import { type FlakyNetwork, startFlakyNetwork } from '@support-chat/backend/local/flaky-network';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentReplies,
  agentTranscript,
  inboxEntry,
  openDemoPage,
  signInAgent,
  startChat,
  visitorPending,
  visitorSeesDelivered,
  visitorTranscript,
  visitorWrites,
} from './support/actors.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey, storyChapters } from './support/journey.ts';

const QUESTION = 'Do you have a course on DynamoDB single-table design?';
const ANSWER = 'Yes: "DynamoDB in depth" has a whole module on it.';
const AGENT_MEANWHILE = 'It also comes with a sandbox account for the labs.';
const TUNNEL_1 = 'Sorry, I am on a train, the line keeps dropping.';
const TUNNEL_2 = 'Does the team plan include it?';

describe('a visitor and an agent, end to end', () => {
  let e2e: E2EDemo;
  let journey: Journey;
  let network: FlakyNetwork;
  let visitor: Page;
  let agent: Page;
  let siteUrl: string;
  const chapter = storyChapters();

  beforeAll(async () => {
    e2e = await startE2EDemo();
    siteUrl = e2e.demo.siteUrl;
    journey = new Journey(e2e.browser, 'conversation');
    network = await startFlakyNetwork(new URL(e2e.demo.stack.siteConfig.websocketUrl));
    agent = await journey.actor('agent');
    visitor = await journey.actor('visitor');
    // The visitor's WebSocket goes through a network that can be cut; everything else is as served.
    await visitor
      .context()
      .route('**/config.json', (route) => route.fulfill({ json: { ...e2e.demo.stack.siteConfig, websocketUrl: network.url } }));
  });
  afterAll(async () => {
    await journey?.close();
    await network?.close();
    await e2e?.close();
  });

  chapter('a question reaches the agent live, the answer and the typing come back, the alert opens the room', async () => {
    await journey.step('the agent signs in to the console', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await agent.locator('support-agent-console .inbox-empty').waitFor();
    });

    await journey.step('the visitor opens the chat and fills the pre-chat form', async () => {
      await openDemoPage(visitor, siteUrl);
      expect(await visitor.evaluate(() => Object.keys(localStorage)), 'nothing stored before the visitor acts').toEqual([]);
      await startChat(visitor, { name: 'Ada Lovelace', email: 'ada@example.com' });
    });

    await journey.step('the visitor asks a question', async () => {
      await visitorWrites(visitor, QUESTION);
      await visitorSeesDelivered(visitor, QUESTION);
    });

    await journey.step('the conversation arrives in the agent’s inbox without a reload', async () => {
      await inboxEntry(agent, 'Ada Lovelace').filter({ hasText: QUESTION }).waitFor();
      await inboxEntry(agent, 'Ada Lovelace').getByText('ada@example.com').waitFor();
    });

    const roomId = await journey.step('the agent opens the conversation', async () => {
      await inboxEntry(agent, 'Ada Lovelace').click();
      await agent.locator('support-agent-console .conversation .msg .bubble', { hasText: QUESTION }).waitFor();
      await agent.waitForURL(/#room=[A-Za-z0-9_-]{43}$/);
      return new URL(agent.url()).hash.slice('#room='.length);
    });

    await journey.step('the visitor sees the agent typing', async () => {
      await agent.locator('support-agent-console .conversation textarea').pressSequentially('Yes', { delay: 20 });
      await visitor
        .locator('support-chat [part=typing]')
        .getByText(/is typing/)
        .waitFor();
    });

    await journey.step('the agent replies and the visitor reads the answer', async () => {
      await agentReplies(agent, ANSWER);
      await visitor.locator('support-chat .row.agent .bubble', { hasText: ANSWER }).waitFor();
      await visitor.locator('support-chat [part=typing]').waitFor({ state: 'detached' });
      expect(await visitorTranscript(visitor)).toEqual([QUESTION, ANSWER]);
    });

    await journey.step('the alert the local SNS endpoint received links to this room and opens it', async () => {
      await agent.goto(`${siteUrl}/alerts.html`);
      const link = agent.getByRole('link', { name: /open in the agent console/i }).first();
      expect(await link.getAttribute('href')).toBe(`${siteUrl}/agent.html#room=${roomId}`);
      await agent.getByText(`New chat from Ada Lovelace`, { exact: false }).first().waitFor();
      await link.click();
      // Still signed in: the link lands on the conversation itself, not on the inbox.
      await agent.locator('support-agent-console .conversation .msg .bubble', { hasText: ANSWER }).waitFor();
      expect(await agentTranscript(agent)).toEqual([QUESTION, ANSWER]);
    });
  });

  chapter('after a reload the visitor has the whole conversation, in order, once', async () => {
    await journey.step('the visitor reloads the page', async () => {
      await visitor.reload();
      await visitor.locator('support-chat .row.agent .bubble', { hasText: ANSWER }).waitFor();
      expect(await visitorTranscript(visitor)).toEqual([QUESTION, ANSWER]);
    });
  });

  chapter('messages written on both sides while the visitor is offline arrive once each, in order', async () => {
    await journey.step('the visitor’s network goes down', async () => {
      network.cut();
      await visitor.context().setOffline(true);
      await visitor
        .locator('support-chat [part=banner]')
        .getByText(/offline/i)
        .waitFor();
      // Whether an agent is here is unknown while offline: not shown rather than stale.
      expect(await visitor.locator('support-chat [part=presence]').count()).toBe(0);
    });

    await journey.step('the visitor writes twice while offline', async () => {
      await visitorWrites(visitor, TUNNEL_1);
      await visitorWrites(visitor, TUNNEL_2);
      expect(await visitorPending(visitor)).toEqual([TUNNEL_1, TUNNEL_2]);
    });

    await journey.step('the agent answers meanwhile', async () => {
      await agentReplies(agent, AGENT_MEANWHILE);
      // Nothing crossed the cut network either way.
      expect(await agentTranscript(agent)).toEqual([QUESTION, ANSWER, AGENT_MEANWHILE]);
      expect(await visitorTranscript(visitor)).toEqual([QUESTION, ANSWER, TUNNEL_1, TUNNEL_2]);
    });

    await journey.step('the network comes back and both sides hold every message once, in order', async () => {
      network.restore();
      await visitor.context().setOffline(false);
      const everything = [QUESTION, ANSWER, AGENT_MEANWHILE, TUNNEL_1, TUNNEL_2];
      await visitor.locator('support-chat .row.pending').first().waitFor({ state: 'detached' });
      await agent.locator('support-agent-console .msg .bubble', { hasText: TUNNEL_2 }).waitFor();
      await visitor.locator('support-chat .row.agent .bubble', { hasText: AGENT_MEANWHILE }).waitFor();
      expect(await visitorTranscript(visitor)).toEqual(everything);
      expect(await agentTranscript(agent)).toEqual(everything);
      await visitor.locator('support-chat [part=banner]').waitFor({ state: 'detached' });
      await visitor.locator('support-chat [part=presence]').getByText('An agent is here').waitFor();
    });

    await journey.step('a reload on both sides shows the same conversation', async () => {
      await Promise.all([visitor.reload(), agent.reload()]);
      const everything = [QUESTION, ANSWER, AGENT_MEANWHILE, TUNNEL_1, TUNNEL_2];
      await visitor.locator('support-chat .row .bubble', { hasText: TUNNEL_2 }).waitFor();
      await agent.locator('support-agent-console .msg .bubble', { hasText: TUNNEL_2 }).waitFor();
      expect(await visitorTranscript(visitor)).toEqual(everything);
      expect(await agentTranscript(agent)).toEqual(everything);
    });
  });

  it('logged no error and no Content-Security-Policy violation on any page', () => {
    expect(journey.problems).toEqual([]);
  });
});
