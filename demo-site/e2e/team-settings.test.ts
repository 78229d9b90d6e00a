// Issue 13, scenario 4: an admin changes the team's hours in the console, and a visitor's
// open widget changes its header live; outside business hours it says when the team is
// back, in the visitor's own time zone (another than the team's). `npm start`'s stack and
// site, Debian's Chromium; screenshots in e2e/artifacts/team-settings/.

import type { TeamStatus } from '@support-chat/backend/protocol';
import { type BusinessHours, nextOpening, WEEKDAYS } from '@support-chat/backend/protocol/schedule';
import { teamAvailability } from '@support-chat/backend/protocol/team';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openDemoPage,
  openTeamSettings,
  saveTeamSettings,
  signInAgent,
  startChat,
  visitorHeaderLine,
  visitorSeesDelivered,
  visitorWrites,
} from './support/actors.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey } from './support/journey.ts';

/** The team works from Berlin; the visitor reads from New York, six hours behind (five for a few weeks a year). */
const TEAM_ZONE = 'Europe/Berlin';
const VISITOR_ZONE = 'America/New_York';

/** The weekday (sun, mon, ...) of an instant in a time zone. */
function weekdayIn(timeZone: string, at: number) {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'short' }).format(at).toLowerCase().slice(0, 3);
  return WEEKDAYS.find((day) => day === name)!;
}

/** The calendar day of an instant in a time zone, as a number that grows by one a day. */
const dayNumber = (timeZone: string, at: number) => {
  const [m, d, y] = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric' }).format(at).split('/');
  return Date.UTC(Number(y), Number(m) - 1, Number(d)) / 864e5;
};

/** Live changes arrive within a moment; the polls give them this long. */
const LIVE = { timeout: 15_000 };

/** Text with every kind of space as a plain one (times come with a narrow no-break space before AM). */
const oneLine = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();

describe('team settings, end to end', () => {
  let e2e: E2EDemo;
  let journey: Journey;
  let visitor: Page;
  let agent: Page;
  let siteUrl: string;
  const teamHeard: TeamStatus[] = [];

  beforeAll(async () => {
    e2e = await startE2EDemo();
    siteUrl = e2e.demo.siteUrl;
    journey = new Journey(e2e.browser, 'team-settings');
    agent = await journey.actor('agent', { timezoneId: TEAM_ZONE, locale: 'en-GB' });
    visitor = await journey.actor('visitor', { timezoneId: VISITOR_ZONE, locale: 'en-US' });
    // What the widget hears of the team, frame by frame, as the protocol has it.
    visitor.on('websocket', (ws) =>
      ws.on('framereceived', ({ payload }) => {
        const event = JSON.parse(String(payload)) as { type?: string; status?: TeamStatus };
        if (event.type === 'team' && event.status) teamHeard.push(event.status);
      }),
    );
  });
  afterAll(async () => {
    await journey?.close();
    await e2e?.close();
  });

  it("changing the hours in the console changes an open widget's header live; outside them it says when the team is back, in the visitor's time zone", async () => {
    await journey.step('the agent signs in, available; the visitor starts a chat and sees the team online', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await agent.locator('support-agent-console [role=switch][aria-checked=true]').waitFor();
      await openDemoPage(visitor, siteUrl);
      await startChat(visitor, { name: 'Grace Hopper' });
      await visitorWrites(visitor, 'When are you open?');
      await visitorSeesDelivered(visitor, 'When are you open?');
      await expect.poll(() => visitorHeaderLine(visitor).textContent(), LIVE).toMatch(/^Online/);
    });

    // Open only tomorrow (in Berlin), 09:00 to 17:00: closed now, whatever the hour.
    const now = Date.now();
    const tomorrow = WEEKDAYS[(WEEKDAYS.indexOf(weekdayIn(TEAM_ZONE, now)) + 1) % 7]!;
    const hours: BusinessHours = { timeZone: TEAM_ZONE, weekly: { [tomorrow]: [{ from: '09:00', to: '17:00' }] }, holidays: [] };
    const opens = nextOpening(hours, now)!;
    // What the visitor is told: the day by their own calendar, the time on their own clock.
    const days = dayNumber(VISITOR_ZONE, opens) - dayNumber(VISITOR_ZONE, now);
    const day =
      days < 2
        ? new Intl.RelativeTimeFormat('en-US', { numeric: 'auto' }).format(days, 'day')
        : new Intl.DateTimeFormat('en-US', { timeZone: VISITOR_ZONE, weekday: 'long' }).format(opens);
    const visitorTime = new Intl.DateTimeFormat('en-US', { timeZone: VISITOR_ZONE, timeStyle: 'short' }).format(opens);
    const teamTime = new Intl.DateTimeFormat('en-US', { timeZone: TEAM_ZONE, timeStyle: 'short' }).format(opens);
    expect(visitorTime, 'the two clocks differ').not.toBe(teamTime);

    await journey.step(`the agent sets the team in ${TEAM_ZONE}, open only on ${tomorrow}, 09:00 to 17:00, and saves`, async () => {
      await openTeamSettings(agent);
      const settings = agent.locator('support-agent-console .settings');
      await settings.getByLabel('Time zone').fill(TEAM_ZONE);
      // Every opening removed, then one on the day after today.
      const removes = settings.getByRole('button', { name: /^Remove .* on / });
      for (let left = await removes.count(); left > 0; left--) {
        await removes.first().click();
        await expect.poll(() => removes.count()).toBe(left - 1);
      }
      await settings
        .locator(`.day-row[data-day="${tomorrow}"]`)
        .getByRole('button', { name: /Add hours/ })
        .click();
      expect(await settings.locator(`.day-row[data-day="${tomorrow}"] select`).first().inputValue()).toBe('09:00');
      expect(await settings.locator(`.day-row[data-day="${tomorrow}"] select`).last().inputValue()).toBe('17:00');
      await saveTeamSettings(agent);
    });

    await journey.step('the widget hears the new hours at once: nobody available until tomorrow', async () => {
      const newHours = () => teamHeard.findLast((status) => status.settings.hours.timeZone === TEAM_ZONE);
      await expect.poll(newHours, LIVE).toBeTruthy();
      const heard = newHours()!;
      expect(heard.settings.hours.weekly).toEqual(hours.weekly);
      expect(teamAvailability(heard, Date.now())).toEqual({ available: false, inHours: false, nextOpening: opens });
    });

    await journey.step(`the open widget says the team is away, back ${day} at ${visitorTime} New York time`, async () => {
      await expect
        .poll(async () => oneLine(await visitorHeaderLine(visitor).textContent()), LIVE)
        .toBe(oneLine(`Away · back ${day} at ${visitorTime}`));
      // The console says the same, on the agent's own (Berlin) clock.
      await expect.poll(() => agent.locator('support-agent-console .team-line').textContent(), LIVE).toMatch(/^Team away · opens /);
    });

    await journey.step('the agent opens today too, around the clock: the widget is online again, live', async () => {
      const today = agent.locator(`support-agent-console .day-row[data-day="${weekdayIn(TEAM_ZONE, Date.now())}"]`);
      await today.getByRole('button', { name: /Add hours/ }).click();
      await today.locator('select').first().selectOption('00:00');
      await today.locator('select').last().selectOption('24:00');
      await saveTeamSettings(agent);
      await expect.poll(() => visitorHeaderLine(visitor).textContent(), LIVE).toMatch(/^Online/);
      await expect.poll(() => agent.locator('support-agent-console .team-line').textContent(), LIVE).toBe('Team online');
    });

    await journey.step(
      'the agent shortens how long conversations are kept to 30 days (the deployment keeps 365); every widget hears it',
      async () => {
        const field = agent.locator('support-agent-console .settings').getByLabel('Keep conversations for (days)');
        await field.scrollIntoViewIfNeeded();
        expect(await field.getAttribute('placeholder')).toBe('365');
        await field.fill('400');
        await expect
          .poll(() => agent.locator('support-agent-console #retention-help').textContent())
          .toBe('A whole number of days from 1 to 365.');
        await field.fill('30');
        await saveTeamSettings(agent);
        await expect.poll(() => teamHeard.at(-1)?.settings.retentionDays, LIVE).toBe(30);
        expect(teamHeard.at(-1)!.deploymentRetentionDays).toBe(365);
      },
    );

    await journey.step('the same field at 390 px (a phone), then cleared: the deployment’s 365 days again', async () => {
      await agent.setViewportSize({ width: 390, height: 844 });
      const field = agent.locator('support-agent-console .settings').getByLabel('Keep conversations for (days)');
      await field.scrollIntoViewIfNeeded();
      const box = (await field.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await field.fill('');
      await saveTeamSettings(agent);
      await expect.poll(() => teamHeard.at(-1)?.settings, LIVE).not.toHaveProperty('retentionDays');
    });

    expect(journey.problems).toEqual([]);
  });
});
