// What an import cut off by a crash leaves (a pending list with rows written straight into
// members) goes when the app starts, not only at the next import: until then the search index
// waits for every list (it never runs beside a pending list).
import { afterEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/db/connection';
import { pendingListIds } from '../../../electron/db/repos/lists-repo';
import { leaveCrashedImport } from '../../helpers/crashed-import';
import { createServices } from '../../../electron/app/services';
import { manualClock } from '../../../electron/services/clock';
import { createImportService } from '../../../electron/services/import';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { tempDir } from '../../helpers/tmp';
import { until } from '../../helpers/until';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const csv = (n: number, tag: string) =>
  new TextEncoder().encode('氏名,メールアドレス\n' + Array.from({ length: n }, (_, i) => `山田 ${tag}${i},m${i}.${tag}@example.jp`).join('\n'));



describe('an import cut off by a crash', () => {
  it('is cleared when the app starts, and the search index of the other lists then completes', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const dbFile = join(t.dir, 'tayori.db');
    // Before the crash: one ordinary list, then an import of a second one cut off part way
    // (more rows than one delete step, so clearing them takes several turns of the event loop).
    const before = openDatabase(dbFile);
    const kept = await createImportService({ db: before, clock: manualClock(), parseThread: 'never' })
      .importBuffer({ bytes: csv(40, 'a'), fileName: 'a.csv', listName: 'a' });
    leaveCrashedImport(before, 45_000, (i) => ({ email: `c${i}@example.jp`, name: '' }));
    before.close();

    const s = createServices({ dataDir: t.dir, dbFile, secretStore: createMemorySecretStore(), clock: manualClock() });
    cleanups.push(() => s.close());
    await until('the crashed list is gone', () => pendingListIds(s.db).length === 0, 10_000);
    expect(s.db.prepare("SELECT count(*) FROM members WHERE email LIKE 'c%@example.jp'").pluck().get()).toBe(0);
    expect(s.db.prepare('SELECT count(*) FROM imports').pluck().get()).toBe(1);
    expect(s.db.prepare('SELECT count(*) FROM members WHERE list_id = ?').pluck().get(kept.listId)).toBe(40);
    expect(s.db.prepare('PRAGMA foreign_key_check').all()).toEqual([]);
    // Nothing else has run: no import, no click. The index of the kept list gets done anyway.
    s.searchIndex.runUntilIdle();
    expect(s.searchIndex.progress(kept.listId)).toEqual({ ready: true, percent: 100 });
  });

  it('an import started while the start-up clearing runs waits for it and keeps all of its own rows', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = openDatabase(join(t.dir, 'tayori.db'));
    cleanups.push(() => db.close());
    leaveCrashedImport(db, 45_000, (i) => ({ email: `c${i}@example.jp`, name: '' }));
    const imports = createImportService({ db, clock: manualClock(), parseThread: 'never' });
    // The start-up clearing and an import's own look for leftovers are one run, not two racing
    // over the same list id (the slower one could delete a new list's rows under a reused id).
    const startUp = imports.discardAbandoned();
    expect(imports.discardAbandoned()).toBe(startUp);
    const [, r] = await Promise.all([startUp, imports.importBuffer({ bytes: csv(30, 'n'), fileName: 'n.csv', listName: 'n' })]);
    expect(pendingListIds(db)).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM members').pluck().get()).toBe(30);
    expect(db.prepare('SELECT count(*) FROM members WHERE list_id = ?').pluck().get(r.listId)).toBe(30);
  });
});
