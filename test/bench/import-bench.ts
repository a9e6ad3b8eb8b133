// Import benchmark: a generated 1,000,000-row CP932 CSV (8 columns of Japanese text, never
// committed) imported through the real service, against a raw prepared-statement insert of
// the same rows into a plain table as the reference (raw-insert-reference.ts).
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import * as sources from '../../electron/db/connection';
import * as sourceClock from '../../electron/services/clock';
import * as sourceImport from '../../electron/services/import';
import { loadBundledImport, type BundledImport } from './bundled-import';
import { removeDatabaseFiles, tempDir } from '../helpers/tmp';
import { randomOrder, writeMemberCsv, type MemberOrder } from './member-csv';
import { rawInsertInChild } from './raw-insert-reference';
import { median, type Report } from './report';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

let order: MemberOrder = null;
/**
 * The code under test: bundled as the app runs it (bundled-import.ts), or with
 * BENCH_IMPORT_SOURCES=1 from the TypeScript sources, whose worker starts tsx first.
 */
let app: BundledImport = { ...sources, ...sourceClock, ...sourceImport };
type Order = 'sequential' | 'random';
function useOrder(o: Order): void {
  order = o === 'random' ? randomOrder(ROWS) : null;
}

/**
 * Samples the process's RSS every 10 ms from a worker thread: the import's final transaction
 * is synchronous and would hide its memory from a timer on the main thread.
 */
function startRssSampler(): { stop(): Promise<number> } {
  const peak = new Float64Array(new SharedArrayBuffer(8));
  peak[0] = process.memoryUsage().rss;
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const peak = new Float64Array(workerData);
     setInterval(() => { const r = process.memoryUsage().rss; if (r > peak[0]) peak[0] = r; }, 10);`,
    { eval: true, workerData: peak.buffer },
  );
  return {
    async stop() {
      await worker.terminate();
      return Math.max(peak[0]!, process.memoryUsage().rss);
    },
  };
}

/**
 * Rounds per order (BENCH_IMPORT_ROUNDS), each an import and then the reference. Both are a few
 * seconds on a shared machine: on 2026-12-03 single rounds of the same code read 0.75-0.86 (file
 * order), so one pair's ratio said as much about the moment as about the import. The figures are
 * medians of alternating pairs, as the send benchmark's are.
 */
const ROUNDS = Math.max(1, Number(process.env.BENCH_IMPORT_ROUNDS ?? 3) || 1);

/** One import's figures; rates in rows/s, times in s per 1M rows. */
interface Imported {
  rate: number;
  mainCpu: number;
  mainIdle: number;
  cpu: number;
  otherCpu: number;
  peakRss: number;
}

/**
 * BENCH_IMPORT_COLD=1 times the import alone, as a caller that skips the mapping step would see
 * it: its parser thread starts inside the timed import.
 */
const COLD = process.env.BENCH_IMPORT_COLD === '1';

/** The user's mapping step, untimed: long enough for the parser thread it starts to be ready (0.1-0.2 s). */
const MAPPING_STEP_MS = 500;

/** Imports the file through the real service into a new database. */
async function importInto(dbFile: string, csv: string): Promise<Imported> {
  const db = app.openDatabase(dbFile);
  try {
    const service = app.createImportService({ db, clock: app.systemClock });
    // As the app runs an import: the file is analysed for the mapping step first (import:analyze),
    // which starts the parser's thread for a large file (parser-thread.ts); the import takes it.
    if (!COLD) {
      await service.inspectFile(csv);
      await new Promise((r) => setTimeout(r, MAPPING_STEP_MS));
    }
    global.gc?.();
    const sampler = startRssSampler();
    const cpuStart = process.cpuUsage();
    const mainStart = process.threadCpuUsage();
    const elu0 = performance.eventLoopUtilization();
    const start = performance.now();
    // Progress reaches the end of the file once every row is written (read-import.ts): what is
    // after it is the final transaction alone.
    let readDone = 0;
    const result = await service.importFile({
      filePath: csv,
      onProgress: (p) => {
        if (p.bytesDone === p.bytesTotal) readDone = performance.now();
      },
    });
    const seconds = (performance.now() - start) / 1000;
    // Time this thread sat waiting (for the parser or the file) while the import ran: wall time
    // the database side could have used. Synchronous SQLite steps count as busy.
    const idleSeconds = performance.eventLoopUtilization(elu0).idle / 1000;
    const peak = await sampler.stop();
    if (result.counts.accepted !== ROWS) throw new Error(`imported ${result.counts.accepted} of ${ROWS} rows`);
    const cpu = process.cpuUsage(cpuStart);
    // This thread's share (SQLite and the batches' unpacking) apart from the parser's worker, which
    // runs on the other core: the two halves of the import are judged separately.
    const main = process.threadCpuUsage(mainStart);
    const mainSeconds = (main.user + main.system) / 1e6;
    const allSeconds = (cpu.user + cpu.system) / 1e6;
    // Wall-clock figures depend on how busy the machine is; CPU time shows the work itself.
    console.log(
      `# read+write ${((readDone - start) / 1000).toFixed(2)} s, commit ${((performance.now() - readDone) / 1000).toFixed(2)} s, ` +
        `cpu ${allSeconds.toFixed(2)} s (encoding ${result.encoding})`,
    );
    // Whatever the import left in the WAL is copied into the database file by a checkpoint: deferred
    // work, shown here and not timed, as the reference's is not.
    const cpStart = performance.now();
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`# wal checkpoint after the import ${((performance.now() - cpStart) / 1000).toFixed(2)} s`);

    const perMillion = (s: number) => (s * 1e6) / ROWS;
    return {
      rate: ROWS / seconds,
      mainCpu: perMillion(mainSeconds),
      mainIdle: perMillion(idleSeconds),
      cpu: perMillion(allSeconds),
      // The parser's worker, mostly (also GC helpers and this benchmark's memory sampler).
      otherCpu: perMillion(allSeconds - mainSeconds),
      peakRss: peak,
    };
  } finally {
    db.close();
    removeDatabaseFiles(dbFile);
  }
}

/** One import and the reference right after it. */
interface Round extends Imported {
  raw: number;
  rawCpu: number;
}

/** Imports the file ROUNDS times, each followed by the raw reference; reports the medians. */
async function importOrder(dir: string, o: Order, report: Report): Promise<void> {
  useOrder(o);
  const suffix = o === 'random' ? '_random' : '';
  const csv = join(dir, `members${suffix}.csv`);
  const bytes = writeMemberCsv(csv, ROWS, order);
  console.log(`# generated ${ROWS} rows (${o} addresses), ${(bytes / 2 ** 20).toFixed(1)} MB CP932`);
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const imported = await importInto(join(dir, `bench${suffix}-${r}.db`), csv);
    // Reference: the same rows, one prepared statement, one transaction, a plain table, in a
    // process of its own (raw-insert-reference.ts says why).
    const raw = rawInsertInChild(join(dir, `raw${suffix}-${r}.db`), ROWS, o === 'random');
    const round = { ...imported, raw: raw.rowsPerS, rawCpu: (raw.cpuS * 1e6) / ROWS };
    rounds.push(round);
    console.log(
      `# round ${r + 1} of ${ROUNDS}: import ${Math.round(round.rate)} rows/s, raw ${Math.round(round.raw)} rows/s, ` +
        `ratio ${(round.rate / round.raw).toFixed(3)} (raw's wal checkpoint after it ${raw.checkpointS.toFixed(2)} s)`,
    );
  }
  const mid = (f: (r: Round) => number) => median(rounds.map(f));
  const s = (v: number) => +v.toFixed(2);
  const of = `median of ${ROUNDS}`;
  report(`import${suffix}_rows_per_s`, Math.round(mid((r) => r.rate)), `rows/s (${of})`);
  report(`import${suffix}_main_cpu_s_per_1m_rows`, s(mid((r) => r.mainCpu)), 's');
  report(`import${suffix}_main_idle_s_per_1m_rows`, s(mid((r) => r.mainIdle)), 's');
  report(`import${suffix}_cpu_s_per_1m_rows`, s(mid((r) => r.cpu)), 's');
  report(`import${suffix}_other_threads_cpu_s_per_1m_rows`, s(mid((r) => r.otherCpu)), 's');
  report(`import${suffix}_peak_rss_mb`, Math.round(Math.max(...rounds.map((r) => r.peakRss)) / 2 ** 20), 'MB (highest round)');
  report(`sqlite_raw_insert${suffix}_rows_per_s`, Math.round(mid((r) => r.raw)), `rows/s (${of})`);
  report(`sqlite_raw_insert${suffix}_cpu_s_per_1m_rows`, s(mid((r) => r.rawCpu)), 's');
  // CPU against CPU on the same thread: what this thread's share of the import costs next to the
  // reference, whatever the machine's load does to wall time (>= 1: the database side keeps up).
  report(`import${suffix}_main_cpu_vs_raw_cpu`, mid((r) => r.rawCpu / r.mainCpu), 'ratio (raw CPU / import main-thread CPU)');
  // Each round's import against the reference right after it: the ratio the target is set on.
  const target = o === 'random' ? '0.6' : '0.8';
  report(`import${suffix}_vs_raw`, mid((r) => r.rate / r.raw), `ratio (${of} rounds; target >= ${target})`);
}

/**
 * One import of 100,000 rows first, not reported: whichever order ran first paid for compiling the
 * import's code and for the process's first large allocations (measured 0.6-0.7 s more on the main
 * thread and about as much on the parser's, whichever order it was).
 */
async function warmUp(dir: string): Promise<void> {
  const csv = join(dir, 'warm-up.csv');
  writeMemberCsv(csv, Math.min(ROWS, 100_000), null);
  const db = app.openDatabase(join(dir, 'warm-up.db'));
  try {
    await app.createImportService({ db, clock: app.systemClock }).importFile({ filePath: csv });
  } finally {
    db.close();
  }
}

export async function run(report: Report): Promise<void> {
  const t = tempDir('tayori-bench-');
  try {
    if (process.env.BENCH_IMPORT_SOURCES !== '1') app = await loadBundledImport();
    console.log(`# import code: ${process.env.BENCH_IMPORT_SOURCES === '1' ? 'TypeScript sources (worker through tsx)' : 'bundled as the app (bundled-import.ts)'}`);
    console.log(COLD ? '# cold: each import starts its parser thread (BENCH_IMPORT_COLD=1)' : '# each import after its mapping step, which starts the parser thread, as in the app');
    await warmUp(t.dir);
    // BENCH_IMPORT_ORDERS=random (or sequential) runs one half only.
    for (const o of (process.env.BENCH_IMPORT_ORDERS ?? 'sequential,random').split(',')) await importOrder(t.dir, o as Order, report);
  } finally {
    t.cleanup();
  }
}
