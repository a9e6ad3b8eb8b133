// The import parser as it was before the rewrite for speed (issue 15), kept unchanged (but for the
// fields' form since migration 0017) as the reference the differential property test (../parse-equivalence.test.ts) compares the new one with.
// Turns parsed CSV rows into compact batches of accepted members: checks each row's shape,
// normalises and validates its address, builds its fields JSON, and tallies every rejection
// and normalisation for the report. A batch is one string plus offsets, so that it crosses
// from the parsing thread to the database thread as a single copy, not a million objects.
import { layoutIdOf } from '../../../../electron/db/field-layout-id';
import { normaliseAddress, validateAddress } from '../../../../shared/address';
import { rowHasControlChars } from './control-chars';
import {
  REPORT_LIMIT,
  type NormalisedRow,
  type RaggedRow,
  type RejectedRow,
  type RowRejectReason,
} from '../../../../electron/services/import/import-report';

export interface RowColumns {
  readonly columns: readonly string[];
  readonly emailIndex: number;
  readonly nameIndex: number;
  readonly keyIndex: number;
}

/**
 * Accepted rows. Row r's values are slices of `text`: email from ends[4r-1] (0 for r = 0) to
 * ends[4r], then name, key and the fields JSON. keyNull[r] = 1 when the row has no key.
 * excelRows[r] is the row's number in Excel (what members.line keeps and the UI shows).
 */
export interface RowBatch {
  readonly count: number;
  readonly excelRows: Int32Array;
  readonly ends: Int32Array;
  readonly keyNull: Uint8Array;
  readonly text: string;
}

export interface RowTally {
  rows: number;
  accepted: number;
  rejected: number;
  normalised: number;
  ragged: number;
  blank: number;
  readonly rejectedByReason: Partial<Record<RowRejectReason, number>>;
  readonly rejectedRows: RejectedRow[];
  readonly normalisedRows: NormalisedRow[];
  readonly raggedRows: RaggedRow[];
}

export interface RowPacker {
  readonly tally: RowTally;
  /** The RowHandler for the CSV stream; `cells` is consumed. */
  row(cells: string[], row: number, line: number, malformedQuotes: boolean): void;
  /** From now on, refuse rows holding control characters (the text ahead has some: control-chars.ts). */
  watchControls(): void;
  /** Hands over the rows packed so far (if any) as a batch. */
  flush(): void;
}

/** Rows per batch: large enough to amortise a transaction, small enough to keep memory flat. */
const BATCH_ROWS = 8192;

// JSON.stringify escapes quotes, backslashes, control characters and lone surrogates; a cell
// without any of these is its own JSON string body. (Surrogate pairs take the slow path too.)
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

export function createRowPacker(cols: RowColumns, onBatch: (b: RowBatch) => void, batchRows = BATCH_ROWS): RowPacker {
  const { columns, emailIndex, nameIndex, keyIndex } = cols;
  const expected = columns.length;
  // `["<layout id>",` then `,` ...: since migration 0017 the fields are an array after their
  // layout's id (the column names were keys here before); with the opening quote of a plain value
  // too. A row's text is pushed as these constants and the cells themselves, so packing allocates
  // no new strings until the batch is joined.
  const keyParts = columns.map((_, i) => (i === 0 ? `[${JSON.stringify(layoutIdOf(columns))},` : ','));
  const keyQuoted = keyParts.map((k) => k + '"');
  const tally: RowTally = {
    rows: 0, accepted: 0, rejected: 0, normalised: 0, ragged: 0, blank: 0,
    rejectedByReason: {}, rejectedRows: [], normalisedRows: [], raggedRows: [],
  };
  let parts: string[] = [];
  let pos = 0;
  let count = 0;
  let excelRows = new Int32Array(batchRows);
  let ends = new Int32Array(batchRows * 4);
  let keyNull = new Uint8Array(batchRows);
  // Off until the reader sees a control character in the text, so clean files pay nothing per cell.
  let watching = false;

  function reject(row: number, line: number, reason: RowRejectReason, rawEmail: string): void {
    tally.rejected++;
    tally.rejectedByReason[reason] = (tally.rejectedByReason[reason] ?? 0) + 1;
    if (tally.rejectedRows.length < REPORT_LIMIT) tally.rejectedRows.push({ row, line, reason, rawEmail });
  }

  function flush(): void {
    if (count === 0) return;
    const batch: RowBatch = {
      count,
      excelRows: excelRows.subarray(0, count),
      ends: ends.subarray(0, count * 4),
      keyNull: keyNull.subarray(0, count),
      text: parts.join(''),
    };
    parts = [];
    pos = 0;
    count = 0;
    // Fresh arrays: the batch's may be transferred to another thread.
    excelRows = new Int32Array(batchRows);
    ends = new Int32Array(batchRows * 4);
    keyNull = new Uint8Array(batchRows);
    onBatch(batch);
  }

  function row(cells: string[], excelRow: number, line: number, malformedQuotes: boolean): void {
    const raw = cells[emailIndex] ?? '';
    // Blank lines and rows of empty cells (Excel writes ",,,," for formatted empty rows) are
    // not members and not errors.
    if (raw === '' && cells.every((c) => c.trim() === '')) {
      tally.blank++;
      return;
    }
    tally.rows++;
    if (malformedQuotes) return reject(excelRow, line, 'malformed-quotes', raw);
    if (watching && rowHasControlChars(cells)) return reject(excelRow, line, 'control-characters', raw);
    if (cells.length !== expected) {
      tally.ragged++;
      if (tally.raggedRows.length < REPORT_LIMIT) tally.raggedRows.push({ row: excelRow, line, fields: cells.length, expected });
      // Extra non-empty cells mean the row's columns are shifted (an unquoted comma in a name):
      // its address may belong to another column, so it is not imported. Missing trailing cells
      // are read as empty.
      if (cells.length > expected && cells.slice(expected).some((c) => c.trim() !== '')) {
        return reject(excelRow, line, 'too-many-fields', raw);
      }
    }
    const n = normaliseAddress(raw);
    const reason = validateAddress(n.email);
    if (reason !== null) return reject(excelRow, line, reason, raw);
    if (n.changes.length > 0) {
      tally.normalised++;
      if (tally.normalisedRows.length < REPORT_LIMIT) {
        tally.normalisedRows.push({ row: excelRow, line, from: raw, to: n.email, changes: n.changes });
      }
    }
    const name = nameIndex >= 0 ? (cells[nameIndex] ?? '').trim() : '';
    const key = keyIndex >= 0 ? (cells[keyIndex] ?? '').trim() : '';
    const r = count++;
    excelRows[r] = excelRow;
    keyNull[r] = key === '' ? 1 : 0;
    const slot = r * 4;
    // The row's text is built by concatenation (one rope per row, flattened once by the batch's
    // join): pushing every cell and key separately made the join of a batch the costliest step.
    let t = n.email;
    ends[slot] = pos + t.length;
    t += name;
    ends[slot + 1] = pos + t.length;
    t += key;
    ends[slot + 2] = pos + t.length;
    // Short rows read as empty cells; extra cells (all empty, see above) are dropped.
    for (let i = 0; i < expected; i++) {
      const cell = cells[i] ?? '';
      t += NEEDS_ESCAPE.test(cell) ? keyParts[i]! + JSON.stringify(cell) : keyQuoted[i]! + cell + '"';
    }
    t += ']';
    pos += t.length;
    ends[slot + 3] = pos;
    parts.push(t);
    tally.accepted++;
    if (count === batchRows) flush();
  }

  return { tally, row, flush, watchControls: () => void (watching = true) };
}
