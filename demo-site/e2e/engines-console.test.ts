// The agent console's journey in the other engines (Chromium's is agents-workflow.test.ts
// and conversation.test.ts): sign in, a visitor's question arriving live, the answer, a
// reload. The visitor writes from Chromium. `E2E_ENGINES=firefox` (or webkit, chromium,
// comma-separated) picks the engines. Screenshots in e2e/artifacts/console-in-<engine>/.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  agentReplies,
  agentSees,
  agentTranscript,
  inboxEntry,
  openConversation,
  openDemoPage,
  signInAgent,
  startChat,
  visitorSeesAgent,
  visitorSeesDelivered,
  visitorTranscript,
  visitorWrites,
  waitFor,
  waitUntil,
} from './engines/actors.ts';
import { type EngineBrowser, type EnginePage, enginesToRun, launchEngine } from './engines/engine.ts';
import { target } from './engines/in-page.ts';
import { EngineJourney } from './engines/journey.ts';
import { type E2ESite, startE2ESite } from './support/e2e-demo.ts';
import { storyChapters } from './support/journey.ts';

const QUESTION = 'Can I pay for the team plan by invoice?';
const ANSWER = 'Yes: pick "Invoice" at checkout and we send it within a day.';
const THANKS = 'Perfect, thank you!';

for (const engine of enginesToRun(['firefox', 'webkit'])) {
  describe(`an agent in ${engine} and a visitor in chromium, end to end`, () => {
    let e2e: E2ESite;
    let browser: EngineBrowser;
    let chromium: EngineBrowser;
    let visitor: EnginePage;
    let agent: EnginePage;
    let siteUrl: string;
    const journey = new EngineJourney(`console in ${engine}`);
    const chapter = storyChapters();

    beforeAll(async () => {
      e2e = await startE2ESite();
      siteUrl = e2e.demo.siteUrl;
      chromium = await launchEngine('chromium');
      browser = engine === 'chromium' ? chromium : await launchEngine(engine);
      agent = journey.actor('agent', await browser.newPage());
      visitor = journey.actor('visitor', await chromium.newPage());
    });
    afterAll(async () => {
      if (browser !== chromium) await browser?.close();
      await chromium?.close();
      await e2e?.close();
    });

    chapter('the agent signs in, sees the question arrive live and answers it', async () => {
      await journey.step('the agent signs in to the console', async () => {
        await signInAgent(agent, `${siteUrl}/agent.html`);
        await waitFor(agent, target('support-agent-console', '.inbox-empty'));
      });

      await journey.step('a visitor asks a question', async () => {
        await openDemoPage(visitor, siteUrl);
        await startChat(visitor, { name: 'Grace Hopper' });
        await visitorWrites(visitor, QUESTION);
        await visitorSeesDelivered(visitor, QUESTION);
      });

      await journey.step('the conversation arrives in the inbox without a reload', async () => {
        await waitFor(agent, { ...inboxEntry('Grace Hopper'), hasText: QUESTION });
      });

      await journey.step('the agent opens it; the address names the room', async () => {
        await openConversation(agent, 'Grace Hopper', QUESTION);
        await waitUntil(agent, 'a #room= address', () => /^#room=[A-Za-z0-9_-]{43}$/.test(location.hash), null);
      });

      await journey.step('the agent answers and the visitor reads it', async () => {
        await agentReplies(agent, ANSWER);
        await visitorSeesAgent(visitor, ANSWER);
        expect(await visitorTranscript(visitor)).toEqual([QUESTION, ANSWER]);
      });

      await journey.step('the visitor’s thanks arrive in the open conversation live', async () => {
        await visitorWrites(visitor, THANKS);
        await waitFor(agent, agentSees(THANKS));
        expect(await agentTranscript(agent)).toEqual([QUESTION, ANSWER, THANKS]);
      });
    });

    chapter('after a reload the agent is still signed in, on the same conversation, every message once', async () => {
      await journey.step('the agent reloads the console', async () => {
        await agent.reload();
        await waitFor(agent, agentSees(THANKS));
        expect(await agentTranscript(agent)).toEqual([QUESTION, ANSWER, THANKS]);
      });
    });

    it('logged no error on any page (where the engine’s driver reports them)', () => {
      expect([...chromium.problems, ...(browser === chromium ? [] : browser.problems)]).toEqual([]);
    });
  });
}
