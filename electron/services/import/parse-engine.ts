// The CPU half of reading an import, with no database: bytes → strict decode → CSV rows
// → header and column resolution → batches of accepted members and a tally of the rest. It
// runs in a worker thread for large files (parse-worker.ts) and inline for small ones.
import { detectColumns, uniqueColumnNames, type HeaderProblem } from '../../../shared/csv';
import { AppError } from '../../../shared/errors';
import { createChunkDecoder } from './decode-stream';
import type { ImportEncoding } from './import-report';
import { createLookupCollector, runChunks, type LookupChunk } from './lookup-sort';
import { createCsvStream, type CsvRow, type Dialect } from './parse-csv';
import { createRowPacker, unpackBatch, type PackedBatch, type RowBatch, type RowLookups, type RowPacker, type RowTally } from './row-batch';

export interface ColumnChoice {
  /** Column names as the caller knows them (from inspect); undefined = detect. */
  readonly emailColumn?: string;
  /** null = the list has no name column. */
  readonly nameColumn?: string | null;
  readonly keyColumn?: string | null;
}

export interface EngineArgs extends ColumnChoice {
  readonly encoding: ImportEncoding;
  readonly dialect: Dialect;
  /** Collect and sort the accepted rows' addresses and keys (a new list's lookups, lookup-sort.ts). */
  readonly sortLookups?: boolean;
}

export interface ImportHeader {
  readonly columns: string[];
  readonly emailColumn: string;
  readonly nameColumn: string | null;
  readonly keyColumn: string | null;
  readonly headerProblems: HeaderProblem[];
}

/** The file's SHA-256 is the runner's (parse-runner.ts): it hashes on the thread that reads. */
export interface EngineResult {
  readonly header: ImportHeader;
  readonly tally: RowTally;
}

export interface ParseEngine {
  /** Rows accepted so far (for progress). */
  readonly rows: () => number;
  push(chunk: Uint8Array): void;
  finish(): EngineResult;
  /** After finish, with sortLookups: the address lookup's entries sorted, then the key lookup's, in chunks. */
  lookupChunks(): Generator<LookupChunk>;
}

const MAX_COLUMNS = 1000;

function resolveColumn(columns: string[], wanted: string, role: string): number {
  const i = columns.indexOf(wanted);
  if (i < 0) {
    throw new AppError(
      role === 'email' ? 'import-no-email-column' : 'validation',
      `The file has no column "${wanted}".`,
      { role, column: wanted, columns },
    );
  }
  return i;
}

/** The parser, handing over batches with their text as a string. */
export function createParseEngine(a: EngineArgs, onBatch: (b: RowBatch) => void, batchRows?: number): ParseEngine {
  return createPackedParseEngine(a, (p) => onBatch(unpackBatch(p)), batchRows);
}

/** The parser, handing over batches with their text as UTF-16 units (for another thread). */
export function createPackedParseEngine(a: EngineArgs, onBatch: (b: PackedBatch) => void, batchRows?: number): ParseEngine {
  const decoder = createChunkDecoder(a.encoding);
  let header: ImportHeader | null = null;
  let packer: RowPacker | null = null;
  const lookups: RowLookups | null = a.sortLookups ? { emails: createLookupCollector(), keys: createLookupCollector() } : null;

  const onHeader = (row: CsvRow): void => {
    const cells: string[] = [];
    for (let i = 0; i < row.count; i++) cells.push(row.cell(i));
    // Blank lines before the header are skipped (their lines still count).
    if (cells.every((c) => c.trim() === '')) return;
    const columns = uniqueColumnNames(cells);
    // A cap keeps a garbage "header" of a huge single line from becoming a huge row format.
    if (columns.length > MAX_COLUMNS) {
      throw new AppError('import-too-large', `The file has ${columns.length} columns; at most ${MAX_COLUMNS} are supported.`, {
        columns: columns.length,
        max: MAX_COLUMNS,
      });
    }
    const detected = detectColumns(cells);
    const emailColumn = a.emailColumn ?? detected.email;
    if (emailColumn === null) {
      throw new AppError('import-no-email-column', 'No column of the file looks like an email address column.', {
        columns,
      });
    }
    const nameColumn = a.nameColumn === undefined ? detected.name : a.nameColumn;
    const keyColumn = a.keyColumn === undefined ? detected.key : a.keyColumn;
    header = { columns, emailColumn, nameColumn, keyColumn, headerProblems: detected.problems };
    packer = createRowPacker(
      {
        columns,
        emailIndex: resolveColumn(columns, emailColumn, 'email'),
        nameIndex: nameColumn === null ? -1 : resolveColumn(columns, nameColumn, 'name'),
        keyIndex: keyColumn === null ? -1 : resolveColumn(columns, keyColumn, 'key'),
      },
      onBatch,
      batchRows,
      lookups,
    );
  };

  const csv = createCsvStream(a.dialect, (cells, row, line, malformed) => {
    if (packer) packer.row(cells, row, line, malformed);
    else onHeader(cells);
  });
  // Every row's cells are checked for control characters as their JSON is written (row-batch.ts).
  const feed = (text: string): void => csv.text(text);

  return {
    rows: () => (packer as RowPacker | null)?.tally.rows ?? 0,
    push(chunk) {
      decoder.decode(chunk, false, feed);
      csv.end(false);
    },
    finish() {
      decoder.decode(undefined, true, feed);
      csv.end(true);
      if (header === null || packer === null) throw new AppError('import-no-header', 'The file has no header line.');
      (packer as RowPacker).flush();
      return { header, tally: (packer as RowPacker).tally };
    },
    *lookupChunks() {
      if (lookups === null) return;
      yield* runChunks(lookups.emails.sorted('email'));
      yield* runChunks(lookups.keys.sorted('key'));
    },
  };
}
