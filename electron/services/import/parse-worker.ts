// Worker-thread entry of the import parser: runs parse-engine on the chunks the main thread
// posts and posts back batches, so decoding and CSV parsing use the second core while the main
// thread only writes to SQLite. Protocol in parse-runner.ts. Batches go as packed batches, their
// buffers moved, not copied; the main thread makes the text string (row-batch.ts). The thread may
// start before its import does (parser-thread.ts): the import's settings come in the first message.
import { parentPort } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { lookupTransfer, type LookupChunk } from './lookup-sort';
import { createPackedParseEngine, type EngineArgs, type ParseEngine } from './parse-engine';
import { packedTransfer, type PackedBatch } from './row-batch';

const port = parentPort!;
let engine: ParseEngine | null = null;
const started = (): ParseEngine => {
  if (engine === null) throw new Error('the parser thread was not started');
  return engine;
};

let lookups: Generator<LookupChunk> | null = null;

type Message = { type: 'start'; args: EngineArgs } | { type: 'chunk'; bytes: ArrayBuffer } | { type: 'end' } | { type: 'lookup-next' };

port.on('message', (m: Message) => {
  try {
    if (m.type === 'start') {
      if (engine !== null) throw new Error('the parser thread was started twice');
      engine = createPackedParseEngine(m.args, (batch: PackedBatch) => port.postMessage({ type: 'batch', batch }, packedTransfer(batch)));
    } else if (m.type === 'chunk') {
      started().push(new Uint8Array(m.bytes));
      port.postMessage({ type: 'chunk-done', rows: started().rows() });
    } else if (m.type === 'end') {
      port.postMessage({ type: 'done', result: started().finish() });
    } else {
      // A new list's sorted lookups, a chunk per request: the main thread asks for the next one as
      // it starts writing one, so one is packed here while the other is written there.
      lookups ??= started().lookupChunks();
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
