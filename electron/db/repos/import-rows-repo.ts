// Bulk writers for an import's accepted rows while the file is read: straight into members under
// a pending list (a new list), or into a per-connection TEMP stage (no index) from which the
// final transaction of a re-import copies them. Rows arrive as flat parameter arrays (five
// values a row) so one native call writes 64 rows. The fields JSON arrives as its UTF-8 bytes
// and is cast to text here: the same value as the string, without making one (row-batch.ts).
import type { Db } from '../connection';

/** Rows per multi-row INSERT: one native call and one statement step per 64 rows, not per row. */
export const ROWS_PER_STATEMENT = 64;

/**
 * Writes rows given as five parameters each: line (the Excel row), email, name, key, fields JSON
 * (UTF-8 bytes, cast to text: SQLite takes a BLOB's bytes as the text in the database's UTF-8).
 * `many` takes exactly ROWS_PER_STATEMENT rows, `one` a single row; the caller holds the transaction.
 */
export interface RowInserter {
  /** Each returns the rowid of the last row it wrote. */
  many(args: readonly unknown[]): number;
  one(args: readonly unknown[]): number;
}

function inserter(db: Db, insertInto: string, rowSql: string): RowInserter {
  const many = db.prepare(`${insertInto} VALUES ${Array(ROWS_PER_STATEMENT).fill(rowSql).join(', ')}`);
  const one = db.prepare(`${insertInto} VALUES ${rowSql}`);
  return { many: (args) => Number(many.run(args).lastInsertRowid), one: (args) => Number(one.run(args).lastInsertRowid) };
}

/**
 * Writes a pending list's lookup entries (migration 0016) given as two parameters each: the text
 * (address or key) and the member id. The INSERT trigger writes none under a pending list; the
 * import writes them sorted (lookup-sort.ts), inside a transaction of the caller's. OR FAIL, as
 * for memberInserter: no statement journal.
 */
export function lookupInserter(db: Db, listId: number, kind: 'email' | 'key'): RowInserter {
  const into = kind === 'email' ? 'member_emails (list_id, email, member_id)' : 'member_keys (list_id, member_key, member_id)';
  return inserter(db, `INSERT OR FAIL INTO ${into}`, `(${Math.trunc(listId)}, ?, ?)`);
}

/** Whether row `id` is the list's member written from Excel row `line` (a check of the ids the import counted). */
export function isMemberAt(db: Db, listId: number, id: number, line: number): boolean {
  return db.prepare('SELECT 1 FROM members WHERE id = ? AND list_id = ? AND line = ?').get(id, listId, line) !== undefined;
}

/**
 * Writes rows into members under a pending list and its import. Called inside a transaction that
 * runs with foreign-key enforcement off (member-sink.ts), after checkPendingParents; OR FAIL
 * because then no statement of it may need undoing on its own, so SQLite keeps no statement
 * journal: with FAIL, ABORT and foreign keys, every 64-row statement copied each index page it
 * touched before changing it (with addresses in random order, about as many pages as rows).
 * A failed statement still rolls the whole transaction back (the caller's).
 */
export function memberInserter(db: Db, listId: number, importId: number): RowInserter {
  const ids = (n: number): string => `${Math.trunc(n)}`;
  return inserter(
    db,
    `INSERT OR FAIL INTO members (list_id, line, email, name, member_key, fields_json, change, first_seen_import, last_seen_import)`,
    `(${ids(listId)}, ?, ?, ?, ?, CAST(? AS TEXT), NULL, ${ids(importId)}, ${ids(importId)})`,
  );
}

/** The trigger that writes a member's lookup entries on insert (migration 0016). */
const INSERT_LOOKUPS_TRIGGER = 'members_insert_lookups';

/**
 * Runs `fn` (rows written into a pending list, inside the caller's transaction) without the
 * lookup insert trigger, and puts it back, from its own SQL in sqlite_schema, before returning.
 * Under a pending list the trigger writes nothing (its WHEN), but firing it and evaluating that
 * for every row cost the database thread 0.4-0.5 s per 1M rows, about a seventh of the import's.
 * DDL is transactional in SQLite: no other connection ever sees the schema without the trigger
 * (they read the last commit, and this connection holds the only write lock), and a rollback or a
 * crash anywhere in between leaves it in place. Each drop and create changes the schema, so the
 * connections' statements are prepared again once after each step (about 31 steps per 1M rows).
 */
export function withoutLookupInsertTrigger(db: Db, fn: () => void): void {
  if (!db.inTransaction) throw new Error('withoutLookupInsertTrigger needs a transaction');
  const sql = db.prepare("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?").pluck().get(INSERT_LOOKUPS_TRIGGER);
  if (typeof sql !== 'string') throw new Error(`the trigger ${INSERT_LOOKUPS_TRIGGER} is missing`);
  db.exec(`DROP TRIGGER ${INSERT_LOOKUPS_TRIGGER}`);
  fn();
  db.exec(sql);
}

/**
 * What the foreign keys of the rows memberInserter writes would check, once for all of them: the
 * list is still pending and the import is its own. Throws (rolling the step back) otherwise.
 */
export function checkPendingParents(db: Db, listId: number, importId: number): void {
  const ok = db
    .prepare('SELECT 1 FROM lists l JOIN imports i ON i.list_id = l.id WHERE l.id = ? AND l.pending = 1 AND i.id = ?')
    .get(listId, importId);
  if (!ok) throw new Error(`pending list ${listId} or its import ${importId} is gone`);
}

export interface StageTable {
  /** The TEMP table's name, for import-diff-repo's copy. */
  readonly table: string;
  readonly insert: RowInserter;
  drop(): void;
}

let stageCounter = 0;

/**
 * A per-connection TEMP table (no index, fields already JSON): it vanishes with the connection,
 * so a crash mid-import leaves nothing behind in the database file. Call outside a transaction.
 */
export function createStageTable(db: Db): StageTable {
  // The stage is rebuilt from the file on any failure, so its rollback journal may live in
  // memory (set outside any transaction, where SQLite accepts a journal-mode change).
  db.pragma('temp.journal_mode = MEMORY');
  const table = `import_stage_${process.pid}_${++stageCounter}`;
  db.exec(
    `CREATE TEMP TABLE ${table} (line INTEGER NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL,
       member_key TEXT, fields_json TEXT NOT NULL)`,
  );
  return {
    table,
    insert: inserter(db, `INSERT INTO temp.${table} (line, email, name, member_key, fields_json)`, '(?, ?, ?, ?, CAST(? AS TEXT))'),
    drop: () => db.exec(`DROP TABLE IF EXISTS temp.${table}`),
  };
}

