// Where an import's accepted rows are written while the file is read, one batch per short
// transaction: straight into the members table under a pending list (a new list), or into a
// TEMP staging table that the final transaction copies from (a list that already has members).
// This file unpacks a RowBatch into statement parameters; the SQL is in import-rows-repo.ts.
import type { Db } from '../../db/connection';
import { createStageTable, pendingMemberInserter, ROWS_PER_STATEMENT, type RowInserter } from '../../db/repos/import-rows-repo';
import type { RowBatch } from './row-batch';

export interface MemberSink {
  /** Writes one batch; the caller wraps it in a transaction. */
  write(b: RowBatch): void;
}

/** A batch writer: ROWS_PER_STATEMENT rows per call while there are that many, then one by one. */
function batchWriter(insert: RowInserter): MemberSink {
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
        insert.many(args);
      }
      const single: unknown[] = new Array(5);
      while (r < b.count) {
        fill(single, 0);
        insert.one(single);
      }
    },
  };
}

/** Rows go into members under the pending list, already in their final form. */
export function pendingListSink(db: Db, listId: number, importId: number): MemberSink {
  return batchWriter(pendingMemberInserter(db, listId, importId));
}

export interface StageSink extends MemberSink {
  readonly table: string;
  drop(): void;
}

/** Rows wait in a TEMP stage (import-rows-repo.ts) until the final transaction copies them. */
export function stageTableSink(db: Db): StageSink {
  const stage = createStageTable(db);
  return { table: stage.table, write: batchWriter(stage.insert).write, drop: stage.drop };
}
