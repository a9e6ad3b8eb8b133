// Import parser benchmark: the CPU the parsing thread spends on the import benchmark's file
// (1,000,000 rows of 8 Japanese cells in CP932, in file order and in random address order),
// with no database. The import runs this on a worker thread while the main thread stores; on
// two cores the import can only be as fast as the slower of the two, so this figure is the
// parsing side's share of the import's speed (`npm run bench -- import` shows the whole).
//
import { closeSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Encoding from 'encoding-japanese';
import { fileSource } from '../../electron/services/import/byte-source';
import { createParseRunner } from '../../electron/services/import/parse-runner';
import { tempDir } from '../helpers/tmp';
import type { Report } from './report';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_PARSE_RUNS ?? 3);

// The import benchmark's rows (test/bench/import-bench.ts), written the same way.
const SURNAMES = ['山田', '佐藤', '鈴木', '髙橋', '田中', '伊藤', '渡辺', '中村', '小林', '加藤', '吉田', '山本', '﨑村', '斎藤'];
const GIVEN = ['太郎', '花子', '一郎', '次郎', '美咲', '翔太', '結衣', '大輔', '陽子', '健一'];
const KANA = ['ヤマダ タロウ', 'サトウ ハナコ', 'スズキ イチロウ', 'タカハシ ジロウ', 'タナカ ミサキ'];
const CITIES = ['東京都千代田区丸の内', '大阪府大阪市北区梅田', '愛知県名古屋市中村区名駅', '福岡県福岡市博多区博多駅前', '北海道札幌市中央区北一条西'];
const GROUPS = ['第一班', '第二班', '㈱テスト事業部', '①地区', '役員会～理事'];
const NOTES = ['特になし', '回覧板は郵送希望', '平日夜間のみ連絡可', '"引継ぎ" 要確認, 次回総会', 'メール配信希望'];

const enc = (s: string): Buffer => Buffer.from(Encoding.convert(Encoding.stringToCode(s), { to: 'SJIS', from: 'UNICODE' }));
const quoted = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

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

function writeCsv(path: string, order: Uint32Array | null): number {
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
    cells(order ? order[i]! : i).forEach((c, k) => parts.push(k ? comma : Buffer.alloc(0), cellBytes(quoted(c))));
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
async function parseOnce(file: string): Promise<Timing> {
  const source = await fileSource(file);
  global.gc?.();
  const process0 = process.cpuUsage();
  const main0 = process.threadCpuUsage();
  const start = performance.now();
  const runner = createParseRunner({ encoding: 'shift_jis', dialect: { delimiter: ',', newline: '\r\n' } }, () => {}, true);
  try {
    for await (const chunk of source.chunks()) await runner.push(chunk);
    const result = await runner.finish();
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
    writeFileSync(tiny, enc('会員番号,メールアドレス\r\n1,a@example.jp\r\n'));
    const startups: number[] = [];
    for (let r = 0; r < 3; r++) startups.push((await parseOnce(tiny)).cpu);
    const startup = Math.min(...startups);
    report('parse_thread_startup_cpu_s', startup, 's');
    for (const order of ['sequential', 'random'] as const) {
      const file = join(t.dir, `members-${order}.csv`);
      const bytes = writeCsv(file, order === 'random' ? permutation(ROWS) : null);
      console.log(`# generated ${ROWS} rows (${order} addresses), ${(bytes / 2 ** 20).toFixed(1)} MB CP932`);
      const cpus: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        const m = await parseOnce(file);
        if (m.accepted !== ROWS) throw new Error(`parsed ${m.accepted} of ${ROWS} rows`);
        console.log(`# run ${r + 1}: parser cpu (its thread and the GC helper threads) ${m.cpu.toFixed(2)} s, main thread cpu ${m.main.toFixed(2)} s, wall ${m.wall.toFixed(2)} s`);
        cpus.push(m.cpu);
      }
      // The least of the runs: the others' load on this shared machine only ever adds to it.
      const best = Math.min(...cpus) * (1_000_000 / ROWS);
      report(`parse${order === 'random' ? '_random' : ''}_cpu_s_per_1m_rows`, best, 's');
    }
  } finally {
    t.cleanup();
  }
}
