// Issue 14, "Done when": two agents and two visitors, as four people in four browsers, on
// `npm start`'s stack and site in Debian's Chromium. Who waits and who handles it (both
// agents take one conversation at once), a saved reply with the visitor's name, a note the
// visitor never gets, the visitor's page in the console, the assignee's name in the widget,
// Reopen, the console on a phone, and axe on the new screens, light and dark. Screenshots
// in e2e/artifacts/agents-workflow/.

import { ensureUser } from '@support-chat/backend/local/cognito';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';
import {
  agentReplies,
  agentWritesNote,
  assigneeLine,
  inboxEntry,
  insertSavedReply,
  listedVisitors,
  openConversation,
  openDemoPage,
  openTeamSettings,
  scrollsSideways,
  showTab,
  signInAgent,
  signInAgentAs,
  startChat,
  visitorHeaderLine,
  visitorRawHistory,
  visitorSeesDelivered,
  visitorTranscript,
  visitorTranscriptFile,
  visitorWrites,
} from './support/actors.ts';
import { axeViolations } from './support/axe.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey, storyChapters } from './support/journey.ts';

/** No violation, light and dark. */
async function axeBothSchemes(page: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), colorScheme).toBe('');
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

/** Live changes arrive within a moment; the polls give them this long. */
const LIVE = { timeout: 15_000 };
const SAM = { email: 'sam.lee@example.com', password: 'Sam-Lee-Passw0rd!', name: 'Sam Lee' };
const ALEX = 'Alex from Support';
const NOTE = 'Grace is on the enterprise trial: offer the annual plan.';
const REPLY = { shortcut: 'order', title: 'Order status', text: 'Hi {{visitor.name|there}}, your order ships today. {{agent.name}}' };

describe('agents at work, end to end: who waits, who handles it, and the tools to answer', () => {
  let e2e: E2EDemo;
  let journey: Journey;
  let alex: Page;
  let sam: Page;
  let grace: Page;
  let ken: Page;
  let siteUrl: string;
  let consoleUrl: string;
  const chapter = storyChapters();
  /** Who won the take, and the other agent. */
  let owner: { page: Page; name: string };
  let other: { page: Page; name: string };

  beforeAll(async () => {
    e2e = await startE2EDemo();
    siteUrl = e2e.demo.siteUrl;
    consoleUrl = `${siteUrl}/agent.html`;
    const { cognito } = e2e.demo.stack;
    await ensureUser(cognito.client, cognito.userPoolId, { ...SAM, agent: true });
    journey = new Journey(e2e.browser, 'agents-workflow');
    alex = await journey.actor('alex', { locale: 'en-US' });
    sam = await journey.actor('sam', { locale: 'en-GB' });
    grace = await journey.actor('grace');
    ken = await journey.actor('ken');
  });
  afterAll(async () => {
    await journey?.close();
    await e2e?.close();
  });

  chapter('two agents sign in, an admin saves a reply, and two visitors write: both wait, unassigned', async () => {
    await journey.step('Alex (an admin) and Sam sign in', async () => {
      await signInAgent(alex, consoleUrl);
      await signInAgentAs(sam, consoleUrl, SAM);
      await alex.locator('support-agent-console .me-text strong', { hasText: ALEX }).waitFor();
      await sam.locator('support-agent-console .me-text strong', { hasText: SAM.name }).waitFor();
    });

    await journey.step('Alex saves a reply with variables in the settings', async () => {
      await openTeamSettings(alex);
      const settings = alex.locator('support-agent-console .settings');
      await settings.getByRole('button', { name: 'Saved replies' }).click();
      await settings.getByRole('button', { name: /New reply/ }).click();
      const editor = settings.locator('.reply-editor');
      await editor.getByLabel('Shortcut').fill(REPLY.shortcut);
      await editor.getByLabel('Title').fill(REPLY.title);
      await editor.getByRole('textbox', { name: /^Text/ }).fill(REPLY.text);
      await editor.getByRole('button', { name: 'Save reply' }).click();
      await settings.locator(`.reply-item[data-shortcut="${REPLY.shortcut}"]`).waitFor();
      await settings.getByRole('button', { name: 'Back to the conversations' }).click();
      await alex.locator('support-agent-console nav.inbox').waitFor();
    });

    await journey.step('Grace and Ken open the chat and write', async () => {
      await openDemoPage(grace, siteUrl);
      await startChat(grace, { name: 'Grace Hopper', email: 'grace@example.com' });
      await visitorWrites(grace, 'Where is my order #1042?');
      await visitorSeesDelivered(grace, 'Where is my order #1042?');
      await openDemoPage(ken, siteUrl);
      await startChat(ken, { name: 'Ken Thompson' });
      await visitorWrites(ken, 'Do you have a Go course?');
      await visitorSeesDelivered(ken, 'Do you have a Go course?');
    });

    await journey.step('both consoles list both under Unassigned, each waiting', async () => {
      for (const agent of [alex, sam]) {
        await showTab(agent, 'Unassigned');
        await expect.poll(() => listedVisitors(agent), LIVE).toEqual(expect.arrayContaining(['Grace Hopper', 'Ken Thompson']));
        for (const name of ['Grace Hopper', 'Ken Thompson'])
          await expect.poll(() => inboxEntry(agent, name).locator('.room-waiting').textContent(), LIVE).toBe('waiting <1 min');
      }
    });
  });

  chapter('both agents press Take on Grace’s conversation at once: exactly one owns it, the other sees who', async () => {
    await journey.step('both open it; both Take buttons are pressed in the same moment', async () => {
      await openConversation(alex, 'Grace Hopper');
      await openConversation(sam, 'Grace Hopper');
      // Each console's Take, pressed before either has heard of the other's: the server decides.
      const takes = await Promise.all([alex, sam].map((page) => page.locator('support-agent-console .take').elementHandle()));
      await Promise.all(takes.map((take) => take!.evaluate((button) => (button as HTMLButtonElement).click())));
    });

    await journey.step(
      'one of them owns it; the other’s header and list name the owner, and their console says who got there first',
      async () => {
        await expect
          .poll(async () => (await e2e.demo.stack.deps.rooms.get(await roomOf(alex)))?.assignee?.name, LIVE)
          .toMatch(new RegExp(`^(${ALEX}|${SAM.name})$`));
        const winner = (await e2e.demo.stack.deps.rooms.get(await roomOf(alex)))!.assignee!.name;
        owner = winner === ALEX ? { page: alex, name: ALEX } : { page: sam, name: SAM.name };
        other = winner === ALEX ? { page: sam, name: SAM.name } : { page: alex, name: ALEX };
        await expect.poll(() => assigneeLine(owner.page).textContent(), LIVE).toContain('Assigned to you');
        await expect.poll(() => assigneeLine(other.page).textContent(), LIVE).toContain(`Assigned to ${owner.name}`);
        await expect
          .poll(() => other.page.locator('support-agent-console .conv-notice[role=alert]').textContent(), LIVE)
          .toMatch(new RegExp(`^${owner.name} (took this conversation first|is handling this conversation)\\.$`));
        await showTab(other.page, 'All open');
        await expect
          .poll(() => inboxEntry(other.page, 'Grace Hopper').locator('.room-assignee').textContent(), LIVE)
          .toBe(`Assigned to ${owner.name}`);
        // One mark for one take.
        const marks = await owner.page.locator('support-agent-console .timeline-mark span').allInnerTexts();
        expect(marks).toEqual(['You took the conversation']);
      },
    );

    await journey.step('Grace sees who is handling her chat', async () => {
      await expect.poll(() => visitorHeaderLine(grace).textContent(), LIVE).toContain(`${owner.name} is handling your chat`);
    });

    await journey.step('Mine and Unassigned list the right conversations in both consoles', async () => {
      await showTab(owner.page, 'Mine');
      await expect.poll(() => listedVisitors(owner.page), LIVE).toEqual(['Grace Hopper']);
      await showTab(other.page, 'Mine');
      await expect.poll(() => listedVisitors(other.page), LIVE).toEqual([]);
      for (const page of [owner.page, other.page]) {
        await showTab(page, 'Unassigned');
        await expect.poll(() => listedVisitors(page), LIVE).toEqual(['Ken Thompson']);
      }
    });
  });

  chapter('the waiting time clears when an agent answers, in every console', async () => {
    await journey.step(`${'the other agent'} answers Ken`, async () => {
      await showTab(other.page, 'All open');
      await openConversation(other.page, 'Ken Thompson');
      await agentReplies(other.page, 'Yes: "Go for the cloud", 6 hours of labs.');
    });

    await journey.step('Ken’s row no longer waits, and says who answered', async () => {
      await showTab(owner.page, 'All open');
      await expect.poll(() => inboxEntry(owner.page, 'Ken Thompson').locator('.room-waiting').count(), LIVE).toBe(0);
      await expect
        .poll(() => inboxEntry(owner.page, 'Ken Thompson').locator('.room-preview').textContent(), LIVE)
        .toBe(`${other.name}: Yes: "Go for the cloud", 6 hours of labs.`);
      await expect.poll(() => inboxEntry(other.page, 'Ken Thompson').locator('.room-preview').textContent(), LIVE).toMatch(/^You: /);
      await expect.poll(() => inboxEntry(owner.page, 'Grace Hopper').locator('.room-waiting').textContent(), LIVE).toBe('waiting <1 min');
    });
  });

  chapter('a saved reply goes out with Grace’s name; a note stays with the agents', async () => {
    await journey.step('the owner inserts /order: the variables are filled in', async () => {
      await openConversation(owner.page, 'Grace Hopper');
      const inserted = await insertSavedReply(owner.page, REPLY.shortcut);
      expect(inserted).toBe(`Hi Grace Hopper, your order ships today. ${owner.name}`);
      await owner.page.locator('support-agent-console .conversation textarea').press('Enter');
      await visitorSeesDelivered(grace, `Hi Grace Hopper, your order ships today. ${owner.name}`);
      await expect.poll(() => inboxEntry(owner.page, 'Grace Hopper').locator('.room-waiting').count(), LIVE).toBe(0);
    });

    await journey.step('the owner writes a note; the other agent sees it live', async () => {
      await agentWritesNote(owner.page, NOTE);
      await other.page.locator('support-agent-console .tabs [role=tab]', { hasText: 'All open' }).click();
      await openConversation(other.page, 'Grace Hopper');
      await other.page.locator('support-agent-console .msg.note .bubble', { hasText: NOTE }).waitFor();
    });

    await journey.step('Grace never gets the note: not in the widget, not in her transcript, not in her raw history', async () => {
      await agentReplies(owner.page, 'Anything else I can do?');
      await visitorSeesDelivered(grace, 'Anything else I can do?');
      expect(await visitorTranscript(grace)).not.toContain(NOTE);
      const file = await visitorTranscriptFile(grace);
      expect(file).toContain('Anything else I can do?');
      expect(file).not.toContain(NOTE);
      const history = await visitorRawHistory(grace, e2e.demo.stack.siteConfig.websocketUrl);
      expect(history.map((m) => m.text)).toContain('Anything else I can do?');
      expect(JSON.stringify(history)).not.toContain(NOTE);
      // The agents' own transcript keeps it, marked.
      expect(
        await owner.page.locator('support-agent-console').evaluate((el) => (el as unknown as { transcript(): string }).transcript()),
      ).toContain(`(internal note): ${NOTE}`);
    });
  });

  chapter('Grace moves to another page: the console shows it', async () => {
    await journey.step('the owner sees the page she is on, in the visitor’s details', async () => {
      const details = owner.page.locator('support-agent-console .profile');
      if (!(await details.isVisible())) await owner.page.locator('support-agent-console .profile-toggle').click();
      await expect.poll(() => details.locator('.ctx-page a').getAttribute('href'), LIVE).toBe(`${siteUrl}/`);
    });

    await journey.step('Grace follows the Pricing link', async () => {
      await grace.locator('header a[href="#pricing"]').first().click();
      await expect
        .poll(() => owner.page.locator('support-agent-console .profile .ctx-page a').getAttribute('href'), LIVE)
        .toBe(`${siteUrl}/#pricing`);
      const link = owner.page.locator('support-agent-console .profile .ctx-page a');
      expect(await link.getAttribute('target')).toBe('_blank');
      expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    });
  });

  chapter('Reopen works: the owner closes Grace’s conversation and reopens it', async () => {
    await journey.step('the owner closes it (answered, so no question)', async () => {
      await owner.page.locator('support-agent-console .close-room').click();
      await owner.page.locator('support-agent-console .reopen-room').waitFor();
      await owner.page.locator('support-agent-console .timeline-mark', { hasText: 'You closed the conversation' }).waitFor();
    });

    await journey.step('Reopen: the conversation is open again, in both consoles', async () => {
      await owner.page.locator('support-agent-console .reopen-room').click();
      await owner.page.locator('support-agent-console .timeline-mark', { hasText: 'You reopened the conversation' }).waitFor();
      await owner.page.locator('support-agent-console .close-room').waitFor();
      await expect.poll(async () => (await e2e.demo.stack.deps.rooms.get(await roomOf(owner.page)))?.status, LIVE).toBe('open');
      await showTab(other.page, 'All open');
      await expect.poll(() => listedVisitors(other.page), LIVE).toContain('Grace Hopper');
      await other.page.locator('support-agent-console .timeline-mark', { hasText: `${owner.name} reopened the conversation` }).waitFor();
    });
  });

  chapter('the console on a phone: no sideways scroll, sign out on screen', async () => {
    const phone = await journey.actor('alex on a phone', { viewport: { width: 390, height: 844 }, locale: 'en-US' });
    await journey.step('the inbox at 390 px', async () => {
      await signInAgent(phone, consoleUrl);
      await inboxEntry(phone, 'Grace Hopper').waitFor();
      expect(await scrollsSideways(phone)).toBe(false);
      const signOut = phone.locator('support-agent-console').getByRole('button', { name: 'Sign out' });
      expect(await signOut.isVisible()).toBe(true);
      const box = (await signOut.boundingBox())!;
      expect(box.x >= 0 && box.x + box.width <= 390 && box.y >= 0 && box.y + box.height <= 844).toBe(true);
    });

    await journey.step('a conversation at 390 px', async () => {
      await openConversation(phone, 'Grace Hopper');
      expect(await scrollsSideways(phone)).toBe(false);
      expect(await phone.locator('support-agent-console').getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true);
    });

    await journey.step('the settings at 390 px', async () => {
      await phone.locator('support-agent-console').getByRole('button', { name: 'Team settings' }).click();
      for (const page of ['Team', 'Saved replies', 'Agents']) {
        await phone.locator('support-agent-console .settings-nav button', { hasText: page }).click();
        await phone.locator('support-agent-console .settings-nav button[aria-current=page]', { hasText: page }).waitFor();
        expect(await scrollsSideways(phone), page).toBe(false);
      }
    });
  });

  chapter('axe finds nothing on the new screens, light and dark', async () => {
    await journey.step('the inbox with its tabs, and a conversation with marks, a note and the visitor’s details', async () => {
      await showTab(owner.page, 'All open');
      await openConversation(owner.page, 'Grace Hopper');
      await owner.page.locator('support-agent-console .msg.note').waitFor();
      await axeBothSchemes(owner.page);
    });

    await journey.step('the assign menu and the saved replies list', async () => {
      await owner.page.locator('support-agent-console .assign-to').click();
      await owner.page.locator('support-agent-console .assign-menu [role=menuitem]').first().waitFor();
      await axeBothSchemes(owner.page);
      await owner.page.keyboard.press('Escape');
      const composer = owner.page.locator('support-agent-console .conversation textarea');
      await composer.click();
      await composer.pressSequentially('/');
      await owner.page.locator('support-agent-console .reply-picker [role=listbox]').waitFor();
      await axeBothSchemes(owner.page);
      await composer.press('Escape');
      await composer.fill('');
    });

    await journey.step('the settings’ saved replies and agents', async () => {
      await openTeamSettings(alex);
      const settings = alex.locator('support-agent-console .settings');
      await settings.getByRole('button', { name: 'Saved replies' }).click();
      await settings.locator('.reply-item').first().waitFor();
      await axeBothSchemes(alex);
      await settings.getByRole('button', { name: 'Agents' }).click();
      await settings.locator('.agent-row', { hasText: SAM.email }).waitFor();
      await axeBothSchemes(alex);
    });

    expect(journey.problems).toEqual([]);
  });

  /** The room of the conversation open in a console. */
  async function roomOf(page: Page): Promise<string> {
    return page.locator('support-agent-console').evaluate((el) => (el as unknown as { roomId: string }).roomId);
  }
});
