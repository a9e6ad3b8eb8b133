// What the user sees while an import runs: progress counts rows written, not rows the parser has
// read ahead (parse-runner.ts lets it read 20 MiB ahead of the member sink's steps), and a cancel
// that arrives after the whole file was read still cancels, leaving nothing behind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppError } from '../../../shared/errors';
import type { ImportProgress } from '../../../electron/services/import/import-report';
import { STEP_ROWS } from '../../../electron/services/import/member-sink';
import { MAX_IN_FLIGHT_BYTES } from '../../../electron/services/import/parse-runner';
import { importFixture, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => (f = importFixture()));
afterEach(() => f.cleanup());

// About 100 bytes a row: 400,000 rows is ~40 MB, twice the parser's read-ahead.
const csv = (n: number) =>
  '会員番号,氏名,メールアドレス,備考\n' +
  Array.from({ length: n }, (_, i) => `${i},名前${i},m${i}@example.jp,備考の欄はこのくらいの長さの文章がある行${i}`).join('\n');

/** Members rows in the database, committed (a pending list's rows count). */
const written = (): number => f.db.prepare('SELECT count(*) FROM members').pluck().get() as number;

describe('import progress', () => {
  it('counts rows written, and reaches the end of the file only once every row is written', { timeout: 120_000 }, async () => {
    const rows = 400_000;
    const path = f.write(csv(rows));
    const seen: (ImportProgress & { written: number })[] = [];
    const r = await f.service.importFile({ filePath: path, onProgress: (p) => seen.push({ ...p, written: written() }) });
    expect(r.counts.accepted).toBe(rows);
    expect(r.bytes).toBeGreaterThan(MAX_IN_FLIGHT_BYTES * 1.5);
    // Steps were written while the file was read, and progress said so along the way.
    expect(seen.filter((p) => p.rowsDone > 0 && p.rowsDone < rows).length).toBeGreaterThan(2);
    for (const p of seen) {
      // Never more rows shown than are in the database.
      expect(p.rowsDone).toBeLessThanOrEqual(p.written);
      // The bar at the end of the file means every row is in.
      if (p.bytesDone === p.bytesTotal) expect(p.written).toBe(rows);
    }
    // It does reach the end, and moves forward only.
    expect(seen.at(-1)).toMatchObject({ bytesDone: r.bytes, bytesTotal: r.bytes, rowsDone: rows, written: rows });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.bytesDone).toBeGreaterThanOrEqual(seen[i - 1]!.bytesDone);
      expect(seen[i]!.rowsDone).toBeGreaterThanOrEqual(seen[i - 1]!.rowsDone);
    }
  });

  it('a cancel after the whole file was read, while its last rows are written, cancels and leaves nothing', { timeout: 120_000 }, async () => {
    const rows = 200_000;
    const path = f.write(csv(rows));
    const before = f.snapshot();
    const ac = new AbortController();
    let writtenAtCancel = -1;
    const err = await f.service
      .importFile({
        filePath: path,
        signal: ac.signal,
        onProgress: (p) => {
          // The last progress before the final transaction: the file is read and its rows written.
          if (p.bytesDone === p.bytesTotal && !ac.signal.aborted) {
            writtenAtCancel = written();
            ac.abort();
          }
        },
      })
      .then(() => null, (e: unknown) => e);
    expect((err as AppError | null)?.code).toBe('import-cancelled');
    expect(writtenAtCancel).toBe(rows);
    expect(f.snapshot()).toEqual(before);
    expect(f.db.prepare('SELECT count(*) FROM lists WHERE pending = 1').pluck().get()).toBe(0);
  });

  it('a cancel while the parser finishes the read-ahead cancels before the last step is written', { timeout: 120_000 }, async () => {
    const rows = 200_000;
    const path = f.write(csv(rows));
    const before = f.snapshot();
    const ac = new AbortController();
    const stepsAfterCancel: number[] = [];
    let cancelledWith = -1;
    const err = await f.service
      .importFile({
        filePath: path,
        signal: ac.signal,
        onProgress: (p) => {
          if (ac.signal.aborted) stepsAfterCancel.push(written());
          // Cancelled once the file is read but its last rows are not all written yet.
          else if (p.rowsDone >= STEP_ROWS && written() < rows) {
            cancelledWith = written();
            ac.abort();
          }
        },
      })
      .then(() => null, (e: unknown) => e);
    expect((err as AppError | null)?.code).toBe('import-cancelled');
    expect(cancelledWith).toBeGreaterThanOrEqual(STEP_ROWS);
    // No step was written after the cancel was seen.
    expect(stepsAfterCancel.every((n) => n === cancelledWith)).toBe(true);
    expect(f.snapshot()).toEqual(before);
  });
});
