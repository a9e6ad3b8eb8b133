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

/** The 8 cells of row i (as text), shared by the CSV writer and the raw-insert reference. */
function cells(i: number): string[] {
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

export async function run(report: Report): Promise<void> {
  const t = tempDir('tayori-bench-');
  try {
    const csv = join(t.dir, 'members.csv');
    const bytes = writeCsv(csv);
    console.log(`# generated ${ROWS} rows, ${(bytes / 2 ** 20).toFixed(1)} MB CP932`);

    const db = openDatabase(join(t.dir, 'bench.db'));
    const service = createImportService({ db, clock: systemClock });
    global.gc?.();
    const sampler = startRssSampler();
    const cpuStart = process.cpuUsage();
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
    // Wall-clock figures below depend on how busy the machine is; CPU time shows the work itself.
    console.log(
      `# read+stage ${((readDone - start) / 1000).toFixed(2)} s, commit ${((performance.now() - readDone) / 1000).toFixed(2)} s, ` +
        `cpu ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s (encoding ${result.encoding})`,
    );
    report('import_rows_per_s', Math.round(ROWS / seconds), 'rows/s');
    report('import_peak_rss_mb', Math.round(peak / 2 ** 20), 'MB');
    // The import leaves its pages in the WAL (no checkpoint during it); copying them into the
    // database file is deferred work, shown here and kept out of the reference below.
    const cpStart = performance.now();
    db.pragma('wal_checkpoint(TRUNCATE)');
    console.log(`# wal checkpoint after the import ${((performance.now() - cpStart) / 1000).toFixed(2)} s`);

    // Reference: the same rows, one prepared statement, one transaction, a plain table.
    db.exec('CREATE TABLE raw_rows (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT)');
    const insert = db.prepare('INSERT INTO raw_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const rawStart = performance.now();
    db.transaction(() => {
      for (let i = 0; i < ROWS; i++) insert.run(cells(i));
    })();
    report('sqlite_raw_insert_rows_per_s', Math.round(ROWS / ((performance.now() - rawStart) / 1000)), 'rows/s');
    db.close();
  } finally {
    t.cleanup();
  }
}
