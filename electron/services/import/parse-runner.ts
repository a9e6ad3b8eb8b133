// Runs the import parser (parse-engine.ts) either on this thread or in a worker thread, behind
// one interface: push chunks in, batches come out through onBatch on this thread, in order.
// A worker pays off for large files (two cores: parsing there, SQLite writes here); small files
// stay inline, where a thread's start-up would cost more than it saves.
import { createHash } from 'node:crypto';
import { AppError, type ErrorCode } from '../../../shared/errors';
import type { LookupChunk } from './lookup-sort';
import { createParseEngine, type EngineArgs, type EngineResult } from './parse-engine';
import { parserThreadEntry, takeParserThread } from './parser-thread';
import { unpackBatch, type PackedBatch, type RowBatch } from './row-batch';

export interface ParseRunner {
  /** Hands over the next chunk (the runner may keep it); resolves when more may be pushed. */
  push(chunk: Uint8Array): Promise<void>;
  /** Flushes the last rows and resolves with the header, tally and hash. */
  finish(): Promise<RunnerResult>;
  /** After finish, with sortLookups: the next chunk of sorted lookup entries, null after the last. */
  nextLookup(): Promise<LookupChunk | null>;
  /** Stops a worker; safe to call more than once. */
  close(): void;
}

interface RunnerResult extends EngineResult {
  /** The file's SHA-256 (hex). */
  readonly sha256: string;
}

/**
 * Bytes handed to the worker and not yet parsed: bounds memory when SQLite is the slower side,
 * and lets the worker run a whole member-sink step ahead. The main thread only hands over chunks
 * between steps (each step is one synchronous transaction of up to ~0.4 s), so the worker must
 * have a step's worth of bytes queued to keep parsing through it, and the next step's rows must
 * be parsed when it ends. With 3 chunks of 1 MiB (about 24,000 rows of the benchmark's file, less
 * than a step of 32,768) the main thread waited for rows after every step and the worker idled
 * during it. 10 MiB is about 80,000 such rows (two steps). It still left the database thread
 * waiting 10-18 ms for rows after most steps: the main thread tops the queue up one chunk at a
 * time between steps, a few event-loop turns each. At 20 MiB (about five steps ahead) its wait
 * fell from 0.51-0.58 s to 0.38-0.47 s per 1M rows (alternating, 3 pairs); the raw bytes and
 * their packed batches hold some 60 MB at most (the 200 MB import's RSS growth: 292-322 MB,
 * against 268-302 at 10 MiB).
 */
export const MAX_IN_FLIGHT_BYTES = 20 << 20;

/**
 * Sorted lookup chunks asked for ahead of the one being written (each some 2 MB). With one, the
 * database thread waited for the sort of the addresses after its last rows (about 0.12 s per 1M
 * rows) and again for the keys' (0.09 s); asked for as the parser finishes, and three ahead, both
 * sorts run while it still writes.
 */
const LOOKUP_CHUNKS_AHEAD = 3;

type WorkerReply =
  | { type: 'batch'; batch: PackedBatch }
  | { type: 'chunk-done'; rows: number }
  | { type: 'done'; result: EngineResult }
  | { type: 'lookup'; chunk: LookupChunk }
  | { type: 'lookups-done' }
  | { type: 'error'; error: { code: ErrorCode; message: string; details?: unknown } };

/**
 * Called each time a chunk has been parsed, in order: the file's bytes parsed so far and the data
 * rows seen in them. Every batch of those rows has been handed to onBatch before.
 */
export type OnChunkParsed = (bytes: number, rows: number) => void;

export function createParseRunner(a: EngineArgs, onBatch: (b: RowBatch) => void, threaded: boolean, onParsed: OnChunkParsed = () => {}): ParseRunner {
  const entry = threaded ? parserThreadEntry() : null;
  let parsedBytes = 0;
  // The file is hashed here, as it is read, not by the parser: in the import the worker is the
  // slower side while rows are read (it did 3.0 s of work in their 3.1 s per 1M rows, 0.12 s of
  // it hashing) and this thread waited for its rows.
  const hash = createHash('sha256');
  if (!entry) {
    const engine = createParseEngine(a, onBatch);
    let lookups: Generator<LookupChunk> | null = null;
    return {
      push: async (chunk) => {
        hash.update(chunk);
        engine.push(chunk);
        onParsed((parsedBytes += chunk.length), engine.rows());
      },
      finish: async () => ({ ...engine.finish(), sha256: hash.digest('hex') }),
      nextLookup: async () => (lookups ??= engine.lookupChunks()).next().value ?? null,
      close: () => {},
    };
  }

  // A thread started ahead for this import (parser-thread.ts) or a new one; first it is told the settings.
  const worker = takeParserThread(entry);
  worker.postMessage({ type: 'start', args: a });
  let failure: unknown = null;
  // Sizes of the chunks the worker has not finished, oldest first (it parses them in order).
  const inFlight: number[] = [];
  let inFlightBytes = 0;
  let wake: (() => void) | null = null;
  let done: { resolve: (r: RunnerResult) => void; reject: (e: unknown) => void } | null = null;
  let closed = false;
  // Sorted lookups come after 'done' (sortLookups); lookupsEnded after the last.
  const lookups: LookupChunk[] = [];
  let lookupsEnded = false;
  let lookupWaiter: { resolve: (c: LookupChunk | null) => void; reject: (e: unknown) => void } | null = null;
  // 'lookup-next' requests out: the worker answers each with one chunk (or lookups-done).
  let lookupsAsked = 0;
  const askLookup = (): void => {
    while (lookupsAsked + lookups.length < LOOKUP_CHUNKS_AHEAD && !lookupsEnded && !closed && failure === null) {
      lookupsAsked++;
      worker.postMessage({ type: 'lookup-next' });
    }
  };
  const serveLookup = (): void => {
    if (lookupWaiter === null) return;
    const w = lookupWaiter;
    if (failure !== null) w.reject(failure);
    else if (lookups.length > 0) w.resolve(lookups.shift()!);
    else if (lookupsEnded) w.resolve(null);
    else return askLookup();
    lookupWaiter = null;
    // The next chunks are packed while this one is written.
    askLookup();
  };

  const fail = (e: unknown): void => {
    if (failure === null) failure = e;
    wake?.();
    done?.reject(failure);
    serveLookup();
    close();
  };
  function close(): void {
    if (closed) return;
    closed = true;
    void worker.terminate();
  }

  worker.on('message', (m: WorkerReply) => {
    if (failure !== null) return;
    try {
      if (m.type === 'batch') {
        onBatch(unpackBatch(m.batch));
      } else if (m.type === 'chunk-done') {
        const size = inFlight.shift() ?? 0;
        inFlightBytes -= size;
        onParsed((parsedBytes += size), m.rows);
        wake?.();
      } else if (m.type === 'done') {
        done?.resolve({ ...m.result, sha256: hash.digest('hex') });
        // The lookups are sorted (and the first chunks packed) while the last rows are written.
        if (a.sortLookups) askLookup();
        else close();
      } else if (m.type === 'lookup') {
        lookupsAsked--;
        lookups.push(m.chunk);
        serveLookup();
      } else if (m.type === 'lookups-done') {
        lookupsAsked--;
        lookupsEnded = true;
        serveLookup();
        close();
      } else {
        fail(new AppError(m.error.code, m.error.message, m.error.details));
      }
    } catch (e) {
      fail(e);
    }
  });
  worker.on('error', (e) => fail(new AppError('internal', `The import parser stopped: ${e.message}`)));
  worker.on('exit', () => {
    if (!closed) fail(new AppError('internal', 'The import parser stopped unexpectedly.'));
  });

  return {
    async push(chunk) {
      if (failure !== null) throw failure;
      hash.update(chunk);
      // A copy of exactly this chunk, moved (not copied again) to the worker: a view into a
      // larger buffer would otherwise send the whole buffer along (and Buffer#slice is a view).
      const bytes = new Uint8Array(chunk).buffer;
      // Counted before the move, which leaves `bytes` empty here.
      inFlight.push(bytes.byteLength);
      inFlightBytes += bytes.byteLength;
      worker.postMessage({ type: 'chunk', bytes }, [bytes]);
      while (inFlightBytes >= MAX_IN_FLIGHT_BYTES && failure === null) await new Promise<void>((r) => (wake = r));
      wake = null;
      if (failure !== null) throw failure;
    },
    finish() {
      if (failure !== null) return Promise.reject(failure);
      return new Promise<RunnerResult>((resolve, reject) => {
        done = { resolve, reject };
        worker.postMessage({ type: 'end' });
      });
    },
    nextLookup() {
      return new Promise<LookupChunk | null>((resolve, reject) => {
        lookupWaiter = { resolve, reject };
        if (!a.sortLookups) lookupsEnded = true;
        serveLookup();
      });
    },
    close,
  };
}
