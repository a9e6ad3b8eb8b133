// The approval request's read of the recipients runs on a worker thread's own connection while
// the requester's PIN is checked (recipient-scan-runner.ts): the main thread's event loop keeps
// turning meanwhile, and the read is the one this thread would make. An in-memory database (no
// file another connection could open) is read here.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { readRawChunks, recipientChunkQuery, type RawChunk } from '../../../electron/db/repos/snapshot-chunks-repo';
import { readChunksAside } from '../../../electron/services/campaigns/recipient-scan-runner';
import type { Db } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

function seedList(db: Db, rows: number): number {
  const listId = Number(
    db.prepare("INSERT INTO lists (name, columns_json, email_column, name_column, key_column, created_at, updated_at) VALUES ('l', '[\"部屋\"]', 'email', 'name', NULL, 0, 0)").run().lastInsertRowid,
  );
  const insert = db.prepare('INSERT INTO members (list_id, line, email, name, fields_json) VALUES (?, 0, ?, ?, ?)');
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(listId, `m${i}@x.jp`, `会員${i}`, JSON.stringify({ 部屋: i % 7 === 0 ? ' ' : String(i) }));
  })();
  return listId;
}

const bytes = (chunks: RawChunk[]): unknown[] => chunks.map(([c, f, l, text, m, ids]) => [c, f, l, Buffer.from(text).toString('utf8'), m, ids]);

describe('the recipients read aside', () => {
  it('runs on another thread: the event loop turns before it is done, and it reads what this thread reads', async () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const listId = seedList(t.db, 3000);
    const query = recipientChunkQuery(listId, { kind: 'all' }, ['部屋'], 1000);
    let turned = false;
    setImmediate(() => (turned = true));
    const aside = await readChunksAside(t.db, query);
    expect(turned).toBe(true);
    const here = readRawChunks(t.db, query);
    expect(here).toHaveLength(3);
    expect(bytes(aside)).toEqual(bytes(here));
    // Every 7th member's room is blank: marked.
    expect(here.flatMap(([, , , , marked]) => (marked ?? '').split(',').filter(Boolean))).toHaveLength(Math.ceil(3000 / 7));
  });

  it('reads an in-memory database on this thread', async () => {
    const db = openDatabase(':memory:');
    cleanups.push(() => db.close());
    const listId = seedList(db, 50);
    const query = recipientChunkQuery(listId, { kind: 'all' }, ['部屋'], 20);
    expect(bytes(await readChunksAside(db, query))).toEqual(bytes(readRawChunks(db, query)));
  });
});
