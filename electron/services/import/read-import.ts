// The streaming half of an import: bytes → hash + strict decode → CSV rows → staged members in
// a TEMP table, with progress and cancellation between chunks. Nothing here touches the list.
import { createHash } from 'node:crypto';
import { detectColumns, uniqueColumnNames, type HeaderProblem } from '../../../shared/csv';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import type { ByteSource } from './byte-source';
import { createChunkDecoder } from './decode-stream';
import type { ImportEncoding, ImportProgress } from './import-report';
import { createCsvStream, type Dialect } from './parse-csv';
import { createStager, type Stager } from './stage-rows';

export interface ColumnChoice {
  /** Column names as the caller knows them (from inspect); undefined = detect. */
  readonly emailColumn?: string;
  /** null = the list has no name column. */
  readonly nameColumn?: string | null;
  readonly keyColumn?: string | null;
}

export interface ReadArgs extends ColumnChoice {
  readonly encoding: ImportEncoding;
  readonly dialect: Dialect;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ImportProgress) => void;
}

export interface ReadResult {
  readonly stager: Stager;
  readonly sha256: string;
  readonly columns: string[];
  readonly emailColumn: string;
  readonly nameColumn: string | null;
  readonly keyColumn: string | null;
  readonly headerProblems: HeaderProblem[];
}

const MAX_COLUMNS = 1000;

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('import-cancelled', 'The import was cancelled.');
}

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

/** Reads the whole source into a staging table. On any error the stage is dropped. */
export async function readIntoStage(db: Db, source: ByteSource, a: ReadArgs): Promise<ReadResult> {
  const hash = createHash('sha256');
  const decoder = createChunkDecoder(a.encoding);
  let header: Omit<ReadResult, 'stager' | 'sha256'> | null = null;
  let stager: Stager | null = null;

  const onHeader = (cells: string[]): void => {
    // Blank lines before the header are skipped (their lines still count).
    if (cells.every((c) => c.trim() === '')) return;
    const columns = uniqueColumnNames(cells);
    // Each column is one column of the staging table; SQLite allows 2000 per table.
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
    stager = createStager(db, {
      columns,
      emailIndex: resolveColumn(columns, emailColumn, 'email'),
      nameIndex: nameColumn === null ? -1 : resolveColumn(columns, nameColumn, 'name'),
      keyIndex: keyColumn === null ? -1 : resolveColumn(columns, keyColumn, 'key'),
    });
  };

  // The stage is rebuilt from the file on any failure, so its rollback journal may live in
  // memory: no journal file is created and deleted for every chunk's transaction. (Set here,
  // outside any transaction, where SQLite accepts a journal-mode change.)
  db.pragma('temp.journal_mode = MEMORY');
  const csv = createCsvStream(a.dialect, (cells, line, malformed) => {
    if (stager) stager.row(cells, line, malformed);
    else onHeader(cells);
  });
  // Each chunk's rows are staged in one short transaction: it is synchronous, so no other
  // code on this connection can interleave with it, and it writes only the TEMP database.
  const push = db.transaction((text: string, final: boolean) => csv.push(text, final));

  try {
    let bytesDone = 0;
    for await (const chunk of source.chunks()) {
      checkCancelled(a.signal);
      hash.update(chunk);
      bytesDone += chunk.length;
      push(decoder.decode(chunk, false), false);
      a.onProgress?.({ bytesDone, bytesTotal: source.size, rowsDone: (stager as Stager | null)?.tally.rows ?? 0 });
      // Let IPC, progress events and a cancel request through between chunks, also when the
      // source is an in-memory buffer whose iteration never leaves the microtask queue.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    checkCancelled(a.signal);
    push(decoder.decode(undefined, true), true);
    if (header === null || stager === null) {
      throw new AppError('import-no-header', 'The file has no header line.');
    }
    return { stager, sha256: hash.digest('hex'), ...(header as Omit<ReadResult, 'stager' | 'sha256'>) };
  } catch (e) {
    (stager as Stager | null)?.drop();
    throw e;
  }
}
