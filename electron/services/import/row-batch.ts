// Turns parsed CSV rows into compact batches of accepted members: checks each row's shape,
// normalises and validates its address, builds its fields JSON, and tallies every rejection
// and normalisation for the report. A batch is one string plus offsets, so that it crosses
// from the parsing thread to the database thread as a single copy, not a million objects.
//
// The batch's address, name and key are written character by character into one growing buffer
// of UTF-16 units and made a string once per batch; its fields JSON into another buffer, already
// as UTF-8, which SQLite is handed as it is (import-rows-repo.ts): the fields are most of a row's
// text, and making them a string only for SQLite to turn it back into UTF-8 cost the database
// thread about 0.6-1 s per million rows. The cells are copied from the decoded text (the row is
// bounds in it, parse-csv.ts), so packing a row makes no strings but its address, name and key.
import { normaliseAddress, validateAddress } from '../../../shared/address';
import { layoutIdOf } from '../../db/field-layout-id';
import { rowHasControlChars } from './control-chars';
import type { CsvRow } from './parse-csv';
import { ascendingFilter, type LookupCollector } from './lookup-sort';
import { isPlainAddress } from './plain-address';
import { JSON_BYTES_PER_UNIT, writeJsonString, type ControlSeen } from './json-utf8';
import {
  REPORT_LIMIT,
  type NormalisedRow,
  type RaggedRow,
  type RejectedRow,
  type RowRejectReason,
} from './import-report';

export interface RowColumns {
  readonly columns: readonly string[];
  readonly emailIndex: number;
  readonly nameIndex: number;
  readonly keyIndex: number;
}

/** A row's slices of RowBatch.text, in order: its address, name and key. */
export const ADDRESS_SLICE = 0;
export const KEY_SLICE = 2;

/** Where row r's slice `at` (ADDRESS_SLICE, 1 for the name, KEY_SLICE) begins in RowBatch.text; it ends at ends[3r + at]. */
export const sliceStart = (ends: Int32Array, r: number, at: number): number => (r === 0 && at === 0 ? 0 : ends[3 * r + at - 1]!);

/** In RowBatch.inOrder: the row's address entry (key entry) goes in with the row (lookup-sort.ts). */
export const EMAIL_IN_ORDER = 1;
export const KEY_IN_ORDER = 2;

/**
 * Accepted rows. Row r's email, name and key are slices of `text`: email from ends[3r-1] (0 for
 * r = 0) to ends[3r], then name and key. Its fields JSON is the UTF-8 bytes of `fields` from
 * fieldEnds[r-1] (0 for r = 0) to fieldEnds[r]. keyNull[r] = 1 when the row has no key.
 * excelRows[r] is the row's number in Excel (what members.line keeps and the UI shows).
 * inOrder[r] says which of the row's lookup entries (a new list's import only) the parser left
 * out of its sorted pass, for the database thread to write with the row: EMAIL_IN_ORDER, KEY_IN_ORDER.
 */
export interface RowBatch {
  readonly count: number;
  /** Data rows of the file up to and including this batch's last row (accepted or not): progress once it is written. */
  readonly rowsThrough: number;
  readonly excelRows: Int32Array;
  readonly ends: Int32Array;
  readonly keyNull: Uint8Array;
  readonly inOrder: Uint8Array;
  readonly text: string;
  readonly fields: Buffer;
  readonly fieldEnds: Int32Array;
}

/** Row r's fields JSON as text (tests and checks; the import hands SQLite the bytes). */
export function fieldsText(b: RowBatch, r: number): string {
  return b.fields.toString('utf8', r === 0 ? 0 : b.fieldEnds[r - 1]!, b.fieldEnds[r]!);
}

/**
 * A batch as the parsing thread hands it over: the text still as UTF-16 code units and the
 * fields as UTF-8, in buffers of their own that are moved (not copied) to the database thread,
 * which makes the string (unpackBatch). Making a string of megabytes is costly; so was copying
 * it across threads.
 */
export interface PackedBatch {
  readonly count: number;
  readonly rowsThrough: number;
  readonly excelRows: Int32Array;
  readonly ends: Int32Array;
  readonly keyNull: Uint8Array;
  readonly inOrder: Uint8Array;
  readonly units: Uint16Array;
  readonly fields: Uint8Array;
  readonly fieldEnds: Int32Array;
}

export function unpackBatch(p: PackedBatch): RowBatch {
  const { units } = p;
  return {
    count: p.count,
    rowsThrough: p.rowsThrough,
    excelRows: p.excelRows,
    ends: p.ends,
    keyNull: p.keyNull,
    inOrder: p.inOrder,
    // UTF-16 code units as they are (no replacement of lone surrogates, unlike TextDecoder).
    text: Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString('utf16le'),
    fields: Buffer.from(p.fields.buffer, p.fields.byteOffset, p.fields.byteLength),
    fieldEnds: p.fieldEnds,
  };
}

/** What posting a packed batch to another thread moves rather than copies. */
export function packedTransfer(p: PackedBatch): ArrayBuffer[] {
  return [p.excelRows.buffer, p.ends.buffer, p.keyNull.buffer, p.inOrder.buffer, p.units.buffer, p.fields.buffer, p.fieldEnds.buffer] as ArrayBuffer[];
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
  /** The RowHandler for the CSV stream. */
  row(cells: CsvRow, row: number, line: number, malformedQuotes: boolean): void;
  /** Hands over the rows packed so far (if any) as a batch. */
  flush(): void;
}

const utf8 = new TextEncoder();

/** A buffer of at least `need` (doubling), holding the first `used` elements of `a`. */
function grown<T extends Uint8Array | Uint16Array>(a: T, used: number, need: number, make: (size: number) => T): T {
  let size = a.length * 2;
  while (size < need) size *= 2;
  const bigger = make(size);
  bigger.set(a.subarray(0, used));
  return bigger;
}

/** The fields buffer of a batch to start with (it doubles as needed). */
const FIELDS_START_BYTES = 1 << 20;

/** Rows per batch: large enough to amortise a transaction, small enough to keep memory flat. */
const BATCH_ROWS = 8192;

/** String.prototype.trim's white space (WhiteSpace and LineTerminator of ECMAScript). */
function isTrimmed(c: number): boolean {
  return c <= 0x20
    ? c === 0x20 || (c >= 0x09 && c <= 0x0d)
    : c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/** Whether a cell past the header's columns holds a control character (those cells are not written). */
function extraCellsHaveControls(cells: CsvRow, expected: number): boolean {
  const extra: string[] = [];
  for (let i = expected; i < cells.count; i++) extra.push(cells.cell(i));
  return rowHasControlChars(extra);
}

/** Whether cell i of the row is empty or white space only (cell(i).trim() === ''). */
function blankCell(cells: CsvRow, i: number): boolean {
  if (i >= cells.count) return true;
  // A cell to unquote holds a quote, which is not white space.
  if (cells.unquote(i)) return false;
  const t = cells.text;
  const end = cells.end(i);
  for (let k = cells.start(i); k < end; k++) if (!isTrimmed(t.charCodeAt(k))) return false;
  return true;
}

/** Where a new list's accepted rows' addresses and keys are copied for its sorted lookups (lookup-sort.ts). */
export interface RowLookups {
  readonly emails: LookupCollector;
  readonly keys: LookupCollector;
}

export function createRowPacker(cols: RowColumns, onBatch: (b: PackedBatch) => void, batchRows = BATCH_ROWS, lookups: RowLookups | null = null): RowPacker {
  const { columns, emailIndex, nameIndex, keyIndex } = cols;
  const expected = columns.length;
  // The fields are stored as an array after their layout's id (migration 0017, fields.ts), the
  // same id on every row: `["<id>",` before the first value, a comma before each other.
  const openings = columns.map((_, i) => utf8.encode(i === 0 ? `[${JSON.stringify(layoutIdOf(columns))},` : ','));
  const tally: RowTally = {
    rows: 0, accepted: 0, rejected: 0, normalised: 0, ragged: 0, blank: 0,
    rejectedByReason: {}, rejectedRows: [], normalisedRows: [], raggedRows: [],
  };
  // The batch's text; handed over with the batch, and a new one started (sized as the last).
  let out = new Uint16Array(1 << 20);
  let o = 0;
  let count = 0;
  let excelRows = new Int32Array(batchRows);
  let ends = new Int32Array(batchRows * 3);
  let keyNull = new Uint8Array(batchRows);
  let inOrder = new Uint8Array(batchRows);
  // The batch's fields JSON, UTF-8, and where each row's ends.
  let fout = new Uint8Array(FIELDS_START_BYTES);
  let fo = 0;
  let fieldEnds = new Int32Array(batchRows);
  // Whether the row's cells, as their JSON was written, held a control character (json-utf8.ts).
  const seen: ControlSeen = { control: false };
  // Where the row being read began its fields: a refused row's bytes are dropped from there.
  let rowFieldsStart = 0;

  function room(n: number): void {
    if (o + n > out.length) out = grown(out, o, o + n, (size) => new Uint16Array(size));
  }

  function fieldRoom(n: number): void {
    if (fo + n > fout.length) fout = grown(fout, fo, fo + n, (size) => new Uint8Array(size));
  }

  /** Copies text[start, end) into the batch. */
  function copy(t: string, start: number, end: number): void {
    room(end - start);
    const u = out;
    let p = o;
    for (let k = start; k < end; k++) u[p++] = t.charCodeAt(k);
    o = p;
  }

  /** Writes cell i trimmed (as String.prototype.trim does); returns how long it was. */
  function writeTrimmed(cells: CsvRow, i: number): number {
    if (i >= cells.count) return 0;
    if (cells.unquote(i)) {
      const v = cells.cell(i).trim();
      copy(v, 0, v.length);
      return v.length;
    }
    const t = cells.text;
    let start = cells.start(i);
    let end = cells.end(i);
    while (start < end && isTrimmed(t.charCodeAt(start))) start++;
    while (end > start && isTrimmed(t.charCodeAt(end - 1))) end--;
    copy(t, start, end);
    return end - start;
  }

  /** Writes column i's cell as a JSON string into the fields, UTF-8, after the comma or the row's opening (an empty cell past the row's last). */
  function writeField(cells: CsvRow, i: number): void {
    const part = openings[i]!;
    const inRow = i < cells.count;
    const start = inRow ? cells.start(i) : 0;
    const end = inRow ? cells.end(i) : 0;
    fieldRoom(part.length + JSON_BYTES_PER_UNIT * (end - start) + 2);
    // Locals, not the closure's fout and fo: a closure variable stored per byte cost about twice as much.
    const f = fout;
    let p = fo;
    for (let k = 0; k < part.length; k++) f[p++] = part[k]!;
    fo = writeJsonString(cells.text, start, end, inRow && cells.unquote(i), f, p, seen);
  }

  /** Refuses the row being read: tallied, and whatever of its fields was written dropped. */
  function reject(row: number, line: number, reason: RowRejectReason, rawEmail: string): void {
    fo = rowFieldsStart;
    tally.rejected++;
    tally.rejectedByReason[reason] = (tally.rejectedByReason[reason] ?? 0) + 1;
    if (tally.rejectedRows.length < REPORT_LIMIT) tally.rejectedRows.push({ row, line, reason, rawEmail });
  }

  // Where the batch's addresses and keys are in `out`, and their rows, for the lookups (reused
  // from batch to batch); and the entries in ascending order so far, which skip the sort.
  const spans = lookups === null ? null : new Int32Array(batchRows * 2);
  const entryRows = lookups === null ? null : new Int32Array(batchRows);
  const ascending = { email: ascendingFilter(), key: ascendingFilter() };

  /**
   * Marks the batch's entries that come in ascending order (inOrder) and copies the others into
   * the lookups' collectors.
   */
  function collectLookups(l: RowLookups, spans: Int32Array, entryRows: Int32Array): void {
    // The batch's first row's place among the accepted rows, as the database thread counts them.
    const firstRow = tally.accepted - count;
    const collect = (at: number, filter: ReturnType<typeof ascendingFilter>, bit: number, into: LookupCollector): void => {
      let n = 0;
      for (let r = 0; r < count; r++) {
        if (at === KEY_SLICE && keyNull[r]) continue;
        const from = sliceStart(ends, r, at);
        const to = ends[3 * r + at]!;
        if (filter.takes(out, from, to)) {
          inOrder[r]! |= bit;
          continue;
        }
        spans[2 * n] = from;
        spans[2 * n + 1] = to;
        entryRows[n++] = firstRow + r;
      }
      into.add(out, spans, n, entryRows);
    };
    collect(ADDRESS_SLICE, ascending.email, EMAIL_IN_ORDER, l.emails);
    collect(KEY_SLICE, ascending.key, KEY_IN_ORDER, l.keys);
  }

  function flush(): void {
    if (count === 0) return;
    if (lookups !== null) collectLookups(lookups, spans!, entryRows!);
    const batch: PackedBatch = {
      count,
      rowsThrough: tally.rows,
      excelRows: excelRows.subarray(0, count),
      ends: ends.subarray(0, count * 3),
      keyNull: keyNull.subarray(0, count),
      inOrder: inOrder.subarray(0, count),
      units: out.subarray(0, o),
      fields: fout.subarray(0, fo),
      fieldEnds: fieldEnds.subarray(0, count),
    };
    out = new Uint16Array(out.length);
    o = 0;
    // Sized by what this batch used, not by the room it grew to: a cell is given room for six
    // bytes a unit (json-utf8.ts), and one huge cell must not make every later batch as large.
    fout = new Uint8Array(Math.max(FIELDS_START_BYTES, Math.min(fout.length, 2 * fo)));
    fo = 0;
    count = 0;
    // Fresh arrays: the batch's may be transferred to another thread.
    excelRows = new Int32Array(batchRows);
    ends = new Int32Array(batchRows * 3);
    keyNull = new Uint8Array(batchRows);
    inOrder = new Uint8Array(batchRows);
    fieldEnds = new Int32Array(batchRows);
    onBatch(batch);
  }

  function row(cells: CsvRow, excelRow: number, line: number, malformedQuotes: boolean): void {
    const n0 = cells.count;
    // Blank lines and rows of empty cells (Excel writes ",,,," for formatted empty rows) are
    // not members and not errors.
    if (emailIndex >= n0 || cells.end(emailIndex) === cells.start(emailIndex)) {
      let blank = true;
      for (let i = 0; i < n0 && blank; i++) blank = blankCell(cells, i);
      if (blank) {
        tally.blank++;
        return;
      }
    }
    tally.rows++;
    rowFieldsStart = fo;
    if (malformedQuotes) return reject(excelRow, line, 'malformed-quotes', cells.cell(emailIndex));
    // The fields first: writing them is also the control-character check of the row's cells
    // (json-utf8.ts), which comes before every other reason. A refused row's bytes are dropped.
    seen.control = false;
    // Short rows read as empty cells; extra cells (all empty, or the row is refused below) are dropped.
    for (let i = 0; i < expected; i++) writeField(cells, i);
    if (seen.control || (n0 > expected && extraCellsHaveControls(cells, expected))) {
      return reject(excelRow, line, 'control-characters', cells.cell(emailIndex));
    }
    if (n0 !== expected) {
      tally.ragged++;
      if (tally.raggedRows.length < REPORT_LIMIT) tally.raggedRows.push({ row: excelRow, line, fields: n0, expected });
      // Extra non-empty cells mean the row's columns are shifted (an unquoted comma in a name):
      // its address may belong to another column, so it is not imported. Missing trailing cells
      // are read as empty.
      if (n0 > expected) {
        for (let i = expected; i < n0; i++) {
          if (!blankCell(cells, i)) return reject(excelRow, line, 'too-many-fields', cells.cell(emailIndex));
        }
      }
    }
    // The address: straight from the text when it is a plain one (plain-address.ts), else as
    // normaliseAddress and validateAddress say.
    let email: string | null = null;
    if (emailIndex >= n0 || cells.unquote(emailIndex) || !isPlainAddress(cells.text, cells.start(emailIndex), cells.end(emailIndex))) {
      const raw = cells.cell(emailIndex);
      const n = normaliseAddress(raw);
      const reason = validateAddress(n.email);
      if (reason !== null) return reject(excelRow, line, reason, raw);
      if (n.changes.length > 0) {
        tally.normalised++;
        if (tally.normalisedRows.length < REPORT_LIMIT) {
          tally.normalisedRows.push({ row: excelRow, line, from: raw, to: n.email, changes: n.changes });
        }
      }
      email = n.email;
    }
    const r = count++;
    excelRows[r] = excelRow;
    const slot = r * 3;
    if (email === null) copy(cells.text, cells.start(emailIndex), cells.end(emailIndex));
    else copy(email, 0, email.length);
    ends[slot] = o;
    if (nameIndex >= 0) writeTrimmed(cells, nameIndex);
    ends[slot + 1] = o;
    const keyLength = keyIndex >= 0 ? writeTrimmed(cells, keyIndex) : 0;
    keyNull[r] = keyLength === 0 ? 1 : 0;
    ends[slot + 2] = o;

    fieldRoom(1);
    fout[fo++] = 0x5d; // ]
    fieldEnds[r] = fo;
    tally.accepted++;
    if (count === batchRows) flush();
  }

  return { tally, row, flush };
}
