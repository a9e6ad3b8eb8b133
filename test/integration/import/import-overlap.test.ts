// Two imports at once (two files picked in quick succession): each is whole and separate, nothing
// pending or staged is left, and the connection's page cache and automatic WAL checkpoint are
// back as they were once both end. The import that started first ends first here (it is
// smaller); when each restored its own saved values, the later one put back the earlier one's
// import-time values for good: no automatic checkpoint again, so the WAL grew without bound.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importFixture, type ImportFixture } from './import-fixture';
import { checkpointStats, stopCheckpoints } from '../../../electron/db/wal-checkpointer';

let f: ImportFixture;
beforeEach(() => (f = importFixture()));
afterEach(async () => {
  await stopCheckpoints(f.db);
  await f.cleanup();
});

const csv = (n: number, tag: string) =>
  '会員番号,氏名,メールアドレス\n' + Array.from({ length: n }, (_, i) => `${i},${tag}${i},${tag}${i}@example.jp`).join('\n');

describe('overlapping imports', () => {
  it('both lists are whole and separate, and the connection’s settings are restored', { timeout: 120_000 }, async () => {
    const pragma = (name: string) => f.db.pragma(name, { simple: true });
    const before = { cache: pragma('cache_size'), checkpoint: pragma('wal_autocheckpoint') };
    expect(before.checkpoint).toBeGreaterThan(0);
    const smallPath = f.write(csv(20_000, 'a'));
    const largePath = f.write(csv(100_000, 'b'));
    const small = f.service.importFile({ filePath: smallPath });
    const large = f.service.importFile({ filePath: largePath });
    const [a, b] = await Promise.all([small, large]);
    expect(f.members(a.listId)).toHaveLength(20_000);
    expect(f.members(b.listId)).toHaveLength(100_000);
    expect(f.members(a.listId).every((m) => m.email.startsWith('a'))).toBe(true);
    expect(f.members(b.listId).every((m) => m.email.startsWith('b'))).toBe(true);
    expect(f.db.prepare('SELECT count(*) FROM lists WHERE pending = 1').pluck().get()).toBe(0);
    expect(f.db.prepare(`SELECT name FROM sqlite_temp_master WHERE type = 'table'`).pluck().all()).toEqual([]);
    // The WAL the imports wrote is copied back by the checkpointer's thread; then the connection's
    // own checkpoints come back as they were.
    for (let i = 0; i < 500 && checkpointStats(f.db).busy; i++) await new Promise((r) => setTimeout(r, 20));
    expect({ cache: pragma('cache_size'), checkpoint: pragma('wal_autocheckpoint') }).toEqual(before);
  });
});
