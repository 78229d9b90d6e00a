// The demo as a person uses it: `npm start`'s stack and site, driven in Debian's Chromium.
// A visitor writes from the Practical Cloud page, the alert shows on the alerts page, its
// link opens the agent console on that conversation, the agent answers, the visitor reads it.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_AGENT } from '@support-chat/backend/local/cognito';
import { type Demo, startDemo } from '@support-chat/backend/local/demo';
import { findFreePort } from '@support-chat/backend/local/ports';

describe('the demo, end to end', () => {
  let demo: Demo;
  let browser: Browser;
  let dataDir: string;
  const problems: string[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'support-chat-e2e-'));
    demo = await startDemo({ dataDir, ports: { gateway: 0, dynamodb: 0, cognito: 0, sns: 0 }, sitePort: await findFreePort() });
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
      args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  async function page(name: string): Promise<Page> {
    const p = await (await browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    // Any error, including a Content-Security-Policy refusal, fails the test at the end.
    p.on('console', (m) => m.type() === 'error' && problems.push(`${name}: ${m.text()}`));
    p.on('pageerror', (e) => problems.push(`${name}: ${e.message}`));
    return p;
  }

  it('carries a visitor question to an agent through the alert link, and the answer back', async () => {
    const visitor = await page('visitor');
    await visitor.goto(`${demo.siteUrl}/`);
    await expect.poll(() => visitor.evaluate(() => customElements.get('support-chat') !== undefined)).toBe(true);
    expect(await visitor.evaluate(() => Object.keys(localStorage))).toEqual([]);

    await visitor.getByRole('button', { name: /open chat/i }).click();
    const composer = visitor.locator('support-chat textarea');
    await composer.fill('Do you have a course on DynamoDB single-table design?');
    await composer.press('Enter');
    await visitor.locator('support-chat').getByText('Do you have a course on DynamoDB single-table design?').waitFor();

    const alerts = await page('alerts');
    await alerts.goto(`${demo.siteUrl}/alerts.html`);
    const consoleLink = alerts.getByRole('link', { name: /open in the agent console/i }).first();
    await consoleLink.waitFor();
    const href = await consoleLink.getAttribute('href');
    expect(href).toMatch(new RegExp(`^${demo.siteUrl}/agent\\.html#room=[A-Za-z0-9_-]{43}$`));
    await alerts.getByText('New chat from a visitor: "Do you have a course on DynamoDB', { exact: false }).first().waitFor();

    const agent = await page('agent');
    await agent.goto(href!);
    await agent.locator('support-agent-console input[type=email]').fill(DEMO_AGENT.email);
    await agent.locator('support-agent-console input[type=password]').fill(DEMO_AGENT.password);
    await agent.locator('support-agent-console input[type=password]').press('Enter');
    // The alert's link opens the conversation itself, not just the inbox.
    await agent.locator('support-agent-console').getByText('Do you have a course on DynamoDB single-table design?').last().waitFor();
    const reply = agent.locator('support-agent-console textarea');
    await reply.fill('Yes: "DynamoDB in depth" has a whole module on it.');
    await reply.press('Enter');

    await visitor.locator('support-chat').getByText('Yes: "DynamoDB in depth" has a whole module on it.').waitFor();
    expect(await visitor.locator('support-chat').getByText('An agent is here').count()).toBe(1);
    expect(problems).toEqual([]);
  });
});
