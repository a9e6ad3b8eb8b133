// Probe (issue 15): a new list's rows go straight into members, a step at a time, with foreign-key
// enforcement off inside each step (member-sink.ts). A failure in the middle of a step — a
// statement failing after some of its rows went in — must leave nothing half-imported, foreign keys
// on, PRAGMA foreign_key_check empty; two imports at once must each get exactly their rows; the
// search index must find the new list's members once it is built.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportService } from '../../../electron/services/import';
import { STEP_ROWS } from '../../../electron/services/import/member-sink';
import { importFixture, type ImportFixture } from '../import/import-fixture';

let f: ImportFixture;
beforeEach(() => (f = importFixture()));
afterEach(() => f.cleanup());

const csv = (n: number, from = 0) =>
  '会員番号,氏名,メールアドレス\n' + Array.from({ length: n }, (_, i) => `${from + i},名前${from + i},m${from + i}@example.jp`).join('\n');

function expectConsistent() {
  expect(f.db.pragma('foreign_keys', { simple: true })).toBe(1);
  expect(f.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
  expect(f.db.prepare('SELECT count(*) FROM lists WHERE pending = 1').pluck().get()).toBe(0);
  expect(f.db.inTransaction).toBe(false);
}

describe('probe: a statement failing in the middle of a step', () => {
  // Row `failAt` fails inside a 64-row INSERT OR FAIL (rows before it in the statement are
  // already in): the step, and every step before it, must be undone.
  for (const failAt of [10, 100, STEP_ROWS + 100]) {
    it(`failing at row ${failAt} leaves the database as it was, foreign keys on`, { timeout: 120_000 }, async () => {
      const first = await f.service.importBuffer({ bytes: new TextEncoder().encode(csv(5)), fileName: 'a.csv' });
      const before = f.snapshot();
      f.db.exec(`CREATE TRIGGER probe_fail BEFORE INSERT ON members WHEN NEW.email = 'm${failAt}@example.jp'
                 BEGIN SELECT RAISE(FAIL, 'probe failure'); END`);
      const err = await f.service.importFile({ filePath: f.write(csv(2 * STEP_ROWS + 500)) }).then(() => null, (e: unknown) => e);
      expect(String((err as Error)?.message)).toMatch(/probe failure/);
      f.db.exec('DROP TRIGGER probe_fail');
      expect(f.snapshot()).toEqual(before);
      expectConsistent();
      expect(f.members(first.listId)).toHaveLength(5);
      // The next import works as usual.
      const again = await f.service.importFile({ filePath: f.write(csv(STEP_ROWS + 3)) });
      expect(f.members(again.listId)).toHaveLength(STEP_ROWS + 3);
      expectConsistent();
    });
  }
});

describe('probe: a step failing while the worker thread parses', () => {
  it('leaves nothing, foreign keys on; the next threaded import works', { timeout: 120_000 }, async () => {
    const threaded = createImportService({ db: f.db, clock: f.clock, parseThread: 'always' });
    const before = f.snapshot();
    f.db.exec(`CREATE TRIGGER probe_fail BEFORE INSERT ON members WHEN NEW.email = 'm${STEP_ROWS + 5}@example.jp'
               BEGIN SELECT RAISE(FAIL, 'probe failure'); END`);
    const err = await threaded.importFile({ filePath: f.write(csv(3 * STEP_ROWS)) }).then(() => null, (e: unknown) => e);
    expect(String((err as Error)?.message)).toMatch(/probe failure/);
    f.db.exec('DROP TRIGGER probe_fail');
    expect(f.snapshot()).toEqual(before);
    expectConsistent();
    const again = await threaded.importFile({ filePath: f.write(csv(STEP_ROWS + 3)) });
    expect(f.members(again.listId)).toHaveLength(STEP_ROWS + 3);
    expectConsistent();
  });
});

describe('probe: imports running at the same time', () => {
  it('two new lists at once each get exactly their own rows', { timeout: 120_000 }, async () => {
    const [a, b] = await Promise.all([
      f.service.importFile({ filePath: f.write(csv(STEP_ROWS + 700)) }),
      f.service.importFile({ filePath: f.write(csv(STEP_ROWS + 900, 1_000_000)) }),
    ]);
    expect(f.members(a.listId)).toHaveLength(STEP_ROWS + 700);
    expect(f.members(b.listId)).toHaveLength(STEP_ROWS + 900);
    expect(f.members(a.listId).every((m) => /^m\d+@/.test(m.email) && Number(m.email.slice(1).split('@')[0]) < 1_000_000)).toBe(true);
    expect(f.members(b.listId).every((m) => Number(m.email.slice(1).split('@')[0]) >= 1_000_000)).toBe(true);
    expect(f.db.prepare('SELECT count(DISTINCT last_seen_import) FROM members WHERE list_id = ?').pluck().get(a.listId)).toBe(1);
    expectConsistent();
  });

  it('one cancelled while another into a new list and a re-import run: only the others land', { timeout: 120_000 }, async () => {
    const existing = await f.service.importBuffer({ bytes: new TextEncoder().encode(csv(100)), fileName: 'e.csv' });
    const ac = new AbortController();
    const results = await Promise.allSettled([
      f.service.importFile({
        filePath: f.write(csv(3 * STEP_ROWS, 2_000_000)),
        signal: ac.signal,
        onProgress: (p) => {
          if (p.bytesDone > p.bytesTotal / 2) ac.abort();
        },
      }),
      f.service.importFile({ filePath: f.write(csv(STEP_ROWS + 10, 1_000_000)) }),
      f.service.importFile({ filePath: f.write(csv(200, 50)), listId: existing.listId }),
    ]);
    expect(results[0].status).toBe('rejected');
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ code: 'import-cancelled' });
    expect(results[1].status).toBe('fulfilled');
    expect(results[2].status).toBe('fulfilled');
    expect(f.db.prepare("SELECT count(*) FROM members WHERE email LIKE 'm2______@example.jp'").pluck().get()).toBe(0);
    expect(f.members((results[1] as PromiseFulfilledResult<{ listId: number }>).value.listId)).toHaveLength(STEP_ROWS + 10);
    expect(f.members(existing.listId)).toHaveLength(200);
    expectConsistent();
  });
});
