// Two visitors in two browsers, one agent: each visitor's conversation is their own room,
// and nothing of one ever shows on the other's screen.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentReplies,
  inboxEntry,
  openConversation,
  openDemoPage,
  signInAgent,
  startChat,
  visitorSeesDelivered,
  visitorTranscript,
  visitorWrites,
} from './support/actors.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey } from './support/journey.ts';

const GRACE = {
  name: 'Grace Hopper',
  question: 'Is there a COBOL-to-Lambda migration course?',
  answer: 'Not yet, Grace: it is on the roadmap.',
};
const ALAN = { name: 'Alan Turing', question: 'Can I pay for my team by invoice?', answer: 'Yes, Alan: team plans are invoiced yearly.' };

describe('two visitors, end to end', () => {
  let e2e: E2EDemo;
  let journey: Journey;

  beforeAll(async () => {
    e2e = await startE2EDemo();
    journey = new Journey(e2e.browser, 'isolation');
  });
  afterAll(async () => {
    await journey?.close();
    await e2e?.close();
  });

  it('never see each other’s conversation', async () => {
    const siteUrl = e2e.demo.siteUrl;
    const agent = await journey.actor('agent');
    const grace = await journey.actor('grace');
    const alan = await journey.actor('alan');

    await journey.step('the agent signs in', () => signInAgent(agent, `${siteUrl}/agent.html`));

    await journey.step('both visitors open the chat and ask their question', async () => {
      for (const [page, who] of [
        [grace, GRACE],
        [alan, ALAN],
      ] as const) {
        await openDemoPage(page, siteUrl);
        await startChat(page, { name: who.name });
        await visitorWrites(page, who.question);
        await visitorSeesDelivered(page, who.question);
      }
      const keys = await Promise.all([grace, alan].map((page) => page.evaluate(() => localStorage.getItem('support-chat:key'))));
      expect(keys[0], 'each browser has its own visitor key').toMatch(/^[A-Za-z0-9_-]{43,}$/);
      expect(keys[1]).not.toBe(keys[0]);
    });

    await journey.step('the agent sees two conversations, each with its own question', async () => {
      await inboxEntry(agent, GRACE.name).filter({ hasText: GRACE.question }).waitFor();
      await inboxEntry(agent, ALAN.name).filter({ hasText: ALAN.question }).waitFor();
      expect(await agent.locator('support-agent-console [part=room]').count()).toBe(2);
    });

    await journey.step('the agent answers Grace, then Alan', async () => {
      for (const [page, who] of [
        [grace, GRACE],
        [alan, ALAN],
      ] as const) {
        await openConversation(agent, who.name);
        await agentReplies(agent, who.answer);
        await page.locator('support-chat .row.agent .bubble', { hasText: who.answer }).waitFor();
      }
    });

    await journey.step('each visitor holds their own conversation and nothing of the other’s', async () => {
      // Alan's answer was sent after Grace's: had Grace's leaked to Alan, it would be there by now.
      expect(await visitorTranscript(grace)).toEqual([GRACE.question, GRACE.answer]);
      expect(await visitorTranscript(alan)).toEqual([ALAN.question, ALAN.answer]);
      const everything = (page: typeof grace) => page.locator('support-chat').evaluate((el) => el.shadowRoot!.textContent ?? '');
      for (const text of [ALAN.name, ALAN.question, ALAN.answer]) expect(await everything(grace)).not.toContain(text);
      for (const text of [GRACE.name, GRACE.question, GRACE.answer]) expect(await everything(alan)).not.toContain(text);
    });

    await journey.step('after a reload, still only their own', async () => {
      await Promise.all([grace.reload(), alan.reload()]);
      await grace.locator('support-chat .row.agent .bubble', { hasText: GRACE.answer }).waitFor();
      await alan.locator('support-chat .row.agent .bubble', { hasText: ALAN.answer }).waitFor();
      expect(await visitorTranscript(grace)).toEqual([GRACE.question, GRACE.answer]);
      expect(await visitorTranscript(alan)).toEqual([ALAN.question, ALAN.answer]);
    });

    expect(journey.problems).toEqual([]);
  });
});
