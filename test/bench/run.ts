// `npm run bench`: runs every benchmark module in this folder in turn and prints its figures.
// Benchmarks print numbers; they never fail on a target (machines here are shared and noisy).
// Adding one: create test/bench/<area>-bench.ts exporting `run(report)` and list it here.
import { printReport, type Report } from './report';

type Bench = { run(report: Report): Promise<void> };

const benches: Array<[string, () => Promise<Bench>]> = [
  ['import', () => import('./import-bench')],
  ['parse', () => import('./parse-bench')],
  ['preview', () => import('./preview-bench')],
  ['search-index', () => import('./search-index-bench')],
  ['guards', () => import('./guards-bench')],
  ['practice', () => import('./practice-bench')],
  ['approval', () => import('./approval-bench')],
  ['send', () => import('./send-bench')],
  ['send-timeline', () => import('./send-timeline-bench')],
  ['checkpoint', () => import('./checkpoint-bench')],
  ['host', () => import('./host-bench')],
  ['template', () => import('./template-bench')],
  ['segment', () => import('./segment-bench')],
  ['bounce', () => import('./bounce-bench')],
  ['oauth', () => import('./oauth-bench')],
  ['check-screen', () => import('./check-screen-bench')],
  ['recipients-preview', () => import('./recipients-preview-bench')],
];

const only = process.argv.slice(2);
for (const [name, load] of benches) {
  if (only.length && !only.includes(name)) continue;
  console.log(`# ${name}`);
  const mod = await load();
  await mod.run(printReport);
}
