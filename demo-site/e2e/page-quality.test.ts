// What every visitor's browser holds us to: a strict Content-Security-Policy, no
// accessibility violation, and a phone screen. On the real pages, served as `npm start` serves them.
import type { Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { inboxEntry, openDemoPage, signInAgent, startChat, visitorSeesDelivered, visitorWrites } from './support/actors.ts';
import { axeViolations } from './support/axe.ts';
import { type E2EDemo, startE2EDemo } from './support/e2e-demo.ts';
import { Journey } from './support/journey.ts';

/** The page's Content-Security-Policy: from the response header and the <meta> element. */
async function policyOf(page: Page, response: { headers(): Record<string, string> } | null): Promise<string> {
  const meta = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  return [response?.headers()['content-security-policy'], meta].filter(Boolean).join('; ');
}

function directive(policy: string, name: string): string {
  return (
    policy
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith(`${name} `)) ?? ''
  );
}

describe('the pages, end to end', () => {
  let e2e: E2EDemo;
  let siteUrl: string;
  /** Each test is its own journey: its own browsers, its own screenshots folder. */
  let journey: Journey;

  beforeAll(async () => {
    e2e = await startE2EDemo();
    siteUrl = e2e.demo.siteUrl;
  });
  beforeEach(({ task }) => {
    journey = new Journey(e2e.browser, `pages ${task.name.split(':')[0]!.split(',')[0]!}`);
  });
  afterEach(() => journey.close());
  afterAll(() => e2e?.close());

  it('work under a strict Content-Security-Policy, and no violation is logged', async () => {
    const visitor = await journey.actor('csp visitor');
    const agent = await journey.actor('csp agent');

    await journey.step('the demo page and the agent console are served with a strict policy', async () => {
      for (const [page, path] of [
        [visitor, '/'],
        [agent, '/agent.html'],
      ] as const) {
        const policy = await policyOf(page, await page.goto(`${siteUrl}${path}`));
        expect(policy, `${path} has a policy`).toMatch(/script-src/);
        expect(policy, `${path}: nothing unsafe`).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|strict-dynamic/);
        expect(directive(policy, 'script-src'), path).toBe("script-src 'self'");
        expect(directive(policy, 'style-src'), path).toBe("style-src 'self'");
        expect(directive(policy, 'object-src'), path).toBe("object-src 'none'");
      }
    });

    await journey.step('the policy is enforced: an injected inline script is refused and reported', async () => {
      const ran = await visitor.evaluate(() => {
        const probe = document.createElement('script');
        probe.textContent = 'window.__inlineRan = true';
        document.head.append(probe);
        probe.remove();
        return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
      });
      expect(ran).toBe(false);
      await expect.poll(() => journey.problems.filter((p) => p.includes('CSP violation: script-src')).length, { timeout: 5_000 }).toBe(1);
      journey.problems.length = 0; // the probe's own, expected, report
    });

    await journey.step('a whole conversation under the policy', async () => {
      await openDemoPage(visitor, siteUrl);
      await startChat(visitor, { name: 'Margaret Hamilton' });
      await visitorWrites(visitor, 'Do you cover Step Functions?');
      await visitorSeesDelivered(visitor, 'Do you cover Step Functions?');
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await inboxEntry(agent, 'Margaret Hamilton').click();
      await agent.locator('support-agent-console .conversation .msg .bubble', { hasText: 'Do you cover Step Functions?' }).waitFor();
    });

    expect(journey.problems).toEqual([]);
  });

  it('have no accessibility violation: the demo page with the widget closed and open, and the agent console', async () => {
    const visitor = await journey.actor('axe visitor');
    const agent = await journey.actor('axe agent');

    await journey.step('axe: the demo page, widget closed', async () => {
      await openDemoPage(visitor, siteUrl);
      expect(await axeViolations(visitor)).toBe('');
    });
    await journey.step('axe: the widget open on the pre-chat form', async () => {
      await visitor.getByRole('button', { name: /open chat/i }).click();
      await visitor.locator('support-chat form.prechat').waitFor();
      expect(await axeViolations(visitor)).toBe('');
    });
    await journey.step('axe: the widget open with a conversation', async () => {
      await visitor.reload();
      await startChat(visitor, { name: 'Katherine Johnson' });
      await visitorWrites(visitor, 'Which course prepares for the Solutions Architect exam?');
      await visitorSeesDelivered(visitor, 'Which course prepares for the Solutions Architect exam?');
      expect(await axeViolations(visitor)).toBe('');
    });
    await journey.step('axe: the agent console, signed out', async () => {
      await agent.goto(`${siteUrl}/agent.html`);
      await agent.locator('support-agent-console').getByLabel('Email').waitFor();
      expect(await axeViolations(agent)).toBe('');
    });
    await journey.step('axe: the agent console with a conversation open', async () => {
      await signInAgent(agent, `${siteUrl}/agent.html`);
      await inboxEntry(agent, 'Katherine Johnson').click();
      await agent.locator('support-agent-console .conversation .msg .bubble', { hasText: 'Solutions Architect' }).waitFor();
      expect(await axeViolations(agent)).toBe('');
    });

    expect(journey.problems).toEqual([]);
  });

  it('show the widget full screen and usable on a phone (390 x 844)', async () => {
    const phone = await journey.actor('phone', {
      viewport: { width: 390, height: 844 },
      deviceScaleFactor: 2,
      isMobile: true,
      hasTouch: true,
    });

    await journey.step('the launcher sits inside the screen', async () => {
      await openDemoPage(phone, siteUrl);
      const box = await phone.getByRole('button', { name: /open chat/i }).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(box!.y + box!.height).toBeLessThanOrEqual(844);
      expect(box!.width, 'a thumb-sized target').toBeGreaterThanOrEqual(44);
    });

    await journey.step('a tap opens the chat over the whole screen', async () => {
      await phone.getByRole('button', { name: /open chat/i }).tap();
      const panel = phone.locator('support-chat [part=panel]');
      await panel.locator('form.prechat').waitFor();
      // The panel's size once its opening transition has finished.
      await expect.poll(() => panel.boundingBox(), { timeout: 5_000 }).toEqual({ x: 0, y: 0, width: 390, height: 844 });
      expect(await phone.evaluate(() => document.documentElement.scrollWidth), 'no sideways scrolling').toBeLessThanOrEqual(390);
    });

    await journey.step('no field iOS would zoom into, and the panel sized by the visual viewport', async () => {
      const widget = phone.locator('support-chat');
      const sizes = await widget.evaluate((el) =>
        [...el.shadowRoot!.querySelectorAll('input:not([type=file], [hidden]), textarea')].map((field) =>
          Number.parseFloat(getComputedStyle(field).fontSize),
        ),
      );
      expect(sizes.length, 'the pre-chat form’s fields and the composer').toBeGreaterThanOrEqual(2);
      expect(Math.min(...sizes), 'the smallest field’s font size').toBeGreaterThanOrEqual(16);
      expect(await widget.evaluate((el) => (el as HTMLElement).style.getPropertyValue('--_viewport-height'))).toBe('844px');
    });

    await journey.step('the visitor fills the form and writes with taps', async () => {
      await startChat(phone, { name: 'Hedy Lamarr' });
      await phone.locator('support-chat textarea').fill('Can I do the labs on my phone?');
      await phone.locator('support-chat [part=send]').tap();
      await visitorSeesDelivered(phone, 'Can I do the labs on my phone?');
      for (const part of ['header', 'composer']) {
        const box = await phone.locator(`support-chat [part=${part}]`).boundingBox();
        expect(box!.y >= 0 && box!.y + box!.height <= 844, `${part} on screen`).toBe(true);
      }
    });

    await journey.step('closing gives the page back', async () => {
      await phone.locator('support-chat').getByRole('button', { name: 'Close chat' }).first().tap();
      await phone.locator('support-chat [part=panel]').waitFor({ state: 'hidden' });
      await phone.getByRole('link', { name: 'Browse courses' }).waitFor();
    });

    expect(journey.problems).toEqual([]);
  });
});
