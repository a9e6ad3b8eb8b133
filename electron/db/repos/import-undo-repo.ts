// Repository for import_undo and import_undo_members (migration 0006): the members a list's
// latest import replaced, kept so that "undo last import" can put them back exactly (ids,
// rows, change flags and edits made in Tayori). Only the latest import of a list keeps a copy.
import type { Db } from '../connection';

/** The column mapping the list had before the import (lists-repo's updateListMapping shape). */
export interface ListMapping {
  readonly columns: readonly string[];
  readonly emailColumn: string | null;
  readonly nameColumn: string | null;
  readonly keyColumn: string | null;
}

export interface UndoRecord {
  readonly importId: number;
  readonly listId: number;
  readonly previousImportId: number | null;
  readonly mapping: ListMapping;
  readonly memberCount: number;
}

// Every column of members but list_id, in one order for the copy and the restore.
const COLUMNS = 'line, email, name, member_key, fields_json, change, first_seen_import, last_seen_import, edited_at, edited_by';

/**
 * Copies the list's current members as the ones `importId` replaces, and drops the copies kept
 * for the list's earlier imports (only the latest import can be undone). Call inside the
 * import's transaction, before the members are replaced.
 */
export function keepReplacedMembers(db: Db, a: { importId: number; listId: number; previousImportId: number | null; mapping: ListMapping }): void {
  db.prepare('DELETE FROM import_undo WHERE list_id = ?').run(a.listId);
  db.prepare('INSERT INTO import_undo (import_id, list_id, previous_import_id, mapping_json) VALUES (?, ?, ?, ?)').run(
    a.importId, a.listId, a.previousImportId, JSON.stringify(a.mapping),
  );
  db.prepare(`INSERT INTO import_undo_members (import_id, member_id, ${COLUMNS}) SELECT ?, id, ${COLUMNS} FROM members WHERE list_id = ?`).run(
    a.importId, a.listId,
  );
}

export function getUndoRecord(db: Db, importId: number): UndoRecord | undefined {
  const r = db
    .prepare(
      `SELECT u.import_id, u.list_id, u.previous_import_id, u.mapping_json,
         (SELECT count(*) FROM import_undo_members m WHERE m.import_id = u.import_id) AS n
       FROM import_undo u WHERE u.import_id = ?`,
    )
    .get(importId) as { import_id: number; list_id: number; previous_import_id: number | null; mapping_json: string; n: number } | undefined;
  return (
    r && {
      importId: r.import_id,
      listId: r.list_id,
      previousImportId: r.previous_import_id,
      mapping: JSON.parse(r.mapping_json) as ListMapping,
      memberCount: r.n,
    }
  );
}

/** Member ids of the copy that another list's row now has (never expected: ids only grow). */
export function takenMemberIds(db: Db, importId: number, listId: number): number {
  return (
    db
      .prepare('SELECT count(*) AS n FROM import_undo_members u JOIN members m ON m.id = u.member_id WHERE u.import_id = ? AND m.list_id <> ?')
      .get(importId, listId) as { n: number }
  ).n;
}

/**
 * Replaces the list's members with the kept copy, under their own ids, and drops the copy.
 * Returns how many members were discarded and restored. Call inside one transaction.
 */
export function restoreReplacedMembers(db: Db, importId: number, listId: number): { discarded: number; restored: number } {
  const discarded = db.prepare('DELETE FROM members WHERE list_id = ?').run(listId).changes;
  const restored = db
    .prepare(`INSERT INTO members (id, list_id, ${COLUMNS}) SELECT member_id, ?, ${COLUMNS} FROM import_undo_members WHERE import_id = ? ORDER BY member_id`)
    .run(listId, importId).changes;
  db.prepare('DELETE FROM import_undo WHERE import_id = ?').run(importId);
  return { discarded, restored };
}
