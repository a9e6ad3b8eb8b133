// Worker-thread entry of the import parser: runs parse-engine on the chunks the main thread
// posts and posts back batches, so decoding and CSV parsing use the second core while the main
// thread only writes to SQLite. Protocol in parse-runner.ts. Batches go as packed batches, their
// buffers moved, not copied; the main thread makes the text string (row-batch.ts).
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { lookupTransfer, type LookupChunk } from './lookup-sort';
import { createPackedParseEngine, type EngineArgs } from './parse-engine';
import { packedTransfer, type PackedBatch } from './row-batch';

const port = parentPort!;
const engine = createPackedParseEngine(workerData as EngineArgs, (batch: PackedBatch) =>
  port.postMessage({ type: 'batch', batch }, packedTransfer(batch)),
);

let lookups: Generator<LookupChunk> | null = null;

port.on('message', (m: { type: 'chunk'; bytes: ArrayBuffer } | { type: 'end' } | { type: 'lookup-next' }) => {
  try {
    if (m.type === 'chunk') {
      engine.push(new Uint8Array(m.bytes));
      port.postMessage({ type: 'chunk-done', rows: engine.rows() });
    } else if (m.type === 'end') {
      port.postMessage({ type: 'done', result: engine.finish() });
    } else {
      // A new list's sorted lookups, a chunk per request: the main thread asks for the next one as
      // it starts writing one, so one is packed here while the other is written there.
      lookups ??= engine.lookupChunks();
      const next = lookups.next();
      if (next.done) port.postMessage({ type: 'lookups-done' });
      else port.postMessage({ type: 'lookup', chunk: next.value }, lookupTransfer(next.value));
    }
  } catch (e) {
    // AppErrors cross as plain data and are rebuilt on the other side.
    const error =
      e instanceof AppError
        ? { code: e.code, message: e.message, details: e.details }
        : { code: 'internal', message: e instanceof Error ? e.message : String(e) };
    port.postMessage({ type: 'error', error });
  }
});
