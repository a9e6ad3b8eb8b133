// Import benchmark: a generated 1,000,000-row CP932 CSV (8 columns of Japanese text, never
// committed) imported through the real service, against a raw prepared-statement insert of
// the same rows into a plain table as the reference.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import Encoding from 'encoding-japanese';
import { openDatabase } from '../../electron/db/connection';
import { systemClock } from '../../electron/services/clock';
import { createImportService } from '../../electron/services/import';
import { tempDir } from '../helpers/tmp';
import type { Report } from './report';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);

const SURNAMES = ['山田', '佐藤', '鈴木', '髙橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山本', '﨑村', '斎藤'];
const GIVEN = ['太郎', '花子', '一郎', '次郎', '美咲', '翔太', '結衣', '大輔', '陽子', '健一'];
const KANA = ['ヤマダ タロウ', 'サトウ ハナコ', 'スズキ イチロウ', 'タカハシ ジロウ', 'タナカ ミサキ'];
const CITIES = ['東京都千代田区丸の内', '大阪府大阪市北区梅田', '愛知県名古屋市中村区名駅', '福岡県福岡市博多区博多駅前', '北海道札幌市中央区北一条西'];
const GROUPS = ['第一班', '第二班', '㈱テスト事業部', '①地区', '役員会～理事'];
const NOTES = ['特になし', '回覧板は郵送希望', '平日夜間のみ連絡可', '"引継ぎ" 要確認, 次回総会', 'メール配信希望'];

const enc = (s: string): Buffer => Buffer.from(Encoding.convert(Encoding.stringToCode(s), { to: 'SJIS', from: 'UNICODE' }));
const quoted = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Which member number row i carries: in file order, or (what real lists look like, sorted by
 * name or district rather than by address) a fixed pseudo-random permutation of 0..ROWS-1.
 */
type Order = 'sequential' | 'random';
function permutation(n: number): Uint32Array {
  const p = new Uint32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  let seed = 2463534242;
  for (let i = n - 1; i > 0; i--) {
    seed ^= seed << 13; seed >>>= 0; seed ^= seed >>> 17; seed ^= seed << 5; seed >>>= 0;
    const j = seed % (i + 1);
    const t = p[i]!; p[i] = p[j]!; p[j] = t;
  }
  return p;
}
let order: Uint32Array | null = null;
function useOrder(o: Order): void {
  order = o === 'random' ? permutation(ROWS) : null;
}

/** The 8 cells of row i (as text), shared by the CSV writer and the raw-insert reference. */
function cells(row: number): string[] {
  const i = order ? order[row]! : row;
  return [
    String(100000 + i),
    `${SURNAMES[i % SURNAMES.length]} ${GIVEN[i % GIVEN.length]}`,
    KANA[i % KANA.length]!,
    `member${i}@example.jp`,
    `${CITIES[i % CITIES.length]}${(i % 9) + 1}丁目${i % 100}番`,
    `090-${String(i % 10000).padStart(4, '0')}-${String((i * 7) % 10000).padStart(4, '0')}`,
    GROUPS[i % GROUPS.length]!,
    NOTES[i % NOTES.length]!,
  ];
}

export function writeCsv(path: string): number {
  // Encoding each distinct Japanese cell once keeps generation fast; ASCII needs no mapping.
  const cache = new Map<string, Buffer>();
  const cellBytes = (s: string): Buffer => {
    if (/^[\x00-\x7f]*$/.test(s)) return Buffer.from(s, 'latin1');
    let b = cache.get(s);
    if (!b) cache.set(s, (b = enc(s)));
    return b;
  };
  const fd = openSync(path, 'w');
  writeSync(fd, enc('会員番号,氏名,フリガナ,メールアドレス,住所,電話,所属,備考\r\n'));
  const comma = Buffer.from(','), crlf = Buffer.from('\r\n');
  let parts: Buffer[] = [];
  for (let i = 0; i < ROWS; i++) {
    cells(i).forEach((c, k) => parts.push(k ? comma : Buffer.alloc(0), cellBytes(quoted(c))));
    parts.push(crlf);
    if (parts.length > 50_000) {
      writeSync(fd, Buffer.concat(parts));
      parts = [];
    }
  }
  writeSync(fd, Buffer.concat(parts));
  closeSync(fd);
  return statSync(path).size;
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

/** Imports the file through the real service, then the raw reference; returns both rates. */
async function importOnce(dir: string, o: Order, report: Report): Promise<void> {
  useOrder(o);
  const suffix = o === 'random' ? '_random' : '';
  const csv = join(dir, `members${suffix}.csv`);
  const bytes = writeCsv(csv);
  console.log(`# generated ${ROWS} rows (${o} addresses), ${(bytes / 2 ** 20).toFixed(1)} MB CP932`);

  const db = openDatabase(join(dir, `bench${suffix}.db`));
  const service = createImportService({ db, clock: systemClock });
  global.gc?.();
  const sampler = startRssSampler();
  const cpuStart = process.cpuUsage();
  const mainStart = process.threadCpuUsage();
  const start = performance.now();
  let readDone = 0;
  const result = await service.importFile({
    filePath: csv,
    onProgress: (p) => {
      if (p.bytesDone === p.bytesTotal) readDone = performance.now();
    },
  });
  const seconds = (performance.now() - start) / 1000;
  const peak = await sampler.stop();
  if (result.counts.accepted !== ROWS) throw new Error(`imported ${result.counts.accepted} of ${ROWS} rows`);
  const cpu = process.cpuUsage(cpuStart);
  // This thread's share (SQLite and the batches' unpacking) apart from the parser's worker, which
  // runs on the other core: the two halves of the import are judged separately.
  const main = process.threadCpuUsage(mainStart);
  const mainSeconds = (main.user + main.system) / 1e6;
  // Wall-clock figures below depend on how busy the machine is; CPU time shows the work itself.
  console.log(
    `# read+stage ${((readDone - start) / 1000).toFixed(2)} s, commit ${((performance.now() - readDone) / 1000).toFixed(2)} s, ` +
      `cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (encoding ${result.encoding})`,
  );
  const rate = Math.round(ROWS / seconds);
  report(`import${suffix}_rows_per_s`, rate, 'rows/s');
  report(`import${suffix}_main_cpu_s_per_1m_rows`, +((mainSeconds * 1e6) / ROWS).toFixed(2), 's');
  const allSeconds = (cpu.user + cpu.system) / 1e6;
  report(`import${suffix}_cpu_s_per_1m_rows`, +((allSeconds * 1e6) / ROWS).toFixed(2), 's');
  // The parser's worker, mostly (also GC helpers and this benchmark's memory sampler).
  report(`import${suffix}_other_threads_cpu_s_per_1m_rows`, +(((allSeconds - mainSeconds) * 1e6) / ROWS).toFixed(2), 's');
  report(`import${suffix}_peak_rss_mb`, Math.round(peak / 2 ** 20), 'MB');
  // Whatever the import left in the WAL is copied into the database file by a checkpoint: deferred
  // work, shown here and kept out of the reference below.
  const cpStart = performance.now();
  db.pragma('wal_checkpoint(TRUNCATE)');
  console.log(`# wal checkpoint after the import ${((performance.now() - cpStart) / 1000).toFixed(2)} s`);

  // Reference: the same rows, one prepared statement, one transaction, a plain table.
  db.exec('CREATE TABLE raw_rows (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT)');
  const insert = db.prepare('INSERT INTO raw_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  const rawStart = performance.now();
  const rawCpuStart = process.threadCpuUsage();
  db.transaction(() => {
    for (let i = 0; i < ROWS; i++) insert.run(cells(i));
  })();
  const rawCpu = process.threadCpuUsage(rawCpuStart);
  const raw = Math.round(ROWS / ((performance.now() - rawStart) / 1000));
  report(`sqlite_raw_insert${suffix}_rows_per_s`, raw, 'rows/s');
  // CPU against CPU on the same thread: what this thread's share of the import costs next to the
  // reference, whatever the machine's load does to wall time (>= 1: the database side keeps up).
  // The reference's CPU includes building its cells in JavaScript, as its rows/s does.
  const rawSeconds = (rawCpu.user + rawCpu.system) / 1e6;
  report(`sqlite_raw_insert${suffix}_cpu_s_per_1m_rows`, +((rawSeconds * 1e6) / ROWS).toFixed(2), 's');
  report(`import${suffix}_main_cpu_vs_raw_cpu`, rawSeconds / mainSeconds, 'ratio (raw CPU / import main-thread CPU)');
  report(`import${o === 'random' ? '_random' : ''}_vs_raw`, rate / raw, 'ratio (target >= ' + (o === 'random' ? '0.6' : '0.8') + ')');
  db.close();
}

export async function run(report: Report): Promise<void> {
  const t = tempDir('tayori-bench-');
  try {
    await importOnce(t.dir, 'sequential', report);
    await importOnce(t.dir, 'random', report);
  } finally {
    t.cleanup();
  }
}
