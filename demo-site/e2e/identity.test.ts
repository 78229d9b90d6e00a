// A signed-in customer on the demo site: one conversation on two browsers at once, verified
// in the agent's console, and nothing of it left for the next person after signing out.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
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
import { Journey, storyChapters } from './support/journey.ts';

const ALEX = 'Alex Martin';

/** The demo's own switch: the local server plays the company's backend and signs who the visitor is. */
async function signInAsAlex(page: Page): Promise<void> {
  await page.getByRole('button', { name: /sign in as alex martin/i }).click();
  await page.getByText(`Signed in as ${ALEX}.`).waitFor();
}

async function openChat(page: Page): Promise<void> {
  if (!(await page.locator('support-chat [part=panel].open').isVisible())) await page.getByRole('button', { name: /open chat/i }).click();
  await page.locator('support-chat textarea').waitFor();
}

const widgetKeys = (page: Page) =>
  page.evaluate(() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].filter((key) => key.startsWith('support-chat:')));

describe('a signed-in customer, end to end', () => {
  let e2e: E2EDemo;
  let journey: Journey;
  const chapter = storyChapters();

  beforeAll(async () => {
    e2e = await startE2EDemo();
    journey = new Journey(e2e.browser, 'identity');
  });
  afterAll(async () => {
    await journey?.close();
    await e2e?.close();
  });

  let laptop: Page;
  let phone: Page;
  let agent: Page;

  chapter('an anonymous visitor signs in, and their conversation carries on', async () => {
    const siteUrl = e2e.demo.siteUrl;
    laptop = await journey.actor('laptop');
    agent = await journey.actor('agent');
    await journey.step('the agent signs in', () => signInAgent(agent, `${siteUrl}/agent.html`));
    await journey.step('a visitor asks a question before signing in', async () => {
      await openDemoPage(laptop, siteUrl);
      await startChat(laptop, { name: 'Someone' });
      await visitorWrites(laptop, 'Is my plan renewing this month?');
      await visitorSeesDelivered(laptop, 'Is my plan renewing this month?');
    });
    await journey.step('they sign in on the site: the same conversation, now verified', async () => {
      await signInAsAlex(laptop);
      await visitorWrites(laptop, 'I am signed in now.');
      await visitorSeesDelivered(laptop, 'I am signed in now.');
      expect(await visitorTranscript(laptop)).toEqual(['Is my plan renewing this month?', 'I am signed in now.']);
      expect(await laptop.evaluate(() => localStorage.getItem('support-chat:key')), 'the anonymous key was handed over').toBeNull();
    });
    await journey.step('the agent sees the verified customer and what the site says of them', async () => {
      await inboxEntry(agent, ALEX).waitFor();
      await openConversation(agent, ALEX);
      const details = agent.locator('support-agent-console');
      await details.getByText('alex@example.com').first().waitFor();
      await details.getByText('ACME-1042').first().waitFor();
    });
  });

  chapter('the same customer on another browser sees one conversation, live on both', async () => {
    phone = await journey.actor('phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    await journey.step('they sign in on their phone and open the chat', async () => {
      await openDemoPage(phone, e2e.demo.siteUrl);
      await signInAsAlex(phone);
      await openChat(phone);
      await phone.locator('support-chat .bubble', { hasText: 'I am signed in now.' }).waitFor();
    });
    await journey.step('what one device says shows on the other at once, and the agent answers both', async () => {
      await visitorWrites(phone, 'Writing from my phone.');
      await laptop.locator('support-chat .bubble', { hasText: 'Writing from my phone.' }).waitFor();
      await agentReplies(agent, 'Your plan renews on the 1st, Alex.');
      await laptop.locator('support-chat .row.agent .bubble', { hasText: 'Your plan renews on the 1st, Alex.' }).waitFor();
      await phone.locator('support-chat .row.agent .bubble', { hasText: 'Your plan renews on the 1st, Alex.' }).waitFor();
      expect(await visitorTranscript(phone)).toEqual(await visitorTranscript(laptop));
    });
  });

  chapter('signing out leaves nothing of the customer for the next person', async () => {
    await journey.step('Alex signs out on the laptop', async () => {
      await laptop.getByRole('button', { name: 'Sign out' }).click();
      await laptop.getByRole('button', { name: /sign in as alex martin/i }).waitFor();
      expect(await widgetKeys(laptop)).toEqual([]);
    });
    await journey.step('the next person on that browser starts an empty, anonymous conversation', async () => {
      await laptop.reload();
      await laptop.getByRole('button', { name: /open chat/i }).click();
      await laptop.locator('support-chat [part=panel].open').waitFor();
      expect(await visitorTranscript(laptop)).toEqual([]);
    });
    expect(journey.problems).toEqual([]);
  });
});
