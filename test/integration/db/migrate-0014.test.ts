// Migration 0014 (issue 15): stored snapshot hashes carry their digest version (those stored
// before it are version 2), and sends are indexed by snapshot row, so deleting a frozen snapshot
// finds each row's sends through the index instead of scanning every send.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { migrations } from '../../../electron/db/migrations';
import { storedSnapshotHash } from '../../../electron/db/repos/snapshots-repo';
import { tempDir } from '../../helpers/tmp';

describe('0014 approval speed', () => {
  it('marks hashes stored before it as version 2, and indexes sends by snapshot row', () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'd.db');
      const old = openDatabase(file, { migrations: migrations.slice(0, 12) });
      old.exec(`INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'l', 0, 0);
        INSERT INTO campaigns (id, list_id, name, created_at, updated_at) VALUES (1, 1, 'c', 0, 0);
        INSERT INTO snapshots (campaign_id, position, email, name, fields_json) VALUES (1, 0, 'a@example.jp', '青木', '{"x":"1"}');
        INSERT INTO snapshot_digests (campaign_id, recipients, row_count) VALUES (1, 'abc', 1);`);
      old.close();
      const db = openDatabase(file);
      expect(storedSnapshotHash(db, 1)).toEqual({ recipients: 'abc', rowCount: 1, version: 2 });
      const plan = db.prepare('EXPLAIN QUERY PLAN SELECT 1 FROM sends WHERE snapshot_id = ?').all(1) as { detail: string }[];
      expect(plan.map((p) => p.detail).join(' ')).toMatch(/sends_by_snapshot/);
      // A stored hash of an unknown version is not trusted.
      db.prepare('UPDATE snapshot_digests SET version = 9').run();
      expect(storedSnapshotHash(db, 1)).toBeUndefined();
      db.close();
    } finally {
      t.cleanup();
    }
  });
});
