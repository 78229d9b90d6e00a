/**
 * `npm run bench`: each performance claim of docs/performance.md measured on this machine,
 * side by side with a baseline measured in the same run (peers' widgets from their npm
 * packages, installed, never downloaded at run time; for three whose widgets' code only
 * their own servers serve, a cited figure labelled as such). Writes bench-results.json at the
 * repository's root and prints the figures as Markdown tables.
 *
 *   npm run bench                          the full load (under 10 minutes on 2 cores)
 *   npm run bench -- --quick               a reduced load, to check the bench itself (under a minute)
 *   npm run bench -- --update-docs         a full run that also rewrites the tables of docs/performance.md
 *   npm run bench -- --only fanout,inbox   some measures only (by the names below)
 *   npm run bench -- --baseline COMMIT     the widget's figures beside that commit's build (default: d72ded8, before the loader)
 *
 * Not part of `npm test` and not run by CI: timings on a shared machine are not pass/fail.
 */
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { coldStart } from './cold-start.ts';
import { deliveryLatency } from './delivery-latency.ts';
import { fanoutCost } from './fanout-cost.ts';
import { gatewayMemory } from './gateway-memory.ts';
import { inboxCost } from './inbox-cost.ts';
import { startupCost } from './startup-cost.ts';
import { type BuiltSite, buildCommitSite, buildDemoSite } from './support/demo-site.ts';
import type { Figure, Measure } from './support/figures.ts';
import { type BenchResults, describeMachine, machineLine, markdownTables, updateTables } from './support/report.ts';
import { widgetWeight } from './widget-weight.ts';

const MEASURES: Record<string, Measure> = {
  weight: widgetWeight,
  startup: startupCost,
  fanout: fanoutCost,
  inbox: inboxCost,
  latency: deliveryLatency,
  'cold-start': coldStart,
  memory: gatewayMemory,
};

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const RESULTS_FILE = `${repoRoot}bench-results.json`;
const PERFORMANCE_PAGE = `${repoRoot}docs/performance.md`;

// The local stack runs on this Node (20 here); the SDK's notice about Node 22 is noise.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'update-docs': { type: 'boolean', default: false },
    only: { type: 'string' },
    // main as issue 18 measured it, the widget one script of about 25 KB: the weight and
    // start-up figures of the loader that replaced it stand beside this build's.
    baseline: { type: 'string', default: 'd72ded8' },
  },
});
const quick = values.quick;
const selected = values.only ? values.only.split(',').map((name) => name.trim()) : Object.keys(MEASURES);
const unknown = selected.filter((name) => !(name in MEASURES));
if (unknown.length > 0) throw new Error(`unknown measure ${unknown.join(', ')}; known: ${Object.keys(MEASURES).join(', ')}`);
if (values['update-docs'] && (quick || values.only)) {
  throw new Error('--update-docs takes a full run of every measure: docs/performance.md shows the full figures only');
}

const startedAt = new Date();
const started = performance.now();
const figures: Figure[] = [];
let built: Promise<BuiltSite> | undefined;
const site = () => (built ??= buildDemoSite());
const commit = values.baseline;
let builtBaseline: Promise<BuiltSite> | undefined;
const baseline = async () => {
  builtBaseline ??= buildCommitSite(commit);
  return { ...(await builtBaseline), commit };
};
try {
  for (const name of selected) {
    const measure = MEASURES[name]!;
    const t0 = performance.now();
    console.log(`\n## ${measure.title}${quick ? ' (quick)' : ''}`);
    figures.push(...(await measure.run({ quick, site, baseline, log: (line) => console.log(`  ${line}`) })));
    console.log(`  done in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
  }
} finally {
  for (const build of [built, builtBaseline]) {
    await build?.then(
      (b) => b.remove(),
      () => {},
    );
  }
}

const results: BenchResults = {
  mode: quick ? 'quick' : 'full',
  startedAt: startedAt.toISOString(),
  durationSeconds: (performance.now() - started) / 1000,
  machine: describeMachine(),
  figures,
};
await writeFile(RESULTS_FILE, `${JSON.stringify(results, null, 2)}\n`);
console.log(`\n${machineLine(results)}\n\n${markdownTables(figures)}\n\nWritten to ${RESULTS_FILE}.`);
if (values['update-docs']) {
  await updateTables(PERFORMANCE_PAGE, results);
  console.log('docs/performance.md updated.');
}
