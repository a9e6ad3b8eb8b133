// A ~200 MB file is streamed: the import completes and memory stays bounded (the file is
// never held whole). RSS growth is printed for the record, and bounded well below file size.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { countMembers } from '../../../electron/db/repos/members-repo';
import { importFixture, type ImportFixture } from './import-fixture';

let f: ImportFixture;
let path: string;
let rows = 0;
const TARGET_BYTES = 200 * 1024 * 1024;

beforeAll(() => {
  f = importFixture();
  path = join(f.dir, 'large.csv');
  const fd = openSync(path, 'w');
  writeSync(fd, '会員番号,氏名,フリガナ,メールアドレス,住所,電話,所属,備考\r\n');
  let bytes = 0;
  while (bytes < TARGET_BYTES) {
    let batch = '';
    for (let i = 0; i < 10_000; i++, rows++) {
      batch += `${rows},山田 太郎${rows},ヤマダ タロウ,member${rows}@example.jp,東京都千代田区丸の内一丁目${rows % 100}番,03-1234-${String(rows % 10000).padStart(4, '0')},"第${rows % 50}班, 町内会","備考 ""${rows}"""\r\n`;
    }
    bytes += writeSync(fd, batch);
  }
  closeSync(fd);
});
afterAll(() => f.cleanup());

it('streams a 200 MB file with bounded memory', { timeout: 180_000 }, async () => {
  const size = statSync(path).size;
  global.gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const r = await f.service.importFile({
    filePath: path,
    onProgress: () => {
      peak = Math.max(peak, process.memoryUsage().rss);
    },
  });
  peak = Math.max(peak, process.memoryUsage().rss);
  console.log(
    `large import: ${(size / 2 ** 20).toFixed(0)} MB, ${rows} rows, rss growth ${((peak - rssBefore) / 2 ** 20).toFixed(0)} MB (peak ${(peak / 2 ** 20).toFixed(0)} MB)`,
  );
  expect(r.counts).toMatchObject({ rows, accepted: rows, rejected: 0 });
  expect(countMembers(f.db, r.listId)).toBe(rows);
  // A non-streaming import holds the bytes (1x the file), the decoded UTF-16 string (about 2x)
  // and the parsed rows on top: well over 3x. Streaming with the parser thread's bounded
  // queue measured 140-205 MB of growth here on a noisy shared machine, and 247 MB before a new
  // list's address and key lookups were sorted by the parser (migration 0016): those hold each
  // row's address and key, about 30 bytes a row, 35-40 MB for this file's 1.22M rows (283-285 MB
  // of growth on the build machine, 317 MB once on a freshly installed one). So the bound is
  // 1.75x: far from what holding the file would need, and not flaky under GC timing.
  expect(peak - rssBefore).toBeLessThan(size * 1.75);
});
