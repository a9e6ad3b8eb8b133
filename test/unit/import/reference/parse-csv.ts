// The import parser as it was before the rewrite for speed (issue 15), kept as the
// reference the differential property test (../parse-equivalence.test.ts) compares the new one
// with. Only the dialect guess is left out (the new parser keeps it unchanged).
// Streaming CSV parsing on papaparse's own Parser, fed decoded text piece by piece, with where
// each row starts in Excel's terms (its row number: one per record, the header is row 1) and
// in the text (its line: a cell with a line break makes one Excel row span several lines).
import Papa from 'papaparse';
import { AppError } from '../../../../shared/errors';
import type { ImportDelimiter } from '../../../../electron/services/import/import-report';

type Newline = '\n' | '\r\n' | '\r';

export interface Dialect {
  readonly delimiter: ImportDelimiter;
  readonly newline: Newline;
}

/**
 * Called once per row, in order; `cells` belongs to the callee. `row` is the Excel row (every
 * record counts, blank ones and the header too), `line` the 1-based text line the row starts on.
 * Two numbers rather than an object: this runs once per row of a million-row file.
 */
export type RowHandler = (cells: string[], row: number, line: number, malformedQuotes: boolean) => void;

export interface CsvStream {
  /** Feeds the next piece of text; rows completed by it are handed to the handler at once. */
  push(text: string, final: boolean): void;
}

/**
 * A row still open after this many characters is not a row: it is an unclosed quote that
 * would swallow the rest of the file. Refusing it keeps memory bounded.
 */
const MAX_PENDING_CHARS = 16 * 1024 * 1024;

interface PapaError {
  type: string;
  code: string;
  row?: number;
}

export function createCsvStream(dialect: Dialect, onRow: RowHandler): CsvStream {
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline, quoteChar: '"' });
  const lineChar = dialect.newline === '\r' ? '\r' : '\n';
  let pending = '';
  let nextLine = 1;
  let nextRow = 1;

  return {
    push(text, final) {
      pending = pending.length === 0 ? text : pending + text;
      if (pending.length === 0) return;
      const result = parser.parse(pending, 0, !final) as {
        data: string[][];
        errors: PapaError[];
        meta: { cursor: number };
      };
      const malformed = new Set<number>();
      let unclosedRow = -1;
      for (const e of result.errors) {
        if (e.type !== 'Quotes' || e.row === undefined) continue;
        if (e.code === 'MissingQuotes') unclosedRow = e.row;
        else malformed.add(e.row);
      }
      // Rows span several lines only through quoted fields. When the consumed text holds no
      // more line breaks than rows, every row is one line and no cell needs scanning: one
      // indexOf per row instead of one per cell.
      const rows = result.data;
      const consumed = final ? pending.length : result.meta.cursor;
      let breaks = 0;
      for (let i = pending.indexOf(lineChar); i !== -1 && i < consumed; i = pending.indexOf(lineChar, i + 1)) breaks++;
      const mayspan = breaks > rows.length;
      for (let r = 0; r < rows.length; r++) {
        const cells = rows[r]!;
        const line = nextLine;
        const row = nextRow++;
        if (r === unclosedRow) {
          throw new AppError('import-unreadable', `A quoted field starting on Excel row ${row} (line ${line}) is never closed.`, {
            reason: 'unclosed-quote',
            row,
            line,
          });
        }
        let span = 1;
        if (mayspan) {
          for (const cell of cells) {
            for (let i = cell.indexOf(lineChar); i !== -1; i = cell.indexOf(lineChar, i + 1)) span++;
          }
        }
        nextLine += span;
        onRow(cells, row, line, malformed.size > 0 && malformed.has(r));
      }
      pending = final ? '' : pending.slice(result.meta.cursor);
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
