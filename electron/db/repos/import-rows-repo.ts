// Bulk writers for an import's accepted rows while the file is read: straight into members
// under a pending list, or into a per-connection TEMP stage that the final transaction copies.
// Rows arrive as flat parameter arrays (five values a row) so one native call writes 64 rows.
import type { Db } from '../connection';

/** Rows per multi-row INSERT: one native call and one statement step per 64 rows, not per row. */
export const ROWS_PER_STATEMENT = 64;

/**
 * Writes rows given as five parameters each: line (the Excel row), email, name, key, fields JSON.
 * `many` takes exactly ROWS_PER_STATEMENT rows, `one` a single row; the caller holds the transaction.
 */
export interface RowInserter {
  many(args: readonly unknown[]): void;
  one(args: readonly unknown[]): void;
}

function inserter(db: Db, insertInto: string, rowSql: string): RowInserter {
  const many = db.prepare(`${insertInto} VALUES ${Array(ROWS_PER_STATEMENT).fill(rowSql).join(', ')}`);
  const one = db.prepare(`${insertInto} VALUES ${rowSql}`);
  return { many: (args) => void many.run(args), one: (args) => void one.run(args) };
}

/** Rows go into members under the pending list, already in their final form. */
export function pendingMemberInserter(db: Db, listId: number, importId: number): RowInserter {
  // Inlined as literals (they are integers) so each row binds five values, not seven.
  const list = Math.trunc(listId);
  const imp = Math.trunc(importId);
  return inserter(
    db,
    'INSERT INTO members (list_id, line, email, name, member_key, fields_json, change, first_seen_import, last_seen_import)',
    `(${list}, ?, ?, ?, ?, ?, NULL, ${imp}, ${imp})`,
  );
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
    insert: inserter(db, `INSERT INTO temp.${table} (line, email, name, member_key, fields_json)`, '(?, ?, ?, ?, ?)'),
    drop: () => db.exec(`DROP TABLE IF EXISTS temp.${table}`),
  };
}

