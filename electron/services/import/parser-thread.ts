// The import parser's worker thread (parse-worker.ts), and one started ahead. A thread takes
// 0.1-0.2 s to start (a V8 isolate, then the worker's script; more from the TypeScript sources),
// and in an import the database thread waits for that before its first rows. The app's flow
// reads a file's first bytes for the mapping step (import:analyze) well before it imports it, so
// a large file's analysis starts a thread then (warmParserThread), and the import takes it; the
// user spends that start choosing columns. A re-import's preview takes it in turn and starts the
// next for the import (import-service.ts). The thread learns its import's settings from its first
// message (parse-runner.ts), not from workerData, so it can start before they are known.
//
// At most one waits. It does not keep the process alive (unref) and ends itself after
// SPARE_IDLE_MS unused: an analysed file the user never imports leaves nothing behind. It is
// state of the process, not of a service: any import may take it, as its settings come later.
import { Worker } from 'node:worker_threads';
import { workerEntry, type WorkerEntry } from '../../worker-entry';

/** How long a thread started ahead waits for its import before it is stopped. */
const SPARE_IDLE_MS = 5 * 60_000;

interface Spare {
  readonly worker: Worker;
  readonly timer: NodeJS.Timeout;
  /** Takes the spare's listeners off when an import takes it (the import's runner listens then). */
  readonly detach: () => void;
}

let spare: Spare | null = null;

/** Where the parser thread's script is (null: none, the caller parses on its own thread). */
export function parserThreadEntry(): WorkerEntry | null {
  return workerEntry(import.meta.url as string | undefined, './parse-worker.ts', 'import-parse-worker.cjs');
}

function startWorker(entry: WorkerEntry): Worker {
  return new Worker(entry.file, { execArgv: entry.execArgv, resourceLimits: { maxYoungGenerationSizeMb: 16, maxOldGenerationSizeMb: 256 } });
}

/** Stops the spare. Its listeners stay: an error it raises while it stops has a listener. */
function dropSpare(): void {
  if (spare === null) return;
  const s = spare;
  spare = null;
  clearTimeout(s.timer);
  void s.worker.terminate();
}

/** Starts a parser thread for an import to come, unless one is already waiting. */
export function warmParserThread(idleMs = SPARE_IDLE_MS): void {
  if (spare !== null) return;
  const entry = parserThreadEntry();
  if (entry === null) return;
  const worker = startWorker(entry);
  worker.unref();
  const forget = (): void => {
    if (spare?.worker === worker) dropSpare();
  };
  worker.on('error', forget);
  worker.on('exit', forget);
  const timer = setTimeout(forget, idleMs);
  timer.unref();
  spare = { worker, timer, detach: () => (worker.off('error', forget), worker.off('exit', forget)) };
}

/**
 * A parser thread for an import starting now: the one started ahead if any, else a new one. The
 * caller listens for its errors at once (synchronously). A spare whose thread has stopped
 * (threadId -1, which may come before its 'exit' event) is not handed out.
 */
export function takeParserThread(entry: WorkerEntry): Worker {
  if (spare !== null && spare.worker.threadId === -1) dropSpare();
  if (spare === null) return startWorker(entry);
  const { worker, timer, detach } = spare;
  spare = null;
  clearTimeout(timer);
  detach();
  worker.ref();
  return worker;
}

/** Whether a thread started ahead is waiting (for tests). */
export function hasSpareParserThread(): boolean {
  return spare !== null;
}

/** Stops the thread started ahead, if any (for tests; in the app it is unref'd and stops itself). */
export function stopSpareParserThread(): void {
  dropSpare();
}
