// Migration 0016 (issue 15): members' address and key indexes become the tables member_emails and
// member_keys. A database at version 15 comes out with every member's entries in them, the two
// indexes gone, and the triggers keeping the entries from then on.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { currentVersion } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { deletePendingList } from '../../../electron/db/repos/lists-repo';
import { tempDir } from '../../helpers/tmp';

describe('0016 member lookups', () => {
  it("fills the lookups with every member's address and key, drops the indexes, and keeps them after", () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'd.db');
      const old = openDatabase(file, { migrations: migrations.slice(0, 15) });
      expect(currentVersion(old)).toBe(15);
      old.exec(`INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'a', 0, 0), (2, 'b', 0, 0);
        INSERT INTO lists (id, name, pending, created_at, updated_at) VALUES (3, 'crashed import', 1, 0, 0);`);
      const add = old.prepare("INSERT INTO members (id, list_id, line, email, name, member_key, fields_json) VALUES (?, ?, 2, ?, 'n', ?, '{}')");
      // Ids out of address order, a shared address and key in one list, the same in both, no key, an empty key.
      const rows: [number, number, string, string | null][] = [
        [5, 1, 'b@x.jp', 'k2'],
        [7, 1, 'a@x.jp', 'k1'],
        [9, 1, 'a@x.jp', 'k1'],
        [11, 1, 'c@x.jp', null],
        [12, 1, 'C@x.jp', ''],
        [6, 2, 'a@x.jp', 'k1'],
        [8, 2, 'd@y.jp', null],
        [20, 3, 'a@x.jp', 'k1'],
      ];
      for (const r of rows) add.run(...r);
      old.close();

      const db = openDatabase(file);
      expect(currentVersion(db)).toBe(migrations.length);
      const emails = () => db.prepare('SELECT list_id, email, member_id FROM member_emails WHERE list_id IN (1, 2) ORDER BY 1, 2, 3').raw().all();
      const keys = () => db.prepare('SELECT list_id, member_key, member_id FROM member_keys WHERE list_id IN (1, 2) ORDER BY 1, 2, 3').raw().all();
      expect(emails()).toEqual([
        [1, 'C@x.jp', 12], [1, 'a@x.jp', 7], [1, 'a@x.jp', 9], [1, 'b@x.jp', 5], [1, 'c@x.jp', 11],
        [2, 'a@x.jp', 6], [2, 'd@y.jp', 8],
      ]);
      expect(keys()).toEqual([[1, '', 12], [1, 'k1', 7], [1, 'k1', 9], [1, 'k2', 5], [2, 'k1', 6]]);
      const indexes = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'members' ORDER BY name").pluck().all();
      expect(indexes).not.toContain('members_by_email');
      expect(indexes).not.toContain('members_by_key');

      // A crashed import's pending list is purged on start: its entries go with its members.
      deletePendingList(db, 3);
      // From now on the triggers keep them.
      db.prepare("UPDATE members SET email = 'e@x.jp', member_key = NULL WHERE id = 9").run();
      db.prepare('DELETE FROM members WHERE id = 5').run();
      db.prepare("INSERT INTO members (id, list_id, line, email, name, member_key, fields_json) VALUES (30, 2, 3, 'f@x.jp', 'n', 'k9', '{}')").run();
      const all = (sql: string) => db.prepare(sql).raw().all();
      expect(all('SELECT list_id, email, member_id FROM member_emails ORDER BY 1, 2, 3')).toEqual(all('SELECT list_id, email, id FROM members ORDER BY 1, 2, 3'));
      expect(all('SELECT list_id, member_key, member_id FROM member_keys ORDER BY 1, 2, 3')).toEqual(
        all('SELECT list_id, member_key, id FROM members WHERE member_key IS NOT NULL ORDER BY 1, 2, 3'),
      );
      // Under a pending list (an import running) neither an insert nor an update writes entries:
      // the import writes them, sorted, before it publishes the list.
      db.exec(`INSERT INTO lists (id, name, pending, created_at, updated_at) VALUES (4, 'importing', 1, 0, 0);
        INSERT INTO members (id, list_id, line, email, name, member_key, fields_json) VALUES (40, 4, 2, 'p@x.jp', 'n', 'kp', '{}');
        UPDATE members SET list_id = 4 WHERE id = 30;`);
      expect(all('SELECT member_id FROM member_emails WHERE member_id IN (30, 40) UNION ALL SELECT member_id FROM member_keys WHERE member_id IN (30, 40)')).toEqual([]);
      db.close();
    } finally {
      t.cleanup();
    }
  });
});
