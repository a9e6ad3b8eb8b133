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

/** Reads the whole source into the sink. On error the caller discards what the sink holds. */
export async function readInto(source: ByteSource, sink: MemberSink, a: ReadArgs): Promise<ReadResult> {
  // The sink's transactions are synchronous, so no other code on this connection can
  // interleave with one (see import-service.ts on why not one long one).
  const runner = createParseRunner(
    { encoding: a.encoding, dialect: a.dialect, emailColumn: a.emailColumn, nameColumn: a.nameColumn, keyColumn: a.keyColumn },
    (b: RowBatch) => sink.write(b),
    a.threaded,
  );
  try {
    let bytesDone = 0;
    for await (const chunk of source.chunks()) {
      checkCancelled(a.signal);
      await runner.push(chunk);
      bytesDone += chunk.length;
      a.onProgress?.({ bytesDone, bytesTotal: source.size, rowsDone: runner.rows() });
      // Let IPC, progress events and a cancel request through between chunks, also when the
      // source is an in-memory buffer whose iteration never leaves the microtask queue.
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    checkCancelled(a.signal);
    const r = await runner.finish();
    sink.finish();
    return { ...r.header, sha256: r.sha256, tally: r.tally };
  } finally {
    runner.close();
  }
}
