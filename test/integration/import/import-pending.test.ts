// A new list is filled while the file is read: readers must not see it before the import
// commits, a failed or cancelled import must leave nothing, a crash's leftovers are removed,
// and the worker-thread parser must give exactly what the inline one gives.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { createImportService } from '../../../electron/services/import';
import { allLists, getList, pendingListIds } from '../../../electron/db/repos/lists-repo';
import { STEP_ROWS } from '../../../electron/services/import/member-sink';
import { importFixture, type ImportFixture } from './import-fixture';
import { leaveCrashedImport } from '../../helpers/crashed-import';

let f: ImportFixture;
beforeEach(() => (f = importFixture()));
afterEach(() => f.cleanup());

const csv = (n: number, from = 0) =>
  '会員番号,氏名,メールアドレス,備考\n' +
  Array.from({ length: n }, (_, i) => `${from + i},名前${from + i},m${from + i}@example.jp,"引用 ""${i}"", 改行\nあり"`).join('\n');

describe('pending lists', () => {
  it('is invisible to readers until the import commits', async () => {
    const path = f.write(csv(50_000));
    const seen: { lists: number; pending: number }[] = [];
    const r = await f.service.importFile({
      filePath: path,
      onProgress: () => {
        seen.push({
          lists: allLists(f.db).length,
          pending: f.db.prepare('SELECT count(*) FROM lists WHERE pending = 1').pluck().get() as number,
        });
      },
    });
    expect(seen.length).toBeGreaterThan(0);
    // While reading: a pending list exists, yet no reader lists it.
    expect(seen.every((s) => s.lists === 0 && s.pending === 1)).toBe(true);
    expect(allLists(f.db).map((l) => l.id)).toEqual([r.listId]);
    expect(getList(f.db, r.listId)?.columns).toEqual(['会員番号', '氏名', 'メールアドレス', '備考']);
    expect(f.members(r.listId)).toHaveLength(50_000);
  });

  it('a cancelled import of a new list leaves the database as it was', async () => {
    const first = await f.service.importBuffer({ bytes: new TextEncoder().encode(csv(3)), fileName: 'a.csv' });
    const before = f.snapshot();
    const ac = new AbortController();
    const err = await f.service
      .importFile({
        filePath: f.write(csv(100_000)),
        signal: ac.signal,
        onProgress: (p) => {
          if (p.bytesDone > p.bytesTotal / 2) ac.abort();
        },
      })
      .then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('import-cancelled');
    expect(f.snapshot()).toEqual(before);
    expect(f.members(first.listId)).toHaveLength(3);
  });

  // Rows reach members in steps of STEP_ROWS (member-sink.ts): a file past twice that size is
  // written in several steps, and a cancel after a step must still leave nothing behind.
  it('a file written into members in several steps keeps file order; cancelled after a step, it leaves nothing', { timeout: 120_000 }, async () => {
    // Larger than what the parser thread may read ahead (parse-runner.ts, 10 MiB), so the file is
    // still being read while the steps are written.
    const path = f.write(csv(400_000));
    const r = await f.service.importFile({ filePath: path });
    const lines = f.db.prepare('SELECT line FROM members WHERE list_id = ? ORDER BY id').pluck().all(r.listId) as number[];
    expect(lines).toHaveLength(400_000);
    // Each row spans two text lines (a quoted line break); Excel rows count one per record.
    expect(lines.every((line, i) => line === i + 2)).toBe(true);
    const before = f.snapshot();
    const ac = new AbortController();
    let movedBeforeCancel = 0;
    const err = await f.service
      .importFile({
        filePath: path,
        signal: ac.signal,
        // Cancelled once two steps are in members (the parser runs ahead of the steps, so how
        // much of the file was read says little about how much was written).
        onProgress: (p) => {
          if (ac.signal.aborted || p.rowsDone < 2 * STEP_ROWS) return;
          movedBeforeCancel = f.db.prepare('SELECT count(*) FROM members WHERE list_id <> ?').pluck().get(r.listId) as number;
          if (movedBeforeCancel >= 2 * STEP_ROWS) ac.abort();
        },
      })
      .then(() => null, (e: unknown) => e);
    expect((err as AppError).code).toBe('import-cancelled');
    expect(movedBeforeCancel).toBeGreaterThanOrEqual(2 * STEP_ROWS);
    expect(f.snapshot()).toEqual(before);
    expect(f.db.prepare("SELECT count(*) FROM sqlite_temp_master WHERE type = 'table'").pluck().get()).toBe(0);
  });

  // The steps run with foreign-key enforcement off and check the rows' parents once each
  // (member-sink.ts): enforcement must be on again afterwards, and a step must refuse to write
  // under a list that is no longer pending.
  it('checks the list and import of each step itself and turns foreign keys back on, also after a failure', { timeout: 120_000 }, async () => {
    const r = await f.service.importFile({ filePath: f.write(csv(STEP_ROWS + 10)) });
    expect(f.members(r.listId)).toHaveLength(STEP_ROWS + 10);
    expect(f.db.pragma('foreign_keys', { simple: true })).toBe(1);
    const before = f.snapshot();
    let gone: number | null = null;
    const err = await f.service
      .importFile({
        filePath: f.write(csv(3 * STEP_ROWS)),
        onProgress: () => {
          if (gone !== null) return;
          gone = pendingListIds(f.db)[0]!;
          // Its import row and anything written under it go with it (ON DELETE CASCADE).
          f.db.prepare('DELETE FROM lists WHERE id = ?').run(gone);
        },
      })
      .then(() => null, (e: unknown) => e);
    expect((err as Error).message).toMatch(/pending list \d+ or its import \d+ is gone/);
    expect(gone).not.toBeNull();
    expect(f.db.prepare('SELECT count(*) FROM members WHERE list_id = ?').pluck().get(gone)).toBe(0);
    expect(f.db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(f.snapshot()).toEqual(before);
  });

  it('a pending list left by a crash is removed by the next import', async () => {
    leaveCrashedImport(f.db, 1, () => ({ email: 'a@example.jp', name: '' }));
    const r = await f.service.importBuffer({ bytes: new TextEncoder().encode(csv(2)), fileName: 'b.csv' });
    // (The new list may reuse the freed id: what matters is that nothing of the crashed one is left.)
    expect(f.db.prepare('SELECT id, name, pending FROM lists').all()).toEqual([{ id: r.listId, name: 'b.csv', pending: 0 }]);
    expect(f.db.prepare('SELECT id FROM imports').pluck().all()).toEqual([r.importId]);
    expect(f.db.prepare("SELECT count(*) FROM members WHERE email = 'a@example.jp'").pluck().get()).toBe(0);
    expect(f.members(r.listId)).toHaveLength(2);
  });

  it('the worker-thread parser stores exactly what the inline parser stores', async () => {
    const threaded = createImportService({ db: f.db, clock: f.clock, parseThread: 'always' });
    const inline = createImportService({ db: f.db, clock: f.clock, parseThread: 'never' });
    const text = csv(20_000) + '\n,,,\nbad,x,not-an-address,y\n1,ragged\n';
    const a = await threaded.importFile({ filePath: f.write(text) });
    const b = await inline.importFile({ filePath: f.write(text) });
    const strip = ({ listId: _l, importId: _i, fileName: _f, ...rest }: typeof a) => rest;
    expect(strip(a)).toEqual(strip(b));
    expect(a.counts).toMatchObject({ rows: 20_002, accepted: 20_000, rejected: 2, ragged: 1, blank: 1 });
    expect(f.members(a.listId)).toEqual(f.members(b.listId));
    // The fields JSON built in JavaScript reads back as the cells, quotes and newlines included.
    expect(f.members(a.listId)[1]!.fields).toEqual({
      会員番号: '1', 氏名: '名前1', メールアドレス: 'm1@example.jp', 備考: '引用 "1", 改行\nあり',
    });
  });

  it('a re-import into an existing list still stages and diffs, in the worker too', async () => {
    const threaded = createImportService({ db: f.db, clock: f.clock, parseThread: 'always' });
    const first = await threaded.importFile({ filePath: f.write(csv(1000)) });
    const again = await threaded.importFile({ filePath: f.write(csv(1000, 500)), listId: first.listId });
    expect(again.diff?.counts).toMatchObject({ added: 500, removed: 500 });
    expect(f.members(first.listId)).toHaveLength(1000);
    expect(f.db.prepare('SELECT count(*) FROM lists').pluck().get()).toBe(1);
  });
});
