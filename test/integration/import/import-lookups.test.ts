// A new list's address and key lookups (migration 0016) are written by the import itself, not by
// the insert trigger: with their rows where they come in ascending order, the others sorted by the
// parser (lookup-sort.ts) after the rows. Whatever the rows (duplicate
// addresses, rows without a key, Japanese keys, addresses that are not ASCII), parsed inline or
// in the worker thread, over several chunks and batches: once published the lookups hold exactly
// the list's members; a re-import, its undo and a failure while they are written keep that true.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportService } from '../../../electron/services/import';
import { importFixture, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => (f = importFixture()));
afterEach(() => f.cleanup());

function expectExact(): void {
  const l = f.lookups();
  expect(l.emails).toEqual(l.expectedEmails);
  expect(l.keys).toEqual(l.expectedKeys);
}

const local = fc.constantFrom('taro', 'hanako', 'm1', 'm10', 'm2', 'info', 'x.y', 'Taro');
const domain = fc.constantFrom('example.jp', 'example.com', 'EXAMPLE.jp', 'ドメイン.jp');
const key = fc.constantFrom('', '1', '10', '2', 'A-01', '会員１', '会員2', ' 7 ');
const row = fc.record({ local, n: fc.integer({ min: 0, max: 40 }), domain, key });

const csvOf = (rows: Array<{ local: string; n: number; domain: string; key: string }>): string =>
  '会員番号,氏名,メールアドレス\n' + rows.map((r, i) => `${r.key},名前${i},${r.local}${r.n}@${r.domain}`).join('\n');

describe('a new list\'s lookups', () => {
  for (const parseThread of ['never', 'always'] as const) {
    it(`hold exactly its members (parser ${parseThread === 'always' ? 'in the worker' : 'inline'})`, { timeout: 120_000 }, async () => {
      const service = createImportService({ db: f.db, clock: f.clock, parseThread });
      await fc.assert(
        fc.asyncProperty(fc.array(row, { minLength: 1, maxLength: 60 }), async (rows) => {
          const r = await service.importFile({ filePath: f.write(csvOf(rows)) });
          expect(r.counts.accepted).toBeGreaterThan(0);
          expectExact();
        }),
        { numRuns: parseThread === 'always' ? 15 : 40 },
      );
    });
  }

  it('hold exactly a large list (many batches, chunks and steps) read in the worker', { timeout: 120_000 }, async () => {
    const service = createImportService({ db: f.db, clock: f.clock, parseThread: 'always' });
    // 150,000 rows: several member-sink steps and lookup chunks; addresses and keys out of order, some shared.
    const lines = Array.from({ length: 150_000 }, (_, i) => {
      const k = (i * 7919) % 150_000;
      return `${k % 10 === 0 ? '' : `K${k}`},名前${i},m${k % 140_000}@example.jp`;
    });
    const r = await service.importFile({ filePath: f.write(`会員番号,氏名,メールアドレス\n${lines.join('\n')}`) });
    expect(r.counts.accepted).toBe(150_000);
    expectExact();
  });

  it('stay exact through a re-import into the list and its undo', { timeout: 60_000 }, async () => {
    const first = await f.service.importFile({ filePath: f.write(csvOf([
      { local: 'a', n: 1, domain: 'example.jp', key: '1' }, { local: 'b', n: 2, domain: 'example.jp', key: '' },
    ])) });
    await f.service.importFile({
      filePath: f.write(csvOf([{ local: 'a', n: 1, domain: 'example.jp', key: '1' }, { local: 'c', n: 3, domain: 'example.jp', key: '3' }])),
      listId: first.listId,
    });
    expectExact();
    f.service.undoLastImport(first.listId, null);
    expectExact();
    expect((f.lookups().emails as unknown[][]).filter((e) => e[0] === first.listId)).toHaveLength(2);
  });

  it('hold exactly a list whose keys come mostly in ascending order (written with the rows) read in the worker', { timeout: 120_000 }, async () => {
    const service = createImportService({ db: f.db, clock: f.clock, parseThread: 'always' });
    // Member numbers in file order over several steps, with a run out of order, repeats and rows
    // without a key; addresses partly ascending too (the two kinds meet in one batch).
    const lines = Array.from({ length: 80_000 }, (_, i) => {
      const k = i >= 40_000 && i < 41_000 ? 90_000 - i : i - (i % 7 === 3 ? 1 : 0);
      const email = i < 20_000 ? `a${String(i).padStart(6, '0')}@example.jp` : `m${(i * 7919) % 80_000}@example.jp`;
      return `${i % 11 === 0 ? '' : `K${String(k).padStart(6, '0')}`},名前${i},${email}`;
    });
    const r = await service.importFile({ filePath: f.write(`会員番号,氏名,メールアドレス\n${lines.join('\n')}`) });
    expect(r.counts.accepted).toBe(80_000);
    expectExact();
  });

  // An entry in ascending order is written with its row, in the step; any other after the rows.
  // The keys are in order throughout: the first 4,096 (lookup-sort.ts, IN_ORDER_PROBE) go in
  // after the rows, the others with them.
  for (const [when, failing] of [['with the rows', 'K050000'], ['after the rows', 'K000005']] as const) {
    it(`leave nothing behind when writing them fails ${when}; the next import works`, { timeout: 60_000 }, async () => {
      const service = createImportService({ db: f.db, clock: f.clock, parseThread: 'always' });
      await service.importFile({ filePath: f.write(csvOf([{ local: 'z', n: 0, domain: 'example.jp', key: '9' }])) });
      const before = f.snapshot();
      f.db.exec(`CREATE TRIGGER probe_fail BEFORE INSERT ON member_keys WHEN NEW.member_key = '${failing}'
                 BEGIN SELECT RAISE(FAIL, 'probe failure'); END`);
      const lines = Array.from({ length: 70_000 }, (_, i) => `K${String(i).padStart(6, '0')},名前,m${i}@example.jp`).join('\n');
      const err = await service.importFile({ filePath: f.write(`会員番号,氏名,メールアドレス\n${lines}`) }).then(() => null, (e: unknown) => e);
      expect(String((err as Error)?.message)).toMatch(/probe failure/);
      f.db.exec('DROP TRIGGER probe_fail');
      expect(f.snapshot()).toEqual(before);
      const again = await service.importFile({ filePath: f.write(`会員番号,氏名,メールアドレス\n${lines}`) });
      expect(again.counts.accepted).toBe(70_000);
      expectExact();
    });
  }
});
