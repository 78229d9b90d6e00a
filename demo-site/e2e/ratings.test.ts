// Issue 19, satisfaction ratings, end to end in Chromium: the agent closes a conversation,
// the visitor rates it 2 with a comment, the agent sees the rating and the team's alert
// goes out (the local SNS endpoint records it), the visitor changes it to 4 and the agent
// sees the change; another conversation closed without asking shows no card. Screenshots
// of the card (desktop, a 390 px phone, dark) and of the console in e2e/artifacts/ratings/.

import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import { openConversation, openDemoPage, signInAgent, startChat, visitorSeesDelivered, visitorWrites } from './support/actors.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { ARTIFACTS_DIR, Journey, storyChapters } from './support/journey.ts';

const SHOTS = join(ARTIFACTS_DIR, 'ratings');
const QUESTION = 'My certificate still shows the old name.';
const COMMENT = 'It took three messages to get an answer.';

describe('satisfaction ratings, end to end', () => {
  let e2e: E2EDemo;
  let journey: Journey;
  let agent: Page;
  let visitor: Page;
  let siteUrl: string;
  const chapter = storyChapters();
  const card = () => visitor.locator('support-chat [part=rating]');
  const agentConsole = () => agent.locator('support-agent-console');
  const ratingAlerts = async () =>
    ((await (await fetch(`${siteUrl}/local/alerts`)).json()) as { subject?: string; default: string }[]).filter((a) =>
      a.subject?.startsWith('Rated'),
    );

  beforeAll(async () => {
    e2e = await startE2EDemo();
    siteUrl = e2e.demo.siteUrl;
    journey = new Journey(e2e.browser, 'ratings');
    agent = await journey.actor('agent', { viewport: { width: 1400, height: 900 } });
    visitor = await journey.actor('visitor');
  });
  afterAll(async () => {
    await journey?.close();
    await e2e?.close();
  });

  chapter('the agent closes, the visitor rates it 2 with a comment, the agent sees it and the team is alerted', async () => {
    await journey.step('a visitor asks and the agent answers', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await openDemoPage(visitor, siteUrl);
      await startChat(visitor, { name: 'Grace Hopper' });
      await visitorWrites(visitor, QUESTION);
      await visitorSeesDelivered(visitor, QUESTION);
      await openConversation(agent, 'Grace Hopper');
      const composer = agentConsole().locator('.conversation textarea');
      await composer.fill('Fixed: download it again and it shows your new name.');
      await composer.press('Enter');
      await visitor.locator('support-chat .row.agent .bubble', { hasText: 'Fixed' }).waitFor();
    });

    await journey.step('the agent closes the conversation; the visitor is asked to rate it', async () => {
      await agentConsole().getByRole('button', { name: 'Close the conversation and ask the visitor to rate it' }).click();
      await card().getByRole('radiogroup', { name: 'How was this conversation?' }).waitFor();
      expect(await card().getByRole('radio').count()).toBe(5);
      await card().screenshot({ path: join(SHOTS, 'card-desktop.png') });
      await visitor.emulateMedia({ colorScheme: 'dark' });
      await card().screenshot({ path: join(SHOTS, 'card-desktop-dark.png') });
      await visitor.emulateMedia({ colorScheme: 'light' });
      await visitor.setViewportSize({ width: 390, height: 844 });
      await card().scrollIntoViewIfNeeded();
      await visitor.screenshot({ path: join(SHOTS, 'card-phone.png') });
      await visitor.emulateMedia({ colorScheme: 'dark' });
      await visitor.screenshot({ path: join(SHOTS, 'card-phone-dark.png') });
      await visitor.emulateMedia({ colorScheme: 'light' });
      await visitor.setViewportSize({ width: 1280, height: 800 });
    });

    await journey.step('the visitor rates it Bad with a comment', async () => {
      await card().getByRole('radio', { name: 'Bad', exact: true }).check();
      await card().getByLabel('Anything to add? (optional)').fill(COMMENT);
      await card().getByRole('button', { name: 'Send rating' }).click();
      await card().getByText('Your rating: Bad').waitFor();
      await card().screenshot({ path: join(SHOTS, 'card-rated.png') });
    });

    await journey.step('the agent sees the rating in the conversation and beside it', async () => {
      const mark = agentConsole().locator('.timeline-mark[data-event=rated]').last();
      await mark.getByText('The visitor rated the conversation 2 of 5').waitFor();
      await mark.getByText(COMMENT).waitFor();
      const details = agentConsole().locator('.profile');
      if (!(await details.isVisible())) await agentConsole().locator('.profile-toggle').click();
      await details.locator('.rating').getByText('2 of 5').waitFor();
      await details.locator('.rating').getByText(COMMENT).waitFor();
      await agent.screenshot({ path: join(SHOTS, 'console-rated-2.png') });
    });

    await journey.step('the team got one alert with the score, the comment and the link', async () => {
      await expect.poll(async () => (await ratingAlerts()).length, { timeout: 10_000 }).toBe(1);
      const [alert] = await ratingAlerts();
      expect(alert!.subject).toBe('Rated 2 of 5: Grace Hopper');
      expect(alert!.default).toContain(COMMENT);
      expect(alert!.default).toMatch(new RegExp(`${siteUrl}/agent\\.html#room=[A-Za-z0-9_-]{43}`));
    });
  });

  chapter('the visitor changes the rating to 4 and the agent sees the change; no second alert', async () => {
    await journey.step('the visitor changes the rating to Good', async () => {
      await card().getByRole('button', { name: 'Change' }).click();
      await card().getByRole('radio', { name: 'Good', exact: true }).check();
      await card().getByLabel('Anything to add? (optional)').fill('Sorted out in the end.');
      await card().getByRole('button', { name: 'Send rating' }).click();
      await card().getByText('Your rating: Good').waitFor();
    });

    await journey.step('the agent sees the change', async () => {
      await agentConsole().getByText('The visitor changed their rating from 2 to 4 of 5').waitFor();
      await agentConsole().locator('.profile .rating').getByText('4 of 5').waitFor();
      await agent.screenshot({ path: join(SHOTS, 'console-changed-4.png') });
      expect(await ratingAlerts()).toHaveLength(1);
    });
  });

  chapter('another conversation closed without asking shows the visitor no card', async () => {
    const other = await journey.actor('other visitor');
    await journey.step('another visitor asks', async () => {
      await openDemoPage(other, siteUrl);
      await startChat(other, { name: 'Alan Turing' });
      await visitorWrites(other, 'Is there a student discount?');
      await visitorSeesDelivered(other, 'Is there a student discount?');
      await openConversation(agent, 'Alan Turing');
    });

    await journey.step('the agent closes it without asking', async () => {
      await agentConsole().getByRole('button', { name: 'Close without asking the visitor for a rating' }).click();
      // The question is unanswered: the console asks first, and closes without asking once confirmed.
      await agentConsole().getByRole('button', { name: 'Close anyway' }).click();
      await other.locator('support-chat .log .aside', { hasText: 'This conversation was closed.' }).waitFor();
      await agentConsole().getByText('You closed the conversation without asking for a rating').waitFor();
      await other.reload();
      await other.locator('support-chat .log .aside', { hasText: 'This conversation was closed.' }).waitFor();
      expect(await other.locator('support-chat [part=rating]').count()).toBe(0);
      expect(journey.problems).toEqual([]);
    });
  });
});
