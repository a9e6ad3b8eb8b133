// A new list's address and key lookups (migration 0016), written by its import: the entries that
// came in ascending order with their rows (appends), the others after the rows, sorted by the
// parser (lookup-sort.ts), a range per transaction; each with the member id its row got. The
// INSERT trigger writes none under a pending list; the count check at the end stops an import
// whose lookups would be incomplete.
import type { Db } from '../../db/connection';
import { checkPendingParents, lookupInserter, ROWS_PER_STATEMENT } from '../../db/repos/import-rows-repo';
import { chunkText, type LookupChunk } from './lookup-sort';
import { ADDRESS_SLICE, EMAIL_IN_ORDER, KEY_IN_ORDER, KEY_SLICE, sliceStart, type RowBatch } from './row-batch';

/**
 * The member ids of an import's accepted rows (0-based, file order), kept per batch (its first
 * row and first id: a batch's ids run on), not per row: a million rows would take 8 MB.
 */
export function createRowIds() {
  let firstRow = new Int32Array(256);
  let firstId = new Float64Array(256);
  let batches = 0;
  let rows = 0;
  return {
    add(first: number, count: number): void {
      if (batches === firstRow.length) {
        const r = new Int32Array(batches * 2);
        r.set(firstRow);
        firstRow = r;
        const d = new Float64Array(batches * 2);
        d.set(firstId);
        firstId = d;
      }
      firstRow[batches] = rows;
      firstId[batches++] = first;
      rows += count;
    },
    rows: () => rows,
    /** The id of accepted row `row` (< rows()). */
    of(row: number): number {
      let lo = 0;
      let hi = batches - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (firstRow[mid]! <= row) lo = mid;
        else hi = mid - 1;
      }
      return firstId[lo]! + (row - firstRow[lo]!);
    },
  };
}
export type RowIds = ReturnType<typeof createRowIds>;

/**
 * Writes a pending list's lookups: the entries that came in ascending order with their rows, the
 * sorted ones a chunk per transaction; `expected` says how many entries each lookup must get.
 */
export function pendingLookups(db: Db, listId: number, importId: number, ids: RowIds, expected: () => { email: number; key: number }) {
  const inserters = { email: lookupInserter(db, listId, 'email'), key: lookupInserter(db, listId, 'key') };
  const done = { email: 0, key: 0 };
  const args: unknown[] = new Array(ROWS_PER_STATEMENT * 2);
  const single: unknown[] = new Array(2);
  const step = db.transaction((c: LookupChunk) => {
    checkPendingParents(db, listId, importId);
    const insert = inserters[c.kind];
    const text = chunkText(c);
    const { ends, rows } = c;
    let j = 0;
    let start = 0;
    while (c.count - j >= ROWS_PER_STATEMENT) {
      for (let k = 0; k < ROWS_PER_STATEMENT; k++, j++) {
        args[2 * k] = text.slice(start, (start = ends[j]!));
        args[2 * k + 1] = ids.of(rows[j]!);
      }
      insert.many(args);
    }
    for (; j < c.count; j++) {
      single[0] = text.slice(start, (start = ends[j]!));
      single[1] = ids.of(rows[j]!);
      insert.one(single);
    }
  });
  /** Writes the batch's entries of one kind marked `bit` (rows from firstId on); returns how many. */
  const inOrder = (b: RowBatch, firstId: number, kind: 'email' | 'key', bit: number): number => {
    const insert = inserters[kind];
    const at = kind === 'email' ? ADDRESS_SLICE : KEY_SLICE;
    let n = 0;
    let k = 0;
    for (let r = 0; r < b.count; r++) {
      if ((b.inOrder[r]! & bit) === 0) continue;
      args[2 * k] = b.text.slice(sliceStart(b.ends, r, at), b.ends[3 * r + at]!);
      args[2 * k + 1] = firstId + r;
      n++;
      if (++k === ROWS_PER_STATEMENT) {
        insert.many(args);
        k = 0;
      }
    }
    for (let j = 0; j < k; j++) {
      single[0] = args[2 * j];
      single[1] = args[2 * j + 1];
      insert.one(single);
    }
    return n;
  };
  return {
    /** Inside the transaction that wrote the batch's rows, ids firstId on: their in-order entries. */
    writeInOrder(b: RowBatch, firstId: number): void {
      done.email += inOrder(b, firstId, 'email', EMAIL_IN_ORDER);
      done.key += inOrder(b, firstId, 'key', KEY_IN_ORDER);
    },
    write(c: LookupChunk): void {
      step(c);
      done[c.kind] += c.count;
    },
    finish(): void {
      const want = expected();
      if (done.email !== want.email || done.key !== want.key) {
        throw new Error(`the new list's lookups are incomplete: ${done.email}/${want.email} addresses, ${done.key}/${want.key} keys`);
      }
    },
  };
}
