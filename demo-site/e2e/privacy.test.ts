// Issue 19: an admin answers a visitor's requests for their data. In the console's Privacy
// page they find the visitor by email, download what is stored about them, then erase it;
// the widget the visitor has open, in two tabs, empties at once and keeps nothing, and their
// next message starts a new conversation. `npm start`'s stack and site, Debian's Chromium;
// screenshots (desktop, the emptied widget and the console at 390 px) in e2e/artifacts/privacy/.

import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  inboxEntry,
  openConversation,
  openDemoPage,
  openTeamSettings,
  signInAgent,
  startChat,
  visitorSeesDelivered,
  visitorTranscript,
  visitorWrites,
} from './support/actors.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey } from './support/journey.ts';

const EMAIL = `pia.${Date.now().toString(36)}@example.com`;

describe('privacy requests, end to end', () => {
  let e2e: E2EDemo;
  let journey: Journey;
  let visitor: Page;
  /** Another tab of the visitor's browser, with the chat open too. */
  let visitorTab: Page;
  let agent: Page;
  let phone: Page;
  let siteUrl: string;

  beforeAll(async () => {
    e2e = await startE2EDemo();
    siteUrl = e2e.demo.siteUrl;
    journey = new Journey(e2e.browser, 'privacy');
    visitor = await journey.actor('visitor');
    agent = await journey.actor('agent', { acceptDownloads: true });
    phone = await journey.actor('agent-phone', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  });
  afterAll(async () => {
    await journey?.close();
    await e2e?.close();
  });

  const privacyPage = (page: Page) => page.locator('support-agent-console .privacy-admin');
  const findByEmail = async (page: Page, email: string) => {
    await openTeamSettings(page);
    await page.locator('support-agent-console').getByRole('button', { name: 'Privacy' }).click();
    await privacyPage(page).getByLabel('Find by').selectOption('email');
    await privacyPage(page).getByRole('textbox', { name: 'Email' }).fill(email);
    await privacyPage(page).getByRole('button', { name: 'Find' }).click();
  };

  const storedKeys = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith('support-chat:')));
  const visitorKey = (page: Page) => page.evaluate(() => localStorage.getItem('support-chat:key'));

  it('finds a visitor by email, downloads their data, and erases it after asking: their open widget starts afresh at once', async () => {
    await journey.step('a visitor gives their name and email and writes', async () => {
      await openDemoPage(visitor, siteUrl);
      await startChat(visitor, { name: 'Pia Privacy', email: EMAIL });
      await visitorWrites(visitor, 'Please tell me what you keep about me');
      await visitorSeesDelivered(visitor, 'Please tell me what you keep about me');
      visitorTab = await journey.tab('visitor-tab', visitor);
      await openDemoPage(visitorTab, siteUrl);
      await visitorTab.getByRole('button', { name: /open chat/i }).click();
      await visitorSeesDelivered(visitorTab, 'Please tell me what you keep about me');
    });

    await journey.step('an admin finds them by email in the Privacy page: one conversation, by kind', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await findByEmail(agent, EMAIL.toUpperCase());
      await expect.poll(() => privacyPage(agent).locator('.privacy-found').textContent()).toContain('1 conversation:');
      // Room record and send claim; messages (the demo's automatic reply among them); no customer link; the open connection; no files.
      const [records, messages, links, connections, files] = (await privacyPage(agent).locator('.privacy-counts dd').allInnerTexts()).map(
        Number,
      );
      expect({ records, links, connections, files }).toEqual({ records: 2, links: 0, connections: 2, files: 0 });
      expect(messages).toBeGreaterThanOrEqual(1);
    });

    await journey.step('they download the export: a JSON file of every item stored about the visitor', async () => {
      const [download] = await Promise.all([
        agent.waitForEvent('download'),
        privacyPage(agent).getByRole('button', { name: 'Download export' }).click(),
      ]);
      const exported = JSON.parse(await readFile((await download.path())!, 'utf8'));
      const theirs = exported.items.messages.filter((m: { sender: { role: string } }) => m.sender.role === 'visitor');
      expect(theirs.map((m: { text: string }) => m.text)).toEqual(['Please tell me what you keep about me']);
      expect(JSON.stringify(exported)).toContain(EMAIL);
      await privacyPage(agent).locator('.privacy-exported').waitFor();
    });

    await journey.step('a colleague on a phone has the conversation open', async () => {
      await signInAgent(phone, `${siteUrl}/agent.html`);
      await openConversation(phone, 'Pia Privacy');
    });

    let erasedKey: string | null = null;
    await journey.step(
      'they erase it, after confirming: the widget open in both of the visitor’s tabs empties at once and keeps nothing',
      async () => {
        erasedKey = await visitorKey(visitor);
        expect(erasedKey).toBeTruthy();
        await privacyPage(agent).getByRole('button', { name: 'Erase…' }).click();
        const dialog = agent.locator('support-agent-console dialog.confirm[open]');
        await expect.poll(() => dialog.textContent()).toContain('Erase everything stored about them?');
        await expect.poll(() => dialog.textContent()).toContain('forgets the conversation at once, in every tab');
        await dialog.getByRole('button', { name: 'Erase' }).click();
        await expect.poll(() => privacyPage(agent).locator('.save-state.erased').textContent()).toMatch(/^Erased \d+ items and 0 files/);
        for (const page of [visitor, visitorTab]) {
          await expect.poll(() => visitorTranscript(page)).toEqual([]);
          await page.locator('support-chat [part=panel].open').waitFor();
        }
        expect(await storedKeys(visitor)).toEqual([]);
        // The colleague's console drops it: out of the list, and the open conversation says why it is empty.
        await expect
          .poll(() => phone.locator('support-agent-console .conversation [role=alert]').textContent())
          .toContain('This conversation was erased');
        expect(await inboxEntry(phone, 'Pia Privacy').count()).toBe(0);
      },
    );

    await journey.step('the emptied chat on a phone-sized window', async () => {
      await visitor.setViewportSize({ width: 390, height: 844 });
      await visitor.locator('support-chat [part=panel].open').waitFor();
      expect(await visitorTranscript(visitor)).toEqual([]);
    });

    await journey.step('writing again starts a new conversation, under a new visitor key', async () => {
      await startChat(visitor, { name: 'Pia Again' });
      await visitorWrites(visitor, 'A new question');
      await visitorSeesDelivered(visitor, 'A new question');
      const key = await visitorKey(visitor);
      expect(key).toBeTruthy();
      expect(key).not.toBe(erasedKey);
      expect(await visitorTranscript(visitor)).toEqual(['A new question']);
    });

    await journey.step('on the phone, the Privacy page fits: finding them again says nothing is stored', async () => {
      await findByEmail(phone, EMAIL);
      await expect.poll(() => privacyPage(phone).locator('.privacy-none').textContent()).toBe('Nothing is stored about them.');
      const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow).toBe(0);
    });
    expect(journey.problems).toEqual([]);
  });
});
