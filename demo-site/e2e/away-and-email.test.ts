// Issue 13 from the visitor's side, end to end: `npm start`'s stack and site (with unread
// replies emailed after 3 s instead of 30), Debian's Chromium, a person's steps. Nobody is
// signed in to the console unless a journey says so, so the team is away (the local team's
// hours are around the clock: availability hangs on the agent). Each journey's screenshots
// are in e2e/artifacts/<journey>/.

import { localTeamDefaults } from '@support-chat/backend/local';
import { nextOpening } from '@support-chat/backend/protocol/schedule';
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  agentReplies,
  agentTranscript,
  inboxEntry,
  mailLinks,
  mailsTo,
  openDemoPage,
  signInAgent,
  startChat,
  visitorGivesEmail,
  visitorSeesDelivered,
  visitorTranscript,
  visitorWrites,
  waitForMails,
} from './support/actors.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey } from './support/journey.ts';

const AWAY_REPLY = localTeamDefaults().awayMessage.en!;
const unique = (name: string) => `${name}.${Date.now().toString(36)}@example.com`;

/** The header's line: the team's state, or that an agent is here. */
const headerLine = (page: Page) => page.locator('support-chat [part=presence]');

/** The visitor's room, from the agent's address bar once the conversation is open there. */
async function openConversation(agent: Page, visitorName: string, text: string): Promise<string> {
  await inboxEntry(agent, visitorName).click();
  await agent.locator('support-agent-console .conversation .msg .bubble', { hasText: text }).waitFor();
  await agent.waitForURL(/#room=[A-Za-z0-9_-]{43}$/);
  return new URL(agent.url()).hash.slice('#room='.length);
}

describe('what happens next, when nobody answers at once', () => {
  let e2e: E2EDemo;
  let siteUrl: string;
  let journey: Journey | undefined;

  beforeAll(async () => {
    e2e = await startE2EDemo({ followUpDelaySeconds: 3 });
    siteUrl = e2e.demo.siteUrl;
  });
  afterEach(async () => {
    await journey?.close();
    journey = undefined;
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('1. with no agent online, the header says so before the visitor writes; the first message gets the away reply and an email field', async () => {
    journey = new Journey(e2e.browser, 'away: the header, the away reply, the email field');
    const visitor = await journey.actor('visitor');

    await journey.step('the visitor opens the chat: the header says the team is away, before any message', async () => {
      await openDemoPage(visitor, siteUrl);
      await visitor.getByRole('button', { name: /open chat/i }).click();
      await expect.poll(() => headerLine(visitor).textContent()).toBe("Away · we'll get back to you");
      expect(await visitor.locator('support-chat').getByText("We'll alert our team").count()).toBe(0);
      expect(await visitor.locator('support-chat form[part=ask]').count(), 'no email field before a message').toBe(0);
    });

    await journey.step('the visitor gives a name and asks a question', async () => {
      await startChat(visitor, { name: 'Grace Hopper' });
      await visitorWrites(visitor, 'Is there a course on COBOL on the mainframe?');
      await visitorSeesDelivered(visitor, 'Is there a course on COBOL on the mainframe?');
    });

    await journey.step('the away reply appears as an automatic reply, then one field: get the reply by email', async () => {
      const reply = visitor.locator('support-chat .row.system');
      await reply.locator('.bubble', { hasText: AWAY_REPLY }).waitFor();
      expect(await reply.locator('.name').textContent()).toBe('Automatic reply');
      const form = visitor.locator('support-chat form[part=ask]');
      await form.getByText('Get the reply by email').waitFor();
      expect(await form.getByRole('textbox').count(), 'one field').toBe(1);
      expect(await visitorTranscript(visitor)).toEqual(['Is there a course on COBOL on the mainframe?', AWAY_REPLY]);
    });

    expect(journey.problems).toEqual([]);
  });

  it('2. the visitor gives an email and leaves; the answer comes by email once, and its link carries the conversation on in a fresh browser', async () => {
    journey = new Journey(e2e.browser, 'away: the answer by email and back through its link');
    const visitor = await journey.actor('visitor');
    const agent = await journey.actor('agent');
    const address = unique('katherine');
    const QUESTION = 'Can my team of twelve share one sandbox account?';
    const ANSWER = 'Yes: the Teams plan gives every learner their own sandbox, billed to one account.';
    const FOLLOW_UP = 'Great, and is there an invoice for the whole team?';

    await journey.step('the visitor asks, gets the away reply, gives an email address and closes the page', async () => {
      await openDemoPage(visitor, siteUrl);
      await startChat(visitor, { name: 'Katherine Johnson' });
      await visitorWrites(visitor, QUESTION);
      await visitor.locator('support-chat .row.system .bubble', { hasText: AWAY_REPLY }).waitFor();
      await visitorGivesEmail(visitor, address);
      await visitor.close();
    });

    await journey.step('an agent signs in and answers', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await openConversation(agent, 'Katherine Johnson', QUESTION);
      await agentReplies(agent, ANSWER);
    });

    const mail = await journey.step('after the delay, exactly one email with the answer and a link back', async () => {
      const [only, ...more] = await waitForMails(siteUrl, address, 1);
      expect(more).toEqual([]);
      expect(only!.text).toContain(ANSWER);
      expect(mailLinks(only!).conversation).toMatch(new RegExp(`^${siteUrl}/#support-chat-resume=[\\w-]+\\.[\\w-]+$`));
      return only!;
    });

    const phone = await journey.actor('visitor, later, in another browser', { viewport: { width: 390, height: 844 }, isMobile: true });
    await journey.step('the link opens the whole conversation in a fresh browser, the token out of the address bar', async () => {
      await phone.goto(mailLinks(mail).conversation);
      await phone.locator('support-chat .row.agent .bubble', { hasText: ANSWER }).waitFor();
      expect(await visitorTranscript(phone)).toEqual([QUESTION, AWAY_REPLY, ANSWER]);
      expect(new URL(phone.url()).hash).toBe('');
      expect(await phone.evaluate(() => localStorage.getItem('support-chat:resume')), 'the token kept on this device').toBeTruthy();
    });

    await journey.step('a message written there reaches the agent', async () => {
      await visitorWrites(phone, FOLLOW_UP);
      await visitorSeesDelivered(phone, FOLLOW_UP);
      await agent.locator('support-agent-console .conversation .msg .bubble', { hasText: FOLLOW_UP }).waitFor();
      // The console shows the automatic reply its own way: the people's messages, in order.
      expect((await agentTranscript(agent)).filter((text) => text !== AWAY_REPLY)).toEqual([QUESTION, ANSWER, FOLLOW_UP]);
      expect(await mailsTo(siteUrl, address), 'still one email').toHaveLength(1);
    });

    expect(journey.problems).toEqual([]);
  });

  it('3. a reply read in time is not emailed; two replies in the window make one email; an unsubscribed conversation gets none', async () => {
    journey = new Journey(e2e.browser, 'away: which replies are emailed');
    const agent = await journey.actor('agent');
    const reader = await journey.actor('reader');
    const leaver = await journey.actor('leaver');
    const unsubscriber = await journey.actor('unsubscriber');
    const addresses = { reader: unique('reader'), leaver: unique('leaver'), unsubscriber: unique('unsubscriber') };

    await journey.step('three visitors ask and give their email addresses', async () => {
      for (const [page, name, address] of [
        [reader, 'Rita Reader', addresses.reader],
        [leaver, 'Leo Leaver', addresses.leaver],
        [unsubscriber, 'Una Unsubscriber', addresses.unsubscriber],
      ] as const) {
        await openDemoPage(page, siteUrl);
        await startChat(page, { name, email: address });
        await visitorWrites(page, `Question from ${name}`);
        await visitorSeesDelivered(page, `Question from ${name}`);
      }
    });

    await journey.step('one asks for the conversation by email, and stops the emails with its link', async () => {
      await unsubscriber.locator('support-chat').getByRole('button', { name: 'Email me this conversation' }).click();
      await unsubscriber.locator('support-chat [part=note]').getByText('We emailed you this conversation.').waitFor();
      const [transcript] = await waitForMails(siteUrl, addresses.unsubscriber, 1);
      await unsubscriber.goto(mailLinks(transcript!).unsubscribe);
      await unsubscriber.getByRole('button', { name: 'Stop these emails' }).click();
      await unsubscriber.getByText('you will get no more emails about this conversation').waitFor();
    });

    await journey.step('the other leaves; the reader stays on the page', async () => {
      await leaver.close();
    });

    await journey.step('the agent answers the reader, who reads it at once', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await openConversation(agent, 'Rita Reader', 'Question from Rita Reader');
      await agentReplies(agent, 'Answer for Rita');
      await reader.locator('support-chat .row.agent .bubble', { hasText: 'Answer for Rita' }).waitFor();
    });

    await journey.step('the agent answers the unsubscribed visitor, then the one who left, twice', async () => {
      await openConversation(agent, 'Una Unsubscriber', 'Question from Una Unsubscriber');
      await agentReplies(agent, 'Answer for Una');
      await openConversation(agent, 'Leo Leaver', 'Question from Leo Leaver');
      await agentReplies(agent, 'First answer for Leo');
      await agentReplies(agent, 'Second answer for Leo');
    });

    await journey.step('one email reaches the one who left, with both answers', async () => {
      // The last of the checks: the others were due earlier, and have run by now.
      const [mail, ...more] = await waitForMails(siteUrl, addresses.leaver, 1);
      expect(more).toEqual([]);
      expect(mail!.text).toContain('First answer for Leo');
      expect(mail!.text).toContain('Second answer for Leo');
    });

    await journey.step('none reached the reader, and the unsubscribed visitor only has the transcript', async () => {
      for (const roomOf of ['Rita Reader', 'Una Unsubscriber']) {
        await openConversation(agent, roomOf, `Question from ${roomOf}`);
        const room = await e2e.demo.stack.deps.rooms.get(new URL(agent.url()).hash.slice('#room='.length));
        expect(room?.followUpDueAt, `${roomOf}: no email check left to run`).toBeUndefined();
      }
      expect(await mailsTo(siteUrl, addresses.reader)).toEqual([]);
      expect((await mailsTo(siteUrl, addresses.unsubscriber)).map((m) => m.text.includes('Answer for Una'))).toEqual([false]);
      expect(await mailsTo(siteUrl, addresses.leaver)).toHaveLength(1);
    });

    expect(journey.problems).toEqual([]);
  });

  it('5. a German browser sees German everywhere: the widget, the configured greeting, the hours in its own time zone, the away reply', async () => {
    // An admin's settings: closed until an opening three days from now (Berlin), a greeting of the team's own.
    const { stack } = e2e.demo;
    const before = (await stack.deps.team.get()).settings;
    const opening = Date.now() + 3 * 86400_000;
    const berlinDay = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Berlin', weekday: 'short' }).format(opening).toLowerCase();
    await stack.deps.team.saveSettings(
      {
        ...before,
        greeting: { en: 'Welcome to Practical Cloud!', de: 'Willkommen bei Practical Cloud! Was möchten Sie lernen?' },
        hours: { timeZone: 'Europe/Berlin', weekly: { [berlinDay.slice(0, 3)]: [{ from: '09:00', to: '17:00' }] }, holidays: [] },
      },
      'e2e',
      Date.now(),
    );
    try {
      journey = new Journey(e2e.browser, 'away: a German visitor');
      const visitor = await journey.actor('German visitor', { locale: 'de-DE', timezoneId: 'America/New_York' });
      const next = nextOpening(
        { timeZone: 'Europe/Berlin', weekly: { [berlinDay.slice(0, 3)]: [{ from: '09:00', to: '17:00' }] }, holidays: [] },
        Date.now(),
      )!;
      const inNewYork = (options: Intl.DateTimeFormatOptions) =>
        new Intl.DateTimeFormat('de', { timeZone: 'America/New_York', ...options }).format(next);

      await journey.step('the launcher and the pre-chat form are German', async () => {
        await visitor.goto(`${siteUrl}/`);
        await visitor.getByRole('button', { name: 'Chat öffnen' }).click();
        const form = visitor.locator('support-chat form[part=prechat]');
        await form.getByText('Bevor es losgeht: Wie dürfen wir Sie ansprechen?').waitFor();
        await form.getByLabel('E-Mail (optional)').waitFor();
        await form.getByRole('button', { name: 'Chat starten' }).waitFor();
      });

      await journey.step(
        'the header says when the team is back, in German and New York time; the greeting is the team’s, in German',
        async () => {
          await expect
            .poll(() => headerLine(visitor).textContent())
            .toBe(`Abwesend · zurück am ${inNewYork({ weekday: 'long' })} um ${inNewYork({ hour: 'numeric', minute: '2-digit' })}`);
          expect(await visitor.locator('support-chat [part=subtitle]').textContent()).toBe('Kursberatung');
          await visitor
            .locator('support-chat .row.greeting .bubble', { hasText: 'Willkommen bei Practical Cloud! Was möchten Sie lernen?' })
            .waitFor();
        },
      );

      await journey.step('the visitor writes; the away reply and the email field are German', async () => {
        const form = visitor.locator('support-chat form[part=prechat]');
        await form.getByLabel('Name').fill('Lise Meitner');
        await form.getByRole('button', { name: 'Chat starten' }).click();
        await visitorWrites(visitor, 'Gibt es den Kubernetes-Kurs auch auf Deutsch?');
        const reply = visitor.locator('support-chat .row.system');
        await reply.locator('.bubble', { hasText: localTeamDefaults().awayMessage.de! }).waitFor();
        expect(await reply.locator('.name').textContent()).toBe('Automatische Antwort');
        await visitor.locator('support-chat form[part=ask]').getByText('Antwort per E-Mail erhalten').waitFor();
        expect(await visitor.locator('support-chat textarea').getAttribute('placeholder')).toBe('Nachricht schreiben…');
      });

      expect(journey.problems).toEqual([]);
    } finally {
      await stack.deps.team.saveSettings(before, 'e2e', Date.now());
    }
  });
});
