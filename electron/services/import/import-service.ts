// The member-list import: inspect a file for the mapping step, then import it into a list in
// one transaction, with a report of every rejected or normalised row and a diff against the
// list's previous import. A failed import leaves the database exactly as it was.
//
// Why stage first instead of BEGIN ... COMMIT around the streaming loop: the file is read
// asynchronously, and every await lets other code run on this same connection (the send
// service commits each message's state, promise 5). Inside an open BEGIN their writes would
// join the import's transaction and vanish with it on a cancel or a bad row. A second
// connection would instead hold the write lock for the whole read and make their commits wait
// on a busy handler that blocks this very event loop. So rows are staged in a per-connection
// TEMP table in short synchronous transactions, and the list is replaced in one synchronous
// transaction at the end (commit below), which nothing can interleave with.
import Papa from 'papaparse';
import { detectColumns, uniqueColumnNames, type DetectedColumns } from '../../../shared/csv';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { appendAudit } from '../../db/repos/audit-repo';
import { getImport, insertImport, latestImport, listImports, setImportReport, type ImportRecord } from '../../db/repos/imports-repo';
import { createList, getList, updateListMapping } from '../../db/repos/lists-repo';
import type { Clock } from '../clock';
import { bufferSource, fileSource, type ByteSource } from './byte-source';
import { bomLength, detectEncoding } from './detect-encoding';
import { replaceMembers } from './diff-import';
import type { ImportDelimiter, ImportEncoding, ImportProgress, ImportReport, ImportResult, ImportWarning } from './import-report';
import { detectDialect } from './parse-csv';
import { readIntoStage, type ColumnChoice } from './read-import';

export interface ImportOptions extends ColumnChoice {
  /** Import into this list; otherwise a new list named listName (or the file name) is created. */
  readonly listId?: number;
  readonly listName?: string;
  readonly fileName?: string;
  /** Overrides detection. */
  readonly encoding?: ImportEncoding;
  readonly delimiter?: ImportDelimiter;
  /** Name of the user importing, for the audit log and the import history. */
  readonly actor?: string;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ImportProgress) => void;
}

export interface InspectResult {
  readonly encoding: ImportEncoding;
  readonly detectedEncoding: ImportEncoding | null;
  readonly delimiter: ImportDelimiter;
  /** Header cells as written. */
  readonly headers: string[];
  /** Unique column names, as used for mapping and as member field names. */
  readonly columns: string[];
  readonly detected: DetectedColumns;
  /** The first data rows (up to 5). */
  readonly sampleRows: string[][];
  readonly bytes: number;
}

export interface ImportService {
  importFile(args: ImportOptions & { filePath: string }): Promise<ImportResult>;
  importBuffer(args: ImportOptions & { bytes: Uint8Array; fileName: string }): Promise<ImportResult>;
  inspectFile(filePath: string, opts?: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }): Promise<InspectResult>;
  inspectBuffer(bytes: Uint8Array, opts?: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }): Promise<InspectResult>;
  listImports(listId: number): ImportRecord[];
  getImport(importId: number): ImportRecord<ImportReport> | undefined;
}

const SAMPLE_BYTES = 64 * 1024;

interface Sniffed {
  encoding: ImportEncoding;
  detectedEncoding: ImportEncoding | null;
  bom: boolean;
  sampleText: string;
  delimiter: ImportDelimiter;
  newline: '\n' | '\r\n' | '\r';
  /** The sample had no byte above 0x7F, so "utf-8" was a guess the rest of the file may refute. */
  asciiSample: boolean;
}

async function sniff(source: ByteSource, o: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }): Promise<Sniffed> {
  if (source.size === 0) throw new AppError('import-empty-file', 'The file is empty.');
  const sample = await source.sample(SAMPLE_BYTES);
  const complete = sample.length >= source.size;
  let detectedEncoding: ImportEncoding | null = null;
  try {
    detectedEncoding = detectEncoding(sample, complete).encoding;
  } catch (e) {
    // A binary file stays refused whatever the caller says; an unknown encoding may be forced.
    if (!o.encoding || (e instanceof AppError && e.code === 'import-unreadable')) throw e;
  }
  const encoding = o.encoding ?? detectedEncoding!;
  const sampleText = new TextDecoder(encoding).decode(sample, { stream: !complete });
  if (sampleText.trim() === '') throw new AppError('import-empty-file', 'The file contains no text.');
  const dialect = detectDialect(sampleText, o.delimiter);
  const asciiSample = sample.every((b) => b < 0x80);
  return { encoding, detectedEncoding, bom: bomLength(sample, encoding) > 0, sampleText, asciiSample, ...dialect };
}

function inspect(source: ByteSource, o: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }): Promise<InspectResult> {
  return sniff(source, o).then((s) => {
    const rows = Papa.parse<string[]>(s.sampleText, { delimiter: s.delimiter, newline: s.newline, preview: 6 }).data;
    const headers = rows[0] ?? [];
    return {
      encoding: s.encoding,
      detectedEncoding: s.detectedEncoding,
      delimiter: s.delimiter,
      headers,
      columns: uniqueColumnNames(headers),
      detected: detectColumns(headers),
      sampleRows: rows.slice(1).filter((r) => !(r.length === 1 && r[0] === '')),
      bytes: source.size,
    };
  });
}

export function createImportService(deps: { db: Db; clock: Clock }): ImportService {
  const { db, clock } = deps;

  async function run(source: ByteSource, o: ImportOptions): Promise<ImportResult> {
    if (o.listId !== undefined && !getList(db, o.listId)) {
      throw new AppError('not-found', `List ${o.listId} does not exist.`, { listId: o.listId });
    }
    const fileName = o.fileName ?? source.name;
    let s = await sniff(source, o);
    const readAs = (encoding: ImportEncoding) =>
      readIntoStage(db, source, { ...o, encoding, dialect: { delimiter: s.delimiter, newline: s.newline } });
    let read: Awaited<ReturnType<typeof readIntoStage>>;
    try {
      read = await readAs(s.encoding);
    } catch (e) {
      // English headers and romaji rows can fill the whole sample with ASCII, so an Excel
      // (CP932) file looks like UTF-8 until its first Japanese row: read it again as CP932.
      const refuted = e instanceof AppError && e.code === 'import-encoding' && !o.encoding && s.asciiSample;
      if (!refuted) throw e;
      s = { ...s, encoding: 'shift_jis', detectedEncoding: 'shift_jis' };
      read = await readAs('shift_jis');
    }
    const { stager } = read;
    try {
      const t = stager.tally;
      if (t.rows === 0) throw new AppError('import-no-rows', 'The file has a header but no rows.', { rows: 0 });
      if (t.accepted === 0) {
        throw new AppError('import-no-rows', 'No row of the file has a valid address.', {
          rows: t.rows,
          rejectedByReason: t.rejectedByReason,
          rejected: t.rejectedRows.slice(0, 20),
        });
      }
      if (o.signal?.aborted) throw new AppError('import-cancelled', 'The import was cancelled.');
      const warnings: ImportWarning[] =
        o.encoding && s.detectedEncoding !== o.encoding
          ? [{ kind: 'encoding-override', detected: s.detectedEncoding, used: o.encoding }]
          : [];
      return commit(o, s, read, fileName, source.size, warnings);
    } finally {
      stager.drop();
    }
  }

  // The writing half: synchronous, one transaction, so nothing else on this connection can
  // interleave and a failure anywhere rolls back every change (promise 6).
  function commit(
    o: ImportOptions,
    s: Sniffed,
    read: Awaited<ReturnType<typeof readIntoStage>>,
    fileName: string,
    bytes: number,
    warnings: ImportWarning[],
  ): ImportResult {
    const now = clock.now();
    const t = read.stager.tally;
    const tx = db.transaction((): ImportResult => {
      const list = o.listId !== undefined ? getList(db, o.listId)! : createList(db, o.listName ?? fileName, now);
      const previous = latestImport(db, list.id);
      const matchBy = read.keyColumn !== null && (!previous || list.keyColumn === read.keyColumn) ? 'key' : 'email';
      const importedBy =
        o.actor === undefined
          ? null
          : ((db.prepare('SELECT id FROM users WHERE name = ?').pluck().get(o.actor) as number | undefined) ?? null);
      const importId = insertImport(db, {
        listId: list.id, fileName, sha256: read.sha256, encoding: s.encoding, delimiter: s.delimiter,
        totalRows: t.rows, acceptedRows: t.accepted, rejectedRows: t.rejected, importedBy, createdAt: now, report: {},
      });
      const replaced = replaceMembers(db, {
        listId: list.id, importId, stageTable: read.stager.table, fieldsSql: read.stager.fieldsSql, previousImportId: previous?.id ?? null, matchBy,
      });
      const report: ImportReport = {
        encoding: s.encoding,
        detectedEncoding: s.detectedEncoding,
        bom: s.bom,
        delimiter: s.delimiter,
        columns: read.columns,
        emailColumn: read.emailColumn,
        nameColumn: read.nameColumn,
        keyColumn: read.keyColumn,
        counts: {
          rows: t.rows, accepted: t.accepted, rejected: t.rejected, normalised: t.normalised,
          duplicates: replaced.duplicateCount, ragged: t.ragged, blank: t.blank,
        },
        rejectedByReason: t.rejectedByReason,
        rejected: t.rejectedRows,
        normalised: t.normalisedRows,
        ragged: t.raggedRows,
        duplicates: replaced.duplicates,
        headerProblems: read.headerProblems,
        warnings,
        diff: replaced.diff,
      };
      setImportReport(db, importId, report);
      updateListMapping(db, list.id, {
        columns: read.columns, emailColumn: read.emailColumn, nameColumn: read.nameColumn, keyColumn: read.keyColumn,
      }, now);
      appendAudit(db, {
        at: now, actor: o.actor ?? null, action: 'list.imported', listId: list.id,
        details: { importId, fileName, sha256: read.sha256, encoding: s.encoding, counts: report.counts, diff: report.diff?.counts ?? null },
      });
      return { ...report, listId: list.id, importId, fileName, sha256: read.sha256, bytes };
    });
    // A bigger page cache while the members and their indexes are written (random-order
    // email index inserts thrash the default 2 MB); restored afterwards.
    const cache = db.pragma('cache_size', { simple: true }) as number;
    db.pragma('cache_size = -65536');
    try {
      return tx();
    } finally {
      db.pragma(`cache_size = ${cache}`);
    }
  }

  return {
    importFile: async (args) => run(await fileSource(args.filePath), args),
    importBuffer: (args) => run(bufferSource(args.bytes, args.fileName), args),
    inspectFile: async (filePath, opts = {}) => inspect(await fileSource(filePath), opts),
    inspectBuffer: (bytes, opts = {}) => inspect(bufferSource(bytes, 'upload.csv'), opts),
    listImports: (listId) => listImports(db, listId),
    getImport: (importId) => getImport<ImportReport>(db, importId),
  };
}
