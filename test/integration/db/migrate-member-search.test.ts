// Migration 0013 (issue 15): the member search index's bookkeeping and the triggers that keep it
// honest. A later migration that rebuilds members must re-create these triggers: the first test
// fails if it does not.
import { describe, expect, it } from 'vitest';
import { tempDb } from '../../helpers/tmp';

const TRIGGERS = ['members_delete_voids_search', 'members_edit_marks_search', 'members_move_voids_search'];

describe('0013 member search index', () => {
  it('puts its triggers on members and nothing on INSERT (the import path)', () => {
    const t = tempDb();
    try {
      const rows = t.db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'members' ORDER BY name").all() as { name: string; sql: string }[];
      expect(rows.map((r) => r.name)).toEqual(expect.arrayContaining(TRIGGERS));
      // The one INSERT trigger is 0016's lookups', and it skips a pending list (a new list's import).
      const onInsert = rows.filter((r) => /\bINSERT\s+ON\s+members\b/i.test(r.sql));
      expect(onInsert.map((r) => r.name)).toEqual(['members_insert_lookups']);
      expect(onInsert[0]!.sql).toMatch(/WHEN \(SELECT pending FROM lists WHERE id = NEW\.list_id\) IS NOT 1/);
    } finally {
      t.cleanup();
    }
  });

  it('voids a list index on deleting or moving an indexed member, marks edits, and ignores rows above its reach', () => {
    const t = tempDb();
    const db = t.db;
    try {
      for (const id of [1, 2]) db.prepare("INSERT INTO lists (id, name, created_at, updated_at) VALUES (?, 'l', 0, 0)").run(id);
      const add = db.prepare("INSERT INTO members (id, list_id, line, email, name, fields_json) VALUES (?, ?, 2, 'a@b.jp', 'n', '{}')");
      for (const id of [10, 11, 12, 13]) add.run(id, 1);
      add.run(20, 2);
      db.prepare('INSERT INTO member_search_lists (list_id, upto, valid) VALUES (1, 11, 1), (2, 20, 1)').run();
      const state = (id: number) => db.prepare('SELECT upto, valid FROM member_search_lists WHERE list_id = ?').get(id);
      const dirty = () => db.prepare('SELECT list_id, member_id FROM member_search_dirty ORDER BY member_id').all();

      db.prepare("UPDATE members SET name = 'x' WHERE id = 12").run(); // above the reach: scanned anyway
      db.prepare("UPDATE members SET name = 'x' WHERE id = 11").run();
      expect(dirty()).toEqual([{ list_id: 1, member_id: 11 }]);
      db.prepare('DELETE FROM members WHERE id = 13').run(); // above the reach
      expect(state(1)).toEqual({ upto: 11, valid: 1 });
      db.prepare('DELETE FROM members WHERE id = 10').run();
      expect(state(1)).toEqual({ upto: 11, valid: 0 });

      db.prepare('UPDATE members SET list_id = 1 WHERE id = 20').run();
      expect(state(2)).toEqual({ upto: 20, valid: 0 });

      db.prepare('DELETE FROM lists WHERE id = 2').run();
      expect(db.prepare('SELECT count(*) AS n FROM member_search_lists WHERE list_id = 2').get()).toEqual({ n: 0 });
    } finally {
      t.cleanup();
    }
  });
});
