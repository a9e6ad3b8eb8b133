// Where an import's accepted rows are written while the file is read, one batch per short
// transaction, always first into a TEMP stage with no index (cheap appends). Under a pending
// list (a new list) the stage is moved into members every MOVE_ROWS rows and at the end; for a
// list that already has members, the final transaction copies the whole stage.
// This file unpacks a RowBatch into statement parameters; the SQL is in import-rows-repo.ts.
import type { Db } from '../../db/connection';
import { createStageTable, moveStagedRows, ROWS_PER_STATEMENT, type RowInserter } from '../../db/repos/import-rows-repo';
import type { RowBatch } from './row-batch';

export interface MemberSink {
  /** Writes one batch; the caller wraps it in a transaction. */
  write(b: RowBatch): void;
  /** After the last batch: puts what is still held where the final transaction expects it; in a transaction too. */
  finish(): void;
  /** Drops the stage (the pending list's members, if any, are the caller's to delete). */
  drop(): void;
}

/**
 * Staged rows moved into members at a time under a pending list. Large, because members' email
 * and key indexes take one random insert per row when addresses come in random order, and each
 * commit writes every index page it touched to the WAL again (at 1M random rows: 64k-row steps
 * ~14 s CPU, 128k-row steps ~10 s). One step takes about a second of CPU at most, and the
 * event loop runs between steps.
 */
const MOVE_ROWS = 131_072;

/** A batch writer: ROWS_PER_STATEMENT rows per call while there are that many, then one by one. */
function batchWriter(insert: RowInserter): (b: RowBatch) => void {
  const args: unknown[] = new Array(ROWS_PER_STATEMENT * 5);
  const single: unknown[] = new Array(5);
  return (b) => {
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
      insert.many(args);
    }
    while (r < b.count) {
      fill(single, 0);
      insert.one(single);
    }
  };
}

/** Rows go into members under the pending list, through the stage, in file order. */
export function pendingListSink(db: Db, listId: number, importId: number): MemberSink {
  const stage = createStageTable(db);
  const write = batchWriter(stage.insert);
  let staged = 0;
  const move = (): void => {
    if (staged > 0) moveStagedRows(db, stage.table, listId, importId);
    staged = 0;
  };
  return {
    write(b) {
      write(b);
      staged += b.count;
      if (staged >= MOVE_ROWS) move();
    },
    finish: move,
    drop: stage.drop,
  };
}

export interface StageSink extends MemberSink {
  readonly table: string;
}

/** Rows wait in a TEMP stage (import-rows-repo.ts) until the final transaction copies them. */
export function stageTableSink(db: Db): StageSink {
  const stage = createStageTable(db);
  return { table: stage.table, write: batchWriter(stage.insert), finish: () => {}, drop: stage.drop };
}
