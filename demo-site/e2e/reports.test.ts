// Issue 19: a visitor's conversation, answered and closed in the console, shows in the
// agent's reports at once (figures kept as events happen), on a desktop and on a 390 px
// phone, and downloads as CSV. `npm start`'s stack and site, Debian's Chromium;
// screenshots in e2e/artifacts/reports/.

import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentReplies, inboxEntry, openConversation, openDemoPage, signInAgent, startChat, visitorWrites } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey } from './support/journey.ts';

/** The cells of the reports' summary row for `who`. */
const summaryRow = (page: Page, who: string) =>
  page
    .locator('support-agent-console .reports .card')
    .first()
    .locator('tbody tr', { has: page.locator(`th:text-is("${who}")`) })
    .locator('td')
    .allInnerTexts();

describe('reports, end to end', () => {
  let e2e: E2EDemo;
  let journey: Journey;
  let visitor: Page;
  let agent: Page;
  let phone: Page;

  beforeAll(async () => {
    e2e = await startE2EDemo();
    journey = new Journey(e2e.browser, 'reports');
    agent = await journey.actor('agent', { acceptDownloads: true });
    visitor = await journey.actor('visitor');
  });
  afterAll(async () => {
    await journey?.close();
    await e2e?.close();
  });

  it('a conversation answered and closed shows in the reports at once, on a desktop and a phone, and downloads as CSV', async () => {
    const siteUrl = e2e.demo.siteUrl;
    await journey.step('a visitor asks; the agent answers and closes the conversation', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await openDemoPage(visitor, siteUrl);
      await startChat(visitor, { name: 'Ada Lovelace' });
      await visitorWrites(visitor, 'Can I get a copy of my invoice?');
      await openConversation(agent, 'Ada Lovelace');
      await agentReplies(agent, 'Of course, it is on its way.');
      // The inbox has heard the answer (the visitor no longer waits), so Close does not ask first.
      await inboxEntry(agent, 'Ada Lovelace').filter({ hasText: 'Of course' }).waitFor();
      await agent.locator('support-agent-console .close-room').click();
      await agent.locator('support-agent-console .closed-banner').waitFor();
    });

    await journey.step('the agent opens the reports: the last 7 days count the conversation', async () => {
      await agent.locator('support-agent-console .reports-entry').click();
      await agent.locator('support-agent-console .reports .report-table').first().waitFor();
      const team = await summaryRow(agent, 'Team');
      // One conversation, answered (100%), its first response within seconds, closed, no rating.
      expect([team[0], team[1], team[2], team[4], team[6]]).toEqual(['1', '1', '100%', '1', '—']);
      expect(team[3]).toMatch(/^up to 15 s$|^15 s to 30 s$|^30 s to 45 s$/);
      expect(await axeViolations(agent)).toBe('');
    });

    await journey.step('the hours of the week shade the hour the visitor wrote in', async () => {
      const heat = agent.locator('support-agent-console .heat');
      await heat.scrollIntoViewIfNeeded();
      expect(await heat.locator('td', { hasText: /^1$/ }).count()).toBe(1);
    });

    await journey.step('the CSV has the team, each day and the agent', async () => {
      const [download] = await Promise.all([agent.waitForEvent('download'), agent.locator('support-agent-console .download-csv').click()]);
      expect(download.suggestedFilename()).toMatch(/^report-\d{4}-\d\d-\d\d-to-\d{4}-\d\d-\d\d\.csv$/);
      const lines = (await readFile((await download.path())!, 'utf8')).split('\r\n');
      expect(lines[1]).toMatch(/^team,[\d-]+\/[\d-]+,1,1,1\.0000,\d+,\d+,1,\d+,\d+,0,0,$/);
      expect(lines.filter((line) => line.startsWith('day,'))).toHaveLength(7);
      expect(lines.some((line) => /^agent,[^,]+,,1,,\d+,\d+,1,/.test(line))).toBe(true);
    });

    await journey.step('on a 390 px phone, the same figures fit the screen', async () => {
      phone = await journey.actor('phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
      await signInAgent(phone, `${siteUrl}/agent.html`);
      await phone.locator('support-agent-console .reports-entry').click();
      await phone.locator('support-agent-console .reports .report-table').first().waitFor();
      expect((await summaryRow(phone, 'Team')).slice(0, 3)).toEqual(['1', '1', '100%']);
      expect(await axeViolations(phone)).toBe('');
      const overflow = await phone.locator('support-agent-console .reports-inner').evaluate((el) => el.scrollWidth - el.clientWidth);
      expect(overflow).toBeLessThanOrEqual(0);
    });
    expect(journey.problems).toEqual([]);
  });
});
