// Streaming CSV parsing of decoded text, piece by piece, with where each row starts in Excel's
// terms (its row number: one per record, the header is row 1) and in the text (its line: a
// cell with a line break makes one Excel row span several lines).
//
// The dialect is guessed with papaparse; rows are then read by a scanner of our own that keeps
// papaparse's Parser rules exactly (quoted fields, doubled quotes, a closing quote followed by
// white space, malformed and unclosed quotes; the old parser is kept in test/unit/import/
// reference and compared with this one by a property test), but hands rows over as cell
// bounds in the text instead of arrays of new strings: a million-row file made ten million.
import Papa from 'papaparse';
import { AppError } from '../../../shared/errors';
import type { ImportDelimiter } from './import-report';

type Newline = '\n' | '\r\n' | '\r';

export interface Dialect {
  readonly delimiter: ImportDelimiter;
  readonly newline: Newline;
}

const DELIMITERS: ImportDelimiter[] = [',', '\t', ';'];

/** Delimiter and line ending from the start of the text (papaparse's own guessing). */
export function detectDialect(sampleText: string, delimiter?: ImportDelimiter): Dialect {
  const lastNewline = Math.max(sampleText.lastIndexOf('\n'), sampleText.lastIndexOf('\r'));
  const sample = lastNewline > 0 ? sampleText.slice(0, lastNewline + 1) : sampleText;
  const meta = Papa.parse<string[]>(sample, {
    preview: 50,
    // Without this, the empty string after the last newline counts as a one-field row and a
    // two-column file no longer looks consistently delimited.
    skipEmptyLines: true,
    delimitersToGuess: DELIMITERS,
    ...(delimiter ? { delimiter } : {}),
  }).meta;
  const guessed = DELIMITERS.includes(meta.delimiter as ImportDelimiter) ? (meta.delimiter as ImportDelimiter) : ',';
  const newline = (['\r\n', '\n', '\r'] as const).includes(meta.linebreak as Newline) ? (meta.linebreak as Newline) : '\n';
  return { delimiter: delimiter ?? guessed, newline };
}

/**
 * One row, as bounds in `text`: cell i's content is text[start(i), end(i)), after the opening
 * quote and before the closing one of a quoted cell. A quoted cell whose content holds quotes
 * (doubled, or stray ones of a malformed cell) reads with each "" as one ". Valid until the
 * handler returns.
 */
export interface CsvRow {
  readonly text: string;
  /** Number of cells. */
  readonly count: number;
  start(i: number): number;
  end(i: number): number;
  /** Whether cell i needs unquoting ("" → "), i.e. is not the plain slice. */
  unquote(i: number): boolean;
  /** Cell i as a string ('' past the last cell). */
  cell(i: number): string;
}

/**
 * Called once per row, in order. `row` is the Excel row (every record counts, blank ones and
 * the header too), `line` the 1-based text line the row starts on.
 */
export type RowHandler = (cells: CsvRow, row: number, line: number, malformedQuotes: boolean) => void;

export interface CsvStream {
  /** Adds the next piece of decoded text (rows complete in it may be read at once or later). */
  text(piece: string): void;
  /**
   * Ends one chunk of the file: every row complete so far goes to the handler. `final` reads
   * what is left as the last row. (Line numbers follow the old parser's per-chunk rule, so the
   * chunks must be the file's byte chunks: see emit below.)
   */
  end(final: boolean): void;
}

/**
 * A row still open after this many characters is not a row: it is an unclosed quote that
 * would swallow the rest of the file. Refusing it keeps memory bounded.
 */
const MAX_PENDING_CHARS = 16 * 1024 * 1024;

const QUOTE = 34;
const DOUBLED_QUOTES = /""/g;

/** papaparse's "extra spaces": the text between a closing quote and `index`, when all white. */
function extraSpaces(t: string, quote: number, index: number): number {
  if (index === -1 || index <= quote + 1) return 0;
  const between = t.substring(quote + 1, index);
  return between.trim() === '' ? between.length : 0;
}

/** Growable cell table of the rows read in one chunk. */
class RowTable implements CsvRow {
  text = '';
  count = 0;
  base = 0;
  rows = 0;
  cells = 0;
  starts = new Int32Array(4096);
  ends = new Int32Array(4096);
  unquotes = new Uint8Array(4096);
  rowBase = new Int32Array(512);
  rowCells = new Int32Array(512);
  /** 1 = malformed quotes, 2 = unclosed quote. */
  rowFlags = new Uint8Array(512);
  rowText = new Int32Array(512);
  texts: string[] = [];

  start(i: number): number {
    return this.starts[this.base + i]!;
  }
  end(i: number): number {
    return this.ends[this.base + i]!;
  }
  unquote(i: number): boolean {
    return this.unquotes[this.base + i] === 1;
  }
  cell(i: number): string {
    if (i >= this.count) return '';
    const k = this.base + i;
    const v = this.text.slice(this.starts[k], this.ends[k]);
    return this.unquotes[k] === 1 ? v.replace(DOUBLED_QUOTES, '"') : v;
  }

  addCell(start: number, end: number, unquote: boolean): void {
    if (this.cells === this.starts.length) {
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(a.length * 2);
        b.set(a);
        return b;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.unquotes = grow(this.unquotes);
    }
    this.starts[this.cells] = start;
    this.ends[this.cells] = end;
    this.unquotes[this.cells++] = unquote ? 1 : 0;
  }

  addRow(first: number, flags: number, text: number): void {
    if (this.rows === this.rowBase.length) {
      const n = this.rows * 2;
      const grow = <T extends Int32Array | Uint8Array>(a: T): T => {
        const b = new (a.constructor as new (n: number) => T)(n);
        b.set(a);
        return b;
      };
      this.rowBase = grow(this.rowBase);
      this.rowCells = grow(this.rowCells);
      this.rowFlags = grow(this.rowFlags);
      this.rowText = grow(this.rowText);
    }
    this.rowBase[this.rows] = first;
    this.rowCells[this.rows] = this.cells - first;
    this.rowFlags[this.rows] = flags;
    this.rowText[this.rows++] = text;
  }

  select(r: number): void {
    this.base = this.rowBase[r]!;
    this.count = this.rowCells[r]!;
    this.text = this.texts[this.rowText[r]!]!;
  }

  clear(): void {
    this.rows = 0;
    this.cells = 0;
    this.texts = [];
    this.text = '';
  }
}

export function createCsvStream(dialect: Dialect, onRow: RowHandler): CsvStream {
  const delim = dialect.delimiter;
  const delimCode = delim.charCodeAt(0);
  const newline = dialect.newline;
  const newlineLen = newline.length;
  const lineChar = dialect.newline === '\r' ? '\r' : '\n';
  const table = new RowTable();
  /** Text not yet read into rows (a row's start), and how much of it was scanned already. */
  let pending = '';
  let scannedUpTo = 0;
  /** Line breaks in the text read into rows during this chunk (see emit). */
  let breaks = 0;
  let nextLine = 1;
  let nextRow = 1;

  /**
   * Reads rows from the start of `t` while they are complete; returns where the first
   * incomplete one starts. The rules are papaparse's Parser.parse, field by field.
   */
  function scan(t: string, final: boolean): number {
    const len = t.length;
    const textIndex = table.texts.length;
    table.texts.push(t);
    let p = 0;
    // Cells of the rows read so far (those of an incomplete row are dropped at the end).
    let committed = table.cells;
    // The first newline at or after the cursor once updated (-1: none), as papaparse keeps it.
    let nl = t.indexOf(newline);
    const row = (flags: number, next: number): void => {
      table.addRow(committed, flags, textIndex);
      committed = table.cells;
      p = next;
    };
    rows: for (;;) {
      if (p === len) {
        // After a line break at the very end, papaparse's last read makes one more, empty row.
        if (final) {
          table.addCell(len, len, false);
          row(0, len);
        }
        break;
      }
      let flags = 0;
      let c = p;
      for (;;) {
        if (t.charCodeAt(c) === QUOTE) {
          let q = c;
          let inner = false;
          for (;;) {
            q = t.indexOf('"', q + 1);
            if (q === -1) {
              if (!final) break rows;
              // Never closed: papaparse reads the rest as the cell (as it is) and reports the row.
              table.addCell(c + 1, len, false);
              row(flags | 2, len);
              break rows;
            }
            if (q === len - 1) {
              if (!final) break rows;
              table.addCell(c + 1, q, inner);
              row(flags, len);
              break rows;
            }
            if (t.charCodeAt(q + 1) === QUOTE) {
              inner = true;
              q++;
              continue;
            }
            const nd = t.indexOf(delim, q + 1);
            if (nl !== -1 && nl < q + 1) nl = t.indexOf(newline, q + 1);
            const upTo = nl === -1 ? nd : Math.min(nd, nl);
            const sd = extraSpaces(t, q, upTo);
            if (t.charCodeAt(q + 1 + sd) === delimCode) {
              table.addCell(c + 1, q, inner);
              c = q + 1 + sd + 1;
              break;
            }
            const sn = extraSpaces(t, q, nl);
            if (t.startsWith(newline, q + 1 + sn)) {
              table.addCell(c + 1, q, inner);
              row(flags, q + 1 + sn + newlineLen);
              continue rows;
            }
            // A quote inside the cell that neither doubles nor closes it.
            flags |= 1;
            inner = true;
          }
          continue;
        }
        if (nl !== -1 && nl < c) nl = t.indexOf(newline, c);
        const nd = t.indexOf(delim, c);
        if (nd !== -1 && (nd < nl || nl === -1)) {
          table.addCell(c, nd, false);
          c = nd + 1;
          continue;
        }
        if (nl !== -1) {
          table.addCell(c, nl, false);
          row(flags, nl + newlineLen);
          continue rows;
        }
        if (!final) break rows;
        table.addCell(c, len, false);
        row(flags, len);
        break rows;
      }
    }
    table.cells = committed;
    for (let i = t.indexOf(lineChar); i !== -1 && i < p; i = t.indexOf(lineChar, i + 1)) breaks++;
    return p;
  }

  /** Scans what is pending; keeps the incomplete rest. */
  function read(final: boolean): void {
    if (pending.length === 0) return;
    const consumed = scan(pending, final);
    pending = consumed >= pending.length ? '' : pending.slice(consumed);
    scannedUpTo = pending.length;
  }

  /**
   * Hands the chunk's rows over. A row's line is the previous row's plus one, plus (as the old
   * parser counted them) the line breaks inside its cells, but only when the chunk's consumed
   * text holds more line breaks than rows (otherwise no cell can hold one).
   */
  function emit(): void {
    const mayspan = breaks > table.rows;
    for (let r = 0; r < table.rows; r++) {
      table.select(r);
      const line = nextLine;
      const row = nextRow++;
      const flags = table.rowFlags[r]!;
      if (flags & 2) {
        throw new AppError('import-unreadable', `A quoted field starting on Excel row ${row} (line ${line}) is never closed.`, {
          reason: 'unclosed-quote',
          row,
          line,
        });
      }
      let span = 1;
      if (mayspan) {
        const text = table.text;
        for (let i = 0; i < table.count; i++) {
          const end = table.end(i);
          for (let k = text.indexOf(lineChar, table.start(i)); k !== -1 && k < end; k = text.indexOf(lineChar, k + 1)) span++;
        }
      }
      nextLine += span;
      onRow(table, row, line, (flags & 1) === 1);
    }
    table.clear();
    breaks = 0;
  }

  return {
    text(piece) {
      if (piece.length === 0) return;
      pending = pending.length === 0 ? piece : pending + piece;
      // Rescanning an open row on every piece would be quadratic in a long quoted cell: scan
      // once the new text is at least as long as what was scanned before.
      if (pending.length - scannedUpTo >= scannedUpTo) read(false);
    },
    end(final) {
      read(final);
      if (final) pending = '';
      emit();
      if (pending.length > MAX_PENDING_CHARS) {
        throw new AppError('import-unreadable', `A quoted field starting on Excel row ${nextRow} (line ${nextLine}) is never closed.`, {
          reason: 'unclosed-quote',
          row: nextRow,
          line: nextLine,
        });
      }
    },
  };
}
