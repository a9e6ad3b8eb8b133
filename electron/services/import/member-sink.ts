// Where an import's accepted rows are written while the file is read. Under a pending list (a
// new list) they go straight into members, a step of rows per synchronous transaction; for a
// list that already has members they wait in a TEMP stage with no index until the final
// transaction copies them. Each sink runs its own transactions (never call one inside another).
// This file unpacks a RowBatch into statement parameters; the SQL is in import-rows-repo.ts.
import type { Db } from '../../db/connection';
import {
  checkPendingParents, createStageTable, isMemberAt, memberInserter, ROWS_PER_STATEMENT, withoutLookupInsertTrigger, type RowInserter,
} from '../../db/repos/import-rows-repo';
import type { LookupChunk } from './lookup-sort';
import { createRowIds, pendingLookups } from './pending-lookups';
import type { RowBatch } from './row-batch';

export interface MemberSink {
  /** Takes one batch; writes it (now or with later ones) in a transaction of its own. */
  write(b: RowBatch): void;
  /** After the last batch: writes what is still held, so the final transaction finds it in place. */
  finish(): void;
  /** Forgets what is held and drops the stage (the pending list's members are the caller's to delete). */
  drop(): void;
  /** Data rows of the file whose accepted rows are all written (committed), for progress. */
  written(): number;
  /**
   * Set when the rows' lookups (migration 0016) are the import's to write: the parser then sorts
   * them (EngineArgs.sortLookups), and after finish() each chunk of sorted entries is written in a
   * transaction of its own.
   */
  readonly lookups?: {
    write(c: LookupChunk): void;
    /** After the last chunk: throws unless every written row has its entries. */
    finish(): void;
  };
}

/**
 * Rows written into members per transaction under a pending list. Each commit writes every page
 * it dirtied to the WAL; when members still had email and key indexes (before migration 0016), a
 * step with addresses in random order dirtied nearly every page of them: at 1M random rows the
 * WAL grew to 3.1 GB with steps of 8,192 rows, 1.2 GB with 32,768, 0.8 GB with 65,536. Now the
 * rows' own pages are appended, and so are their lookup entries that come in ascending order; the
 * others are written sorted afterwards. The batches of a step are held as they came from the parser (one
 * string each) until it is full, instead of being copied into a TEMP stage and read back; the
 * held rows and their garbage show in memory (RSS growth importing 200 MB: 242 MB staged,
 * 262 MB at 32,768, 283-293 MB at 65,536, 338 MB at 131,072; import-large.test.ts bounds it).
 */
export const STEP_ROWS = 32_768;

/**
 * A batch writer: ROWS_PER_STATEMENT rows per call while there are that many, then one by one.
 * The fields JSON goes as its UTF-8 bytes (a view per row; the statement casts it to text).
 * Returns the rowid of the batch's last row.
 */
function batchWriter(insert: RowInserter): (b: RowBatch) => number {
  const args: unknown[] = new Array(ROWS_PER_STATEMENT * 5);
  const single: unknown[] = new Array(5);
  return (b) => {
    const { text, ends, excelRows, keyNull, fields, fieldEnds } = b;
    let r = 0;
    let start = 0;
    let fieldStart = 0;
    const fill = (out: unknown[], o: number): void => {
      const e = r * 3;
      out[o] = excelRows[r];
      out[o + 1] = text.slice(start, ends[e]);
      out[o + 2] = text.slice(ends[e]!, ends[e + 1]);
      out[o + 3] = keyNull[r] ? null : text.slice(ends[e + 1]!, ends[e + 2]);
      start = ends[e + 2]!;
      out[o + 4] = fields.subarray(fieldStart, (fieldStart = fieldEnds[r]!));
      r++;
    };
    let last = 0;
    while (b.count - r >= ROWS_PER_STATEMENT) {
      for (let j = 0; j < ROWS_PER_STATEMENT; j++) fill(args, j * 5);
      last = insert.many(args);
    }
    while (r < b.count) {
      fill(single, 0);
      last = insert.one(single);
    }
    return last;
  };
}

/**
 * Runs `fn` (a whole transaction) with foreign-key enforcement off, and on again after. The
 * pragma only takes effect outside a transaction; it is synchronous here, so no other code on the
 * connection runs while it is off. Inside a caller's transaction the checks simply stay on.
 */
function withoutForeignKeyChecks(db: Db, fn: () => void): void {
  if (db.inTransaction || !(db.pragma('foreign_keys', { simple: true }) as number)) return fn();
  db.pragma('foreign_keys = OFF');
  try {
    fn();
  } finally {
    db.pragma('foreign_keys = ON');
  }
}

/**
 * Rows go into members under the pending list, in file order (ids ascending with the rows), a
 * step at a time. The rows' foreign keys (the list, the import) are checked once per step by
 * checkPendingParents instead of three lookups per row: this list and import were created by
 * this import and nothing else writes under a pending list (pending-list.ts).
 */
export function pendingListSink(db: Db, listId: number, importId: number, stepRows = STEP_ROWS): MemberSink {
  const write = batchWriter(memberInserter(db, listId, importId));
  // The member ids of the accepted rows, for their lookup entries; and how many rows have a key.
  const ids = createRowIds();
  let keyed = 0;
  const lookups = pendingLookups(db, listId, importId, ids, () => ({ email: ids.rows(), key: keyed }));
  const step = db.transaction((batches: RowBatch[]) => {
    checkPendingParents(db, listId, importId);
    // The lookups of a pending list's rows are the import's to write (pending-lookups.ts).
    withoutLookupInsertTrigger(db, () => {
      for (const b of batches) {
        const last = write(b);
        // Inside this synchronous transaction nothing else inserts: the batch's ids run up to `last`.
        const first = last - b.count + 1;
        if (!isMemberAt(db, listId, first, b.excelRows[0]!)) throw new Error(`the import's member ids are not where it counted them (${first})`);
        ids.add(first, b.count);
        for (let r = 0; r < b.count; r++) keyed += 1 - b.keyNull[r]!;
        lookups.writeInOrder(b, first);
      }
    });
  });
  let held: RowBatch[] = [];
  let heldRows = 0;
  let written = 0;
  const flush = (): void => {
    if (heldRows === 0) return;
    const batches = held;
    held = [];
    heldRows = 0;
    withoutForeignKeyChecks(db, () => step(batches));
    written = batches.at(-1)!.rowsThrough;
  };
  return {
    write(b) {
      held.push(b);
      heldRows += b.count;
      if (heldRows >= stepRows) flush();
    },
    finish: flush,
    drop() {
      held = [];
      heldRows = 0;
    },
    written: () => written,
    lookups,
  };
}

export interface StageSink extends MemberSink {
  readonly table: string;
}

/** Rows wait in a TEMP stage (import-rows-repo.ts) until the final transaction copies them; one transaction per batch. */
export function stageTableSink(db: Db): StageSink {
  const stage = createStageTable(db);
  const insert = db.transaction(batchWriter(stage.insert));
  let written = 0;
  const write = (b: RowBatch): void => {
    insert(b);
    written = b.rowsThrough;
  };
  return { table: stage.table, write, finish: () => {}, drop: stage.drop, written: () => written };
}
