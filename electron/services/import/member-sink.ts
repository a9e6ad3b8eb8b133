// Where an import's accepted rows are written while the file is read, one batch per short
// transaction: straight into the members table under a pending list (a new list), or into a
// TEMP staging table that the final transaction copies from (a list that already has members).
import type { Db } from '../../db/connection';
import type { RowBatch } from './row-batch';

export interface MemberSink {
  /** Writes one batch; the caller wraps it in a transaction. */
  write(b: RowBatch): void;
}

/** Rows per INSERT statement: one native call and one statement step per 64 rows, not per row. */
const ROWS_PER_STATEMENT = 64;

/**
 * A batch writer for `INSERT INTO target (...) VALUES rowSql, rowSql, ...`, where rowSql takes
 * five parameters: line (the Excel row), email, name, key, fields JSON.
 */
function batchWriter(db: Db, insertInto: string, rowSql: string): MemberSink {
  const many = db.prepare(`${insertInto} VALUES ${Array(ROWS_PER_STATEMENT).fill(rowSql).join(', ')}`);
  const one = db.prepare(`${insertInto} VALUES ${rowSql}`);
  const args: unknown[] = new Array(ROWS_PER_STATEMENT * 5);
  return {
    write(b) {
      const { text, ends, excelRows, keyNull } = b;
      let r = 0;
      let start = 0;
      const fill = (out: unknown[], o: number): void => {
        const e = r * 4;
        out[o] = excelRows[r];
        out[o + 1] = text.slice(start, ends[e]);
        out[o + 2] = text.slice(ends[e]!, ends[e + 1]);
        out[o + 3] = keyNull[r] ? null : text.slice(ends[e + 1]!, ends[e + 2]);
        out[o + 4] = text.slice(ends[e + 2]!, (start = ends[e + 3]!));
        r++;
      };
      while (b.count - r >= ROWS_PER_STATEMENT) {
        for (let j = 0; j < ROWS_PER_STATEMENT; j++) fill(args, j * 5);
        many.run(args);
      }
      const single: unknown[] = new Array(5);
      while (r < b.count) {
        fill(single, 0);
        one.run(single);
      }
    },
  };
}

/** Rows go into members under the pending list, already in their final form. */
export function pendingListSink(db: Db, listId: number, importId: number): MemberSink {
  const list = Math.trunc(listId);
  const imp = Math.trunc(importId);
  return batchWriter(
    db,
    'INSERT INTO members (list_id, line, email, name, member_key, fields_json, change, first_seen_import, last_seen_import)',
    `(${list}, ?, ?, ?, ?, ?, NULL, ${imp}, ${imp})`,
  );
}

export interface StageTable extends MemberSink {
  readonly table: string;
  drop(): void;
}

let stageCounter = 0;

/**
 * A per-connection TEMP table (no index, fields already JSON): it vanishes with the connection,
 * so a crash mid-import leaves nothing behind in the database file.
 */
export function stageTableSink(db: Db): StageTable {
  const table = `import_stage_${process.pid}_${++stageCounter}`;
  db.exec(
    `CREATE TEMP TABLE ${table} (line INTEGER NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL,
       member_key TEXT, fields_json TEXT NOT NULL)`,
  );
  const sink = batchWriter(db, `INSERT INTO temp.${table} (line, email, name, member_key, fields_json)`, '(?, ?, ?, ?, ?)');
  return { table, write: sink.write, drop: () => db.exec(`DROP TABLE IF EXISTS temp.${table}`) };
}
