// The member-list import: inspect a file for the mapping step, preview what a re-import would
// change, then import it into a list in one transaction, with a report of every rejected or
// normalised row and a diff against the list's previous import; undo the latest re-import.
// A failed import leaves the database exactly as it was.
//
// Why not BEGIN ... COMMIT around the streaming loop: the file is read asynchronously, and
// every await lets other code run on this same connection (the send service commits each
// message's state, promise 5). Inside an open BEGIN their writes would join the import's
// transaction and vanish with it on a cancel or a bad row. A second connection would instead
// hold the write lock for the whole read and make their commits wait on a busy handler that
// blocks this very event loop. So rows are written in short synchronous transactions, one per
// batch, where no reader can see them yet:
// - a new list is created "pending" (migration 0003); its rows go straight into members in
//   large steps while the file is read (member-sink.ts says why); the final transaction only
//   publishes the list;
// - a list that has members keeps them visible until the end, so its new rows wait in a
//   per-connection TEMP table and the final transaction replaces the members from it.
// Large files are parsed in a worker thread (parse-runner.ts): decoding and CSV parsing use
// the second core while this thread writes to SQLite. The final transaction is synchronous,
// so nothing can interleave with it.
import Papa from 'papaparse';
import { detectColumns, uniqueColumnNames, type DetectedColumns } from '../../../shared/csv';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { getImport, listImports, type ImportRecord } from '../../db/repos/imports-repo';
import { getList } from '../../db/repos/lists-repo';
import type { Clock } from '../clock';
import { bufferSource, fileSource, type ByteSource } from './byte-source';
import { bomLength, detectEncoding } from './detect-encoding';
import { commitImport, previewImport, type CommitTarget, type ImportBasis } from './commit-import';
import type { ImportDelimiter, ImportEncoding, ImportProgress, ImportReport, ImportResult, ImportWarning } from './import-report';
import { pendingListSink, stageTableSink, type MemberSink } from './member-sink';
import { detectDialect } from './parse-csv';
import { createPending, discardPending, purgeAbandoned, settlePending } from './pending-list';
import { holdCheckpoints } from '../../db/wal-checkpointer';
import { warmParserThread } from './parser-thread';
import { readInto, type ColumnChoice } from './read-import';
import { undoLastImport, type UndoResult } from './undo-import';

interface ImportOptions extends ColumnChoice {
  /** Import into this list; otherwise a new list named listName (or the file name) is created. */
  readonly listId?: number;
  readonly listName?: string;
  readonly fileName?: string;
  /** Overrides detection. */
  readonly encoding?: ImportEncoding;
  readonly delimiter?: ImportDelimiter;
  /** Name of the user importing, for the audit log and the import history. */
  readonly actor?: string;
  /** Apply only if the file and the list's current import are still those of the preview. */
  readonly expected?: ImportBasis;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ImportProgress) => void;
}

interface InspectResult {
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

/** What importing the file into the list would do; nothing was written. */
interface ImportPreview extends Omit<ImportResult, 'importId'> {
  /** The list's import the file would replace (null: the list has none yet). */
  readonly previousImportId: number | null;
}

export interface ImportService {
  importFile(args: ImportOptions & { filePath: string }): Promise<ImportResult>;
  importBuffer(args: ImportOptions & { bytes: Uint8Array; fileName: string }): Promise<ImportResult>;
  /** Reads the file and computes the report and diff of importing it into an existing list, writing nothing. */
  previewBuffer(args: ImportOptions & { listId: number; bytes: Uint8Array; fileName: string }): Promise<ImportPreview>;
  /** Puts back the members the list's latest import replaced (audited). */
  undoLastImport(listId: number, actor: string | null): UndoResult;
  inspectFile(filePath: string, opts?: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }): Promise<InspectResult>;
  inspectBuffer(bytes: Uint8Array, opts?: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }): Promise<InspectResult>;
  listImports(listId: number): ImportRecord[];
  getImport(importId: number): ImportRecord<ImportReport> | undefined;
  /** Imports (and previews) under way: the workspace is not switched under one (app-core.ts). */
  running(): number;
  /** Deletes, in short steps, what an import cut off by a crash left (its pending list and rows). */
  discardAbandoned(): Promise<void>;
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

/** Files from this size on are parsed in a worker thread (below it, start-up costs more). */
const WORKER_MIN_BYTES = 4 * 1024 * 1024;

export interface ImportServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  /** Parse in a worker thread: 'auto' (default) for large files; tests force either way. */
  readonly parseThread?: 'auto' | 'always' | 'never';
}

/** Commit the import, or compute it and roll it back (the preview of a re-import). */
type Mode = 'commit' | 'preview';

/** Where an import's rows go while the file is read (member-sink.ts), and how to undo it. */
interface Target {
  readonly sink: MemberSink;
  readonly commit: CommitTarget;
  discard(): Promise<void>;
}

export function createImportService(deps: ImportServiceDeps): ImportService {
  const { db, clock } = deps;
  const parseThread = deps.parseThread ?? 'auto';
  const threadedFor = (bytes: number): boolean => parseThread === 'always' || (parseThread === 'auto' && bytes >= WORKER_MIN_BYTES);

  // The mapping step: a file the import will parse on a thread gets that thread started now,
  // while the user chooses its columns (parser-thread.ts).
  async function analyse(source: ByteSource, opts: { encoding?: ImportEncoding; delimiter?: ImportDelimiter }): Promise<InspectResult> {
    const result = await inspect(source, opts);
    if (threadedFor(source.size)) warmParserThread();
    return result;
  }

  // A new list is filled directly (pending until the final transaction); an existing list
  // keeps its members visible until then, so new rows wait in a TEMP stage.
  function openTarget(o: ImportOptions, s: Sniffed, fileName: string): Target {
    if (o.listId === undefined) {
      const pending = createPending(db, {
        name: o.listName ?? fileName, fileName, encoding: s.encoding, delimiter: s.delimiter, now: clock.now(),
      });
      const sink = pendingListSink(db, pending.listId, pending.importId);
      return {
        sink,
        commit: { kind: 'pending', pending },
        discard: async () => {
          sink.drop();
          await discardPending(db, pending.listId);
        },
      };
    }
    // The stage's journal lives in memory (import-rows-repo.ts): it is rebuilt from the file on failure.
    const stage = stageTableSink(db);
    return { sink: stage, commit: { kind: 'stage', listId: o.listId, stageTable: stage.table }, discard: async () => stage.drop() };
  }

  async function readAndCommit(source: ByteSource, o: ImportOptions, s: Sniffed, fileName: string, mode: Mode): Promise<ImportResult> {
    const target = openTarget(o, s, fileName);
    try {
      const read = await readInto(source, target.sink, {
        ...o,
        encoding: s.encoding,
        dialect: { delimiter: s.delimiter, newline: s.newline },
        threaded: threadedFor(source.size),
      });
      const t = read.tally;
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
      const args = {
        read, encoding: s.encoding, detectedEncoding: s.detectedEncoding, bom: s.bom, delimiter: s.delimiter,
        warnings, fileName, bytes: source.size, now: clock.now(), ...(o.actor !== undefined ? { actor: o.actor } : {}),
        ...(o.expected ? { expected: o.expected } : {}),
      };
      const result =
        mode === 'preview' ? previewImport(db, target.commit, args) : commitImport(db, target.commit, args);
      if (target.commit.kind === 'pending') {
        target.sink.drop();
        settlePending(db, target.commit.pending);
      } else await target.discard();
      return result;
    } catch (e) {
      await target.discard();
      throw e;
    }
  }

  // A bigger page cache while members and their lookups are written: a re-import's copy into an
  // existing list writes its address and key lookups (migration 0016) in file order, and with
  // addresses in random order their pages for a 1M-row list (~60 MB) are all touched by it (when
  // they were members' indexes, 32 MB cost ~40% more CPU in every step). And no checkpoint
  // inside an import: each batch's commit would otherwise copy the growing WAL back into the
  // database file, page by page, again and again. Imports may overlap (two files at once), so
  // the first to start saves the connection's settings and the last to end restores them: each
  // restoring its own would let one that started during another put back the other's import
  // values for good (no automatic checkpoint again, the WAL growing without bound).
  let importing = 0;
  let saved: { cache: number; releaseCheckpoints: () => void } | null = null;
  function enterImport(): void {
    if (importing++ > 0) return;
    saved = { cache: db.pragma('cache_size', { simple: true }) as number, releaseCheckpoints: holdCheckpoints(db, 'import') };
    db.pragma('cache_size = -65536');
  }
  function leaveImport(): void {
    if (--importing > 0 || !saved) return;
    db.pragma(`cache_size = ${saved.cache}`);
    // The WAL the import wrote is copied back by the checkpointer's thread, not by the next write.
    saved.releaseCheckpoints();
    saved = null;
  }

  let running = 0;
  async function run(source: ByteSource, o: ImportOptions, mode: Mode = 'commit'): Promise<ImportResult> {
    running++;
    try {
      return await runImport(source, o, mode);
    } finally {
      running--;
    }
  }

  async function runImport(source: ByteSource, o: ImportOptions, mode: Mode): Promise<ImportResult> {
    if (o.listId !== undefined && !getList(db, o.listId)) {
      throw new AppError('not-found', `List ${o.listId} does not exist.`, { listId: o.listId });
    }
    await purgeAbandoned(db);
    const fileName = o.fileName ?? source.name;
    const s = await sniff(source, o);
    enterImport();
    try {
      return await readAndCommit(source, o, s, fileName, mode);
    } catch (e) {
      // English headers and romaji rows can fill the whole sample with ASCII, so an Excel
      // (CP932) file looks like UTF-8 until its first Japanese row: read it again as CP932.
      const refuted = e instanceof AppError && e.code === 'import-encoding' && !o.encoding && s.asciiSample;
      if (!refuted) throw e;
      return await readAndCommit(source, o, { ...s, encoding: 'shift_jis', detectedEncoding: 'shift_jis' }, fileName, mode);
    } finally {
      leaveImport();
    }
  }

  return {
    importFile: async (args) => run(await fileSource(args.filePath), args),
    importBuffer: (args) => run(bufferSource(args.bytes, args.fileName), args),
    previewBuffer: async (args) => {
      const { importId: _never, ...r } = await run(bufferSource(args.bytes, args.fileName), args, 'preview');
      // The preview took the thread started at the mapping step; the import comes next.
      if (threadedFor(args.bytes.length)) warmParserThread();
      return { ...r, previousImportId: r.diff?.previousImportId ?? null };
    },
    running: () => running,
    discardAbandoned: () => purgeAbandoned(db),
    undoLastImport: (listId, actor) => undoLastImport(db, { listId, actor, now: clock.now() }),
    inspectFile: async (filePath, opts = {}) => analyse(await fileSource(filePath), opts),
    inspectBuffer: (bytes, opts = {}) => analyse(bufferSource(bytes, 'upload.csv'), opts),
    listImports: (listId) => listImports(db, listId),
    getImport: (importId) => getImport<ImportReport>(db, importId),
  };
}
