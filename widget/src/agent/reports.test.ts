import { emulateMedia, setViewport } from '@web/test-runner-commands';
import { deepEqual, equal, includes, ok } from '../../test/assert.ts';
import { $, $$, axeViolations, removeConsoles, signedIn, text, typeInto } from '../../test/console.ts';
import { Agent, colleague, command, sendFrame, waitUntil } from '../../test/helpers.ts';
import { csvField } from './report-csv.ts';
import type { SupportAgentConsole } from './support-agent-console.ts';

/** Adds to one day's report counters, as the server's events do. */
const seed = (day: string, counts: Record<string, number>, agentId?: string) =>
  command<boolean>('reports:add', { day, counts, ...(agentId !== undefined && { agentId }) });

/**
 * A week in March 2025 that no other test writes to: Monday three conversations (two at
 * 9:00, one at 14:00), two answered, two closed, two ratings; Wednesday one more, answered.
 */
const WEEK = { from: '2025-03-03', to: '2025-03-09' };

async function seedWeek(demoAgent: string, colleagueId: string): Promise<void> {
  // First responses: buckets 3 (45-60 s), 5 (90-120 s), 6 (120-180 s); the middle one is 5.
  // Resolutions: two in bucket 11 (900-1200 s). Ratings: a 5 and a 2.
  await seed('2025-03-03', { conversations: 3, h9: 2, h14: 1, answered: 2, f5: 1, f6: 1, resolved: 2, r11: 2, ratings: 2, goodRatings: 1 });
  await seed('2025-03-05', { conversations: 1, h10: 1, answered: 1, f3: 1 });
  await seed('2025-03-03', { answered: 2, f5: 1, f6: 1, resolved: 2, r11: 2, ratings: 2, goodRatings: 1 }, demoAgent);
  await seed('2025-03-05', { answered: 1, f3: 1 }, colleagueId);
}

/** Catches the CSV the console saves (the link it clicks), instead of a download. */
function catchDownload(el: SupportAgentConsole): Promise<{ name: string; text: string; type: string }> {
  return new Promise((resolve) => {
    const root = el.shadowRoot!;
    const onClick = async (e: Event) => {
      const link = e.target;
      if (!(link instanceof HTMLAnchorElement) || !link.download) return;
      e.preventDefault();
      root.removeEventListener('click', onClick, true);
      const blob = await (await fetch(link.href)).blob();
      resolve({ name: link.download, text: await blob.text(), type: blob.type });
    };
    root.addEventListener('click', onClick, true);
  });
}

async function showWeek(el: SupportAgentConsole): Promise<void> {
  $<HTMLButtonElement>(el, '.reports-entry')!.click();
  await waitUntil(() => $(el, '.reports .report-table'), 'the last 7 days');
  $<HTMLButtonElement>(el, '.preset-custom')!.click();
  await el.updateComplete;
  typeInto($<HTMLInputElement>(el, '.custom-range input[name="from"]'), WEEK.from);
  typeInto($<HTMLInputElement>(el, '.custom-range input[name="to"]'), WEEK.to);
  $<HTMLFormElement>(el, '.custom-range')!.requestSubmit();
  await waitUntil(() => $(el, `.reports[data-range="${WEEK.from}/${WEEK.to}"] details`), 'the week');
}

const rowOf = (el: SupportAgentConsole, who: string) =>
  $$(el, '.reports .report-table tbody tr').find((row) => text(row.querySelector('th')) === who);
const cells = (row: Element | undefined) => [...(row?.querySelectorAll('td') ?? [])].map(text);

describe('<support-agent-console> reports', () => {
  /** The agents' sockets a test opens: closed after it, since an agent left online would be "the team online" to every later test file. */
  const agents: Agent[] = [];
  afterEach(async () => {
    for (const agent of agents.splice(0)) await agent.close();
    await removeConsoles();
    await setViewport({ width: 800, height: 600 });
    await emulateMedia({ colorScheme: 'light' });
  });

  it("shows the team's and each agent's figures over a chosen range, a bar per day, the hours of the week, and downloads them as CSV", async () => {
    const demo = await Agent.connect();
    agents.push(demo);
    const me = await sendFrame(demo, { action: 'getTeam' }, 'team');
    const demoId = me.type === 'team' ? me.me!.agentId : '';
    const pat = await colleague('=Pat "Quick", Jr');
    agents.push(pat.agent);
    await seedWeek(demoId, pat.agentId);

    const el = await signedIn();
    await showWeek(el);
    equal(location.hash, '#reports', 'its own address');
    // Team: 4 conversations, 3 answered (75%), first responses' middle in 90-120 s, resolutions in 900-1200 s, one rating of two good.
    deepEqual(cells(rowOf(el, 'Team')), ['4', '3', '75%', '1.5 min to 2 min', '2', '15 min to 20 min', '50% of 2'], 'the team');
    deepEqual(cells(rowOf(el, '=Pat "Quick", Jr')), ['—', '1', '—', '45 s to 1 min', '0', '—', '—'], 'the colleague');
    const days = $$(el, '.reports details tbody tr').map((row) => text(row.querySelector('td')));
    deepEqual(days, ['3', '0', '1', '0', '0', '0', '0'], 'conversations per day, Monday to Sunday');
    equal($$(el, '.bars rect').length, 7, 'a bar a day');
    includes($(el, '.bars')!.getAttribute('aria-label') ?? '', '4 in all, at most 3 in a day', "the chart's summary");
    const monday = $$(el, '.heat tbody tr')[0]!;
    deepEqual(
      [...monday.querySelectorAll('td')].map((cell, hour) => [hour, text(cell)]).filter(([, count]) => count !== '0'),
      [
        [9, '2'],
        [14, '1'],
      ],
      "Monday's hours",
    );
    equal(text($$(el, '.heat tbody tr')[2]!.querySelectorAll('td')[10]), '1', 'Wednesday 10:00');
    deepEqual(await axeViolations(el), [], 'axe');
    await emulateMedia({ colorScheme: 'dark' });
    deepEqual(await axeViolations(el), [], 'axe, dark');
    await emulateMedia({ colorScheme: 'light' });

    const download = catchDownload(el);
    $<HTMLButtonElement>(el, '.download-csv')!.click();
    const csv = await download;
    equal(csv.name, 'report-2025-03-03-to-2025-03-09.csv', 'the file name');
    equal(csv.type, 'text/csv;charset=utf-8', 'a CSV file');
    const lines = csv.text.split('\r\n');
    equal(
      lines[0],
      'scope,day_or_agent,conversations,answered,response_rate,first_response_median_over_s,first_response_median_up_to_s,resolved,resolution_median_over_s,resolution_median_up_to_s,ratings,good_ratings,csat',
      'the header',
    );
    equal(lines[1], 'team,2025-03-03/2025-03-09,4,3,0.7500,90,120,2,900,1200,2,1,0.5000', 'the team');
    equal(lines[2], 'day,2025-03-03,3,2,0.6667,90,120,2,900,1200,2,1,0.5000', 'Monday');
    equal(lines[3], 'day,2025-03-04,0,0,,,,0,,,0,0,', 'an empty day');
    ok(
      lines.includes(`agent,"'=Pat ""Quick"", Jr",,1,,45,60,0,,,0,0,`),
      `the colleague, quoted, and kept from being a formula: ${csv.text}`,
    );
    equal(lines.at(-1), '', 'a line end after the last row');

    $<HTMLButtonElement>(el, '.reports .back-to-inbox')!.click();
    await waitUntil(() => $(el, '.inbox'), 'the conversations again');
    await waitUntil(() => el.shadowRoot!.activeElement?.classList.contains('reports-entry'), 'the focus back on Reports');
  });

  it('shows an agent who is not an admin the team and themselves, refuses a range over a year, and fits a phone', async () => {
    const sam = await colleague('Sam Reports');
    agents.push(sam.agent);
    await seed('2025-03-05', { answered: 1, f3: 1, ratings: 1, goodRatings: 1 }, sam.agentId);
    const el = await signedIn(sam.email, sam.password);
    await setViewport({ width: 390, height: 844 });
    await showWeek(el);
    deepEqual(
      $$(el, '.reports .report-table:not(details *) tbody tr').map((row) => text(row.querySelector('th'))),
      ['Team', 'Sam Reports'],
      'the team and Sam',
    );
    deepEqual(cells(rowOf(el, 'Sam Reports')).slice(1), ['1', '—', '45 s to 1 min', '0', '—', '100% of 1'], "Sam's figures");
    const inner = $(el, '.reports-inner')!;
    ok(inner.scrollWidth <= inner.clientWidth, `no sideways scrolling of the page (${inner.scrollWidth} > ${inner.clientWidth})`);
    deepEqual(await axeViolations(el), [], 'axe on a phone');

    typeInto($<HTMLInputElement>(el, '.custom-range input[name="from"]'), '2024-01-01');
    typeInto($<HTMLInputElement>(el, '.custom-range input[name="to"]'), '2025-03-09');
    $<HTMLFormElement>(el, '.custom-range')!.requestSubmit();
    await el.updateComplete;
    equal(text($(el, '.report-error')), 'Choose a range of 1 to 366 days, the first day before the last.', 'the refusal');
    equal($(el, '.reports .report-table'), null, 'no figures for it');
  });

  it('quotes a field only when it must', () => {
    deepEqual(['plain', 'a,b', 'say "hi"', 'two\nlines', '-1 formula', '@sum', 42, undefined].map(csvField), [
      'plain',
      '"a,b"',
      '"say ""hi"""',
      '"two\nlines"',
      "'-1 formula",
      "'@sum",
      '42',
      '',
    ]);
  });
});
