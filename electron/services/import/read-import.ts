// The streaming half of an import: bytes → parser (this thread or a worker, parse-runner.ts)
// → accepted rows handed to a sink (member-sink.ts), which writes them in short synchronous
// transactions of its own, with progress and cancellation between chunks. Nothing here makes rows visible to readers.
import { AppError } from '../../../shared/errors';
import type { ByteSource } from './byte-source';
import type { ImportEncoding, ImportProgress } from './import-report';
import type { MemberSink } from './member-sink';
import type { Dialect } from './parse-csv';
import type { ColumnChoice, ImportHeader } from './parse-engine';
import { createParseRunner } from './parse-runner';
import type { RowBatch, RowTally } from './row-batch';

export type { ColumnChoice } from './parse-engine';

export interface ReadArgs extends ColumnChoice {
  readonly encoding: ImportEncoding;
  readonly dialect: Dialect;
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Parse in a worker thread (large files). */
  readonly threaded: boolean;
}

export interface ReadResult extends ImportHeader {
  readonly sha256: string;
  readonly tally: RowTally;
}

function checkCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('import-cancelled', 'The import was cancelled.');
}

/**
 * Progress as the user should see it: rows written, and the bytes of the file whose rows are all
 * written. The parser runs up to 10 MiB ahead of the sink's steps (parse-runner.ts), so bytes
 * read or rows parsed would reach the end of the file long before the rows are in.
 */
function writtenProgress(total: number, sink: MemberSink, onProgress: ((p: ImportProgress) => void) | undefined) {
  // Ends of parsed chunks (bytes so far, rows seen in them) not yet wholly written, oldest first.
  const parsed: { bytes: number; rows: number }[] = [];
  let shown = { bytes: 0, rows: 0 };
  const show = (bytes: number, rows: number): void => {
    // Once per chunk or step that moves it: not for every batch.
    if (bytes === shown.bytes && rows === shown.rows) return;
    shown = { bytes, rows };
    onProgress?.({ bytesDone: bytes, bytesTotal: total, rowsDone: rows });
  };
  const update = (): void => {
    const rows = sink.written();
    let bytes = shown.bytes;
    while (parsed.length > 0 && parsed[0]!.rows <= rows) bytes = parsed.shift()!.bytes;
    // The last chunk's rows are written only when the sink has finished: until then, not 100 %.
    show(Math.min(bytes, total - 1), rows);
  };
  return {
    update,
    parsed(bytes: number, rows: number): void {
      parsed.push({ bytes, rows });
      update();
    },
    /** Every row is written. */
    end: (rows: number): void => show(total, rows),
  };
}

/** Reads the whole source into the sink. On error the caller discards what the sink holds. */
export async function readInto(source: ByteSource, sink: MemberSink, a: ReadArgs): Promise<ReadResult> {
  const progress = writtenProgress(source.size, sink, a.onProgress);
  // The sink's transactions are synchronous, so no other code on this connection can
  // interleave with one (see import-service.ts on why not one long one). A cancel is checked
  // before each batch is taken: after the last chunk the parser may still hand over 10 MiB of
  // rows, and none of them is written once the user has cancelled.
  const runner = createParseRunner(
    {
      encoding: a.encoding, dialect: a.dialect, emailColumn: a.emailColumn, nameColumn: a.nameColumn, keyColumn: a.keyColumn,
      sortLookups: sink.lookups !== undefined,
    },
    (b: RowBatch) => {
      checkCancelled(a.signal);
      sink.write(b);
      progress.update();
    },
    a.threaded,
    (bytes, rows) => progress.parsed(bytes, rows),
  );
  try {
    for await (const chunk of source.chunks()) {
      checkCancelled(a.signal);
      await runner.push(chunk);
      // Let IPC, progress events and a cancel request through between chunks, also when the
      // source is an in-memory buffer whose iteration never leaves the microtask queue.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    checkCancelled(a.signal);
    const r = await runner.finish();
    // The whole file is read; a cancel pressed meanwhile stops the import before its last step.
    checkCancelled(a.signal);
    sink.finish();
    if (sink.lookups) {
      // The rows' address and key lookups, sorted by the parser, one short transaction a chunk.
      for (let c = await runner.nextLookup(); c !== null; c = await runner.nextLookup()) {
        checkCancelled(a.signal);
        sink.lookups.write(c);
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      sink.lookups.finish();
    }
    progress.end(r.tally.rows);
    return { ...r.header, sha256: r.sha256, tally: r.tally };
  } finally {
    runner.close();
  }
}
