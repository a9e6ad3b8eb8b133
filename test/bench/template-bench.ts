// The compose screen's template check (template:check: syntax, unknown fields with suggestions,
// used fields), and separately the compile the guards and the sender do, over a 100 KB template
// built to hurt: one long line of block tags, deep nesting, thousands of unknown fields that
// resemble the columns.
import { performance } from 'node:perf_hooks';
import { checkTemplate, compileTemplate, usedFields } from '../../shared/template';
import { median, type Report } from './report';

const SIZE = 100 * 1024;
const RUNS = 5;

/** A list with many similar column names: the worst case for "did you mean". */
export const BENCH_COLUMNS: readonly string[] = Array.from({ length: 200 }, (_, i) => `会員情報_項目_${String(i).padStart(3, '0')}`);

/** About `size` characters: a third each of block tags on one line, nesting, unknown fields. */
export function adversarialTemplate(size = SIZE): string {
  const third = Math.floor(size / 3);
  let line = '';
  while (line.length < third) line += '{{#if 会員情報_項目_001}}x{{else}}y{{/if}}';
  let nested = '';
  while (nested.length < third) nested += '{{#if a}}\n'.repeat(30) + 'z\n' + '{{/if}}\n'.repeat(30);
  let unknown = '';
  for (let i = 0; unknown.length < size - line.length - nested.length; i++) unknown += `{{会員情報_項目_${i}x}} `;
  return `${line}\n${nested}${unknown}`;
}

interface Run {
  ms: number;
  cpuMs: number;
  compileMs: number;
}

function checkOnce(body: string, run: number): Run {
  // Another text each run: the check keeps the last parts' parse, and this measures a new edit.
  const t = { subject: '{{会員情報_項目_000}} のお知らせ', body: `${body}${run}` };
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  // What the template:check handler does.
  const issues = checkTemplate(t, BENCH_COLUMNS);
  usedFields(t);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  if (issues.length === 0) throw new Error('the adversarial template should have issues');
  const t1 = performance.now();
  compileTemplate(t);
  return { ms, cpuMs: (cpu.user + cpu.system) / 1000, compileMs: performance.now() - t1 };
}

export async function run(report: Report): Promise<void> {
  const body = adversarialTemplate();
  // Warm up the JIT as a running app is (the compose screen checks on every edit).
  for (let i = 1; i <= 3; i++) checkOnce(body, -i);
  const runs: Run[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(checkOnce(body, i));
  report('template_check_100kb_ms', Math.round(median(runs.map((r) => r.ms))), 'ms');
  // CPU time of this process: on a shared, loaded machine it says more than the wall clock.
  report('template_check_100kb_cpu_ms', Math.round(median(runs.map((r) => r.cpuMs))), 'ms');
  report('template_compile_100kb_ms', Math.round(median(runs.map((r) => r.compileMs))), 'ms');
  report('template_check_100kb_chars', body.length, 'chars');
}
