// Repository for the lists table: one member list (a roster) and its column mapping.
import type { Db } from '../connection';

export interface List {
  readonly id: number;
  readonly name: string;
  readonly columns: readonly string[];
  readonly emailColumn: string | null;
  readonly nameColumn: string | null;
  readonly keyColumn: string | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

interface ListRow {
  id: number;
  name: string;
  columns_json: string;
  email_column: string | null;
  name_column: string | null;
  key_column: string | null;
  created_at: number;
  updated_at: number;
}

function rowToList(r: ListRow): List {
  return {
    id: r.id,
    name: r.name,
    columns: JSON.parse(r.columns_json) as string[],
    emailColumn: r.email_column,
    nameColumn: r.name_column,
    keyColumn: r.key_column,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export function createList(db: Db, name: string, now: number): List {
  const info = db
    .prepare('INSERT INTO lists (name, created_at, updated_at) VALUES (?, ?, ?)')
    .run(name, now, now);
  return getList(db, Number(info.lastInsertRowid))!;
}

/** A list that an import fills before anyone may see it (migration 0003); returns its id. */
export function createPendingList(db: Db, name: string, now: number): number {
  const info = db.prepare('INSERT INTO lists (name, pending, created_at, updated_at) VALUES (?, 1, ?, ?)').run(name, now, now);
  return Number(info.lastInsertRowid);
}

/** Makes a pending list visible: part of its import's final transaction. */
export function publishList(db: Db, id: number, now: number): void {
  db.prepare('UPDATE lists SET pending = 0, updated_at = ? WHERE id = ? AND pending = 1').run(now, id);
}

/** Deletes a list only while it is pending; its import row goes with it (ON DELETE CASCADE). */
export function deletePendingList(db: Db, id: number): void {
  db.prepare('DELETE FROM lists WHERE id = ? AND pending = 1').run(id);
}

/** Lists still pending: an import in progress, or one that crashed. */
export function pendingListIds(db: Db): number[] {
  return db.prepare('SELECT id FROM lists WHERE pending = 1 ORDER BY id').pluck().all() as number[];
}

/** A list as readers see it: a pending list (an import still filling it) does not exist yet. */
export function getList(db: Db, id: number): List | undefined {
  const r = db.prepare('SELECT * FROM lists WHERE id = ? AND pending = 0').get(id) as ListRow | undefined;
  return r && rowToList(r);
}

export function allLists(db: Db): List[] {
  return (db.prepare('SELECT * FROM lists WHERE pending = 0 ORDER BY id').all() as ListRow[]).map(rowToList);
}

export function updateListMapping(
  db: Db,
  id: number,
  m: { columns: readonly string[]; emailColumn: string; nameColumn: string | null; keyColumn: string | null },
  now: number,
): void {
  db.prepare(
    'UPDATE lists SET columns_json = ?, email_column = ?, name_column = ?, key_column = ?, updated_at = ? WHERE id = ?',
  ).run(JSON.stringify(m.columns), m.emailColumn, m.nameColumn, m.keyColumn, now, id);
}

export function renameList(db: Db, id: number, name: string, now: number): void {
  db.prepare('UPDATE lists SET name = ?, updated_at = ? WHERE id = ?').run(name, now, id);
}
