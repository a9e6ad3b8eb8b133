// Probe (issue 15): a new list's rows now sit in members, under a pending list, for the whole
// import; a crash leaves them there until the next import purges them. Meanwhile searches of the
// other lists must stay exact and never show the crashed rows, foreign keys must hold, and the
// next import must remove them and let the index be built.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/connection';
import { leaveCrashedImport } from '../../helpers/crashed-import';
import { manualClock } from '../../../electron/services/clock';
import { createImportService } from '../../../electron/services/import';
import { createSearchIndexService } from '../../../electron/services/search-index/search-index-service';
import { tempDb } from '../../helpers/tmp';
import { bruteForceIds, searchIds } from '../search/search-oracle';

let t: ReturnType<typeof tempDb>;
let db: Db;
beforeEach(() => {
  t = tempDb();
  db = t.db;
});
afterEach(() => t.cleanup());

const csv = (n: number, tag: string) =>
  new TextEncoder().encode(['会員番号,氏名,メールアドレス', ...Array.from({ length: n }, (_, i) => `${i},山田 ${tag}${i},m${i}.${tag}@example.jp`)].join('\n'));

describe('probe: rows a crash left under a pending list', () => {
  it('are never found, keep foreign keys whole, and go with the next import', async () => {
    const imports = createImportService({ db, clock: manualClock(), parseThread: 'never' });
    const indexer = createSearchIndexService({ db, stepRows: 31 });
    const a = await imports.importBuffer({ bytes: csv(120, 'a'), fileName: 'a.csv', listName: 'a' });
    // The crash: a pending list with its import row and members written straight in.
    const crashed = leaveCrashedImport(db, 50, (i) => ({ email: `m${i}.a@example.jp`, name: `山田 a${i}` }));
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);

    indexer.runUntilIdle();
    for (const q of ['山田', 'a1', 'example.jp']) {
      const got = searchIds(db, a.listId, q);
      const want = bruteForceIds(db, a.listId, q);
      expect({ q, ids: got.ids }).toEqual({ q, ids: want });
      const crashedIds = new Set(db.prepare('SELECT id FROM members WHERE list_id = ?').pluck().all(crashed) as number[]);
      expect(got.ids.some((id) => crashedIds.has(id))).toBe(false);
    }
    // The index of list a waits while a pending list exists (search-index-service.ts); the app
    // clears a crash's leftovers when it starts (test/integration/app/crash-left-import.test.ts).
    const waiting = indexer.progress(a.listId).ready;

    await imports.importBuffer({ bytes: csv(10, 'b'), fileName: 'b.csv', listName: 'b' });
    // (The new list may reuse the crashed list's id: count the crashed rows by their address.)
    expect(db.prepare("SELECT count(*) FROM members WHERE email LIKE '%.a@example.jp' AND list_id <> ?").pluck().get(a.listId)).toBe(0);
    expect(db.prepare('SELECT count(*) FROM lists WHERE pending = 1').pluck().get()).toBe(0);
    indexer.runUntilIdle();
    expect(indexer.progress(a.listId)).toEqual({ ready: true, percent: 100 });
    expect(db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    console.log(`index of another list ready while a crash-left pending list exists: ${waiting}`);
  });
});
