// Import parser benchmark: the CPU the parsing thread spends on the import benchmark's file
// (1,000,000 rows of 8 Japanese cells in CP932, in file order and in random address order),
// with no database. The import runs this on a worker thread while the main thread stores; on
// two cores the import can only be as fast as the slower of the two, so this figure is the
// parsing side's share of the import's speed (`npm run bench -- import` shows the whole).
//
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileSource } from '../../electron/services/import/byte-source';
import { createParseRunner } from '../../electron/services/import/parse-runner';
import { tempDir } from '../helpers/tmp';
import { randomOrder, toCp932, writeMemberCsv } from './member-csv';
import type { Report } from './report';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_PARSE_RUNS ?? 3);

interface Timing {
  cpu: number;
  /** This (the database) thread's CPU: reading the file, receiving, making the batch strings. */
  main: number;
  wall: number;
  accepted: number;
}

/**
 * Parses the file through the import's own parser thread (parse-runner.ts, parse-worker.ts),
 * fed 1 MiB chunks from disk as the import feeds it, batches dropped on arrival. The parser's
 * CPU is the process's CPU less this thread's (which only reads the file and receives): the
 * worker thread plus the garbage collector's helper threads, which use the cores too.
 */
async function parseOnce(file: string, sortLookups = false): Promise<Timing> {
  const source = await fileSource(file);
  global.gc?.();
  const process0 = process.cpuUsage();
  const main0 = process.threadCpuUsage();
  const start = performance.now();
  const runner = createParseRunner({ encoding: 'shift_jis', dialect: { delimiter: ',', newline: '\r\n' }, sortLookups }, () => {}, true);
  try {
    for await (const chunk of source.chunks()) await runner.push(chunk);
    const result = await runner.finish();
    // A new list's import also has the parser sort its address and key lookups (lookup-sort.ts).
    if (sortLookups) while ((await runner.nextLookup()) !== null);
    const wall = (performance.now() - start) / 1000;
    const all = process.cpuUsage(process0);
    const main = process.threadCpuUsage(main0);
    return {
      cpu: (all.user + all.system - main.user - main.system) / 1e6,
      main: (main.user + main.system) / 1e6,
      wall,
      accepted: result.tally.accepted,
    };
  } finally {
    runner.close();
  }
}

export async function run(report: Report): Promise<void> {
  const t = tempDir('tayori-parse-bench-');
  try {
    // What starting the thread costs (loading the parser's code; under tsx, compiling it too),
    // included in the figures below as it is in every import's.
    const tiny = join(t.dir, 'tiny.csv');
    writeFileSync(tiny, toCp932('会員番号,メールアドレス\r\n1,a@example.jp\r\n'));
    const startups: number[] = [];
    for (let r = 0; r < 3; r++) startups.push((await parseOnce(tiny)).cpu);
    const startup = Math.min(...startups);
    report('parse_thread_startup_cpu_s', startup, 's');
    for (const order of ['sequential', 'random'] as const) {
      const file = join(t.dir, `members-${order}.csv`);
      const bytes = writeMemberCsv(file, ROWS, order === 'random' ? randomOrder(ROWS) : null);
      console.log(`# generated ${ROWS} rows (${order} addresses), ${(bytes / 2 ** 20).toFixed(1)} MB CP932`);
      // Without and with the lookups sorted, alternating, so both see the same load.
      const cpus: number[] = [];
      const withLookups: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        for (const sort of [false, true]) {
          const m = await parseOnce(file, sort);
          if (m.accepted !== ROWS) throw new Error(`parsed ${m.accepted} of ${ROWS} rows`);
          console.log(`# run ${r + 1}${sort ? ', lookups sorted' : ''}: parser cpu (its thread and the GC helper threads) ${m.cpu.toFixed(2)} s, main thread cpu ${m.main.toFixed(2)} s, wall ${m.wall.toFixed(2)} s`);
          (sort ? withLookups : cpus).push(m.cpu);
        }
      }
      // The least of the runs: the others' load on this shared machine only ever adds to it.
      const name = `parse${order === 'random' ? '_random' : ''}`;
      report(`${name}_cpu_s_per_1m_rows`, Math.min(...cpus) * (1_000_000 / ROWS), 's');
      report(`${name}_lookups_cpu_s_per_1m_rows`, Math.min(...withLookups) * (1_000_000 / ROWS), 's (a new list: addresses and keys collected and sorted too)');
    }
  } finally {
    t.cleanup();
  }
}
