// Who checkpoints the WAL, and when. By default SQLite checkpoints on the connection that commits
// (every 1000 pages): the commit that crosses the line copies the WAL back into the database file
// and syncs it, and better-sqlite3 is synchronous, so the event loop stands still meanwhile.
// - While a send runs that stall hits every SMTP connection of the pool (the send-timeline bench
//   put about half of the loop's commit time in checkpoints). So during a send a worker thread
//   (checkpoint-worker.ts, its own connection) checkpoints every CHECKPOINT_EVERY_MS instead, and
//   the main connection never does.
// - An import turns checkpoints off altogether (each step would copy the growing WAL again). Its
//   WAL, hundreds of MB after a million rows, was then copied back by whatever wrote next (a click,
//   a send's first claim): seconds of a frozen screen. Now the worker copies it, and the main
//   connection's own checkpoints come back only once it is done.
// Imports and sends may overlap: this module alone sets wal_autocheckpoint, from what holds it.
// Where no worker can start (no script beside the bundle), the connection checkpoints itself:
// every RUN_PAGES pages during a send, as before the worker.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../worker-entry';
import type { Db } from './connection';
import type { CheckpointReply, CheckpointRequest } from './checkpoint-worker';

/** send: a run; write: one big commit (an approval's freeze); import: nothing copies the WAL meanwhile. */
export type CheckpointHold = 'send' | 'write' | 'import';

const DEFAULT_PAGES = 1000;
/** The connection's own checkpoint interval during a send when there is no worker. */
const RUN_PAGES = 4000;
/**
 * How often the worker checkpoints while a send runs. At full speed (~1,000 messages a second,
 * ~5 WAL pages each) that is about RUN_PAGES pages a time: the hot pages (the sends rows, the
 * status index, the audit tail) are copied once per checkpoint, so checkpointing more often
 * costs more CPU for nothing. A checkpoint with nothing to copy costs microseconds.
 */
const CHECKPOINT_EVERY_MS = 1_000;
/** How long an idle worker waits for the next send or import before it ends. */
const WORKER_IDLE_MS = 60_000;
/** After the last hold, how many passes the worker gets to copy everything before the connection takes over again. */
const DRAIN_PASSES = 50;

interface Checkpointer {
  readonly holds: Record<CheckpointHold, number>;
  /** The connection's own setting, found when the first hold began; put back when all are done. */
  base: number;
  worker: Worker | null;
  /** The worker could not start or stopped: the connection checkpoints itself from now on. */
  noWorker: boolean;
  /** A checkpoint request is out (one at a time). */
  asking: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  /** Ends an idle worker (set when the drain is done, cleared when work comes back). */
  idle: ReturnType<typeof setTimeout> | null;
  drainLeft: number;
  /** Checkpoints the worker ran, and frames it found in the WAL at the last one (tests, benches). */
  readonly stats: { runs: number; lastLog: number; lastCopied: number; ms: number };
}

const checkpointers = new WeakMap<Db, Checkpointer>();

const pagesOf = (db: Db): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;
const setPages = (db: Db, n: number): void => {
  if (db.open && pagesOf(db) !== n) db.pragma(`wal_autocheckpoint = ${n}`);
};

function checkpointerOf(db: Db): Checkpointer {
  let c = checkpointers.get(db);
  if (!c) {
    c = { holds: { send: 0, write: 0, import: 0 }, base: DEFAULT_PAGES, worker: null, noWorker: false, asking: false, timer: null, idle: null, drainLeft: 0, stats: { runs: 0, lastLog: 0, lastCopied: 0, ms: 0 } };
    checkpointers.set(db, c);
  }
  return c;
}

const held = (c: Checkpointer): boolean => c.holds.send + c.holds.write + c.holds.import > 0;
const working = (c: Checkpointer): boolean => held(c) || c.drainLeft > 0;

function startWorker(db: Db, c: Checkpointer): Worker | null {
  if (c.worker || c.noWorker) return c.worker;
  const entry = db.memory ? null : workerEntry(import.meta.url as string | undefined, './checkpoint-worker.ts', 'db-checkpoint-worker.cjs');
  if (!entry) {
    c.noWorker = true;
    return null;
  }
  const worker = new Worker(entry.file, { workerData: { file: db.name }, execArgv: entry.execArgv, resourceLimits: { maxOldGenerationSizeMb: 32 } });
  worker.on('message', (m: CheckpointReply) => {
    if (m.type !== 'checkpointed') return;
    c.asking = false;
    c.stats.runs++;
    c.stats.lastLog = m.log;
    c.stats.lastCopied = m.checkpointed;
    c.stats.ms += m.ms;
    if (c.drainLeft > 0 && !held(c)) {
      c.drainLeft--;
      // All of the WAL is in the file (log 0: nothing was there): the connection takes over.
      if (m.log === m.checkpointed || c.drainLeft === 0) finishDrain(db, c);
    }
    schedule(db, c);
  });
  const lost = (): void => {
    if (c.worker !== worker) return;
    c.worker = null;
    c.noWorker = true;
    c.asking = false;
    apply(db, c);
  };
  worker.on('error', lost);
  worker.on('exit', lost);
  // The process does not wait for it (after the listeners: adding one refs the worker again).
  worker.unref();
  c.worker = worker;
  return worker;
}

function ask(db: Db, c: Checkpointer): void {
  if (c.asking || !c.worker || !db.open) return;
  c.asking = true;
  c.worker.postMessage({ type: 'checkpoint' } satisfies CheckpointRequest);
}

/** The next checkpoint while a send runs or the drain goes on; none during an import. */
function schedule(db: Db, c: Checkpointer): void {
  if (c.timer !== null || c.holds.import > 0 || !working(c) || !c.worker) return;
  c.timer = setTimeout(() => {
    c.timer = null;
    if (c.holds.import === 0 && working(c)) ask(db, c);
  }, c.drainLeft > 0 && !held(c) ? 0 : CHECKPOINT_EVERY_MS);
  c.timer.unref();
}

function finishDrain(db: Db, c: Checkpointer): void {
  c.drainLeft = 0;
  setPages(db, c.base);
  // Kept a while for the next run (a thread and its connection take ~50-300 ms of CPU to start).
  clearIdle(c);
  c.idle = setTimeout(() => {
    c.idle = null;
    if (!working(c)) void stopWorker(c);
  }, WORKER_IDLE_MS);
  c.idle.unref();
}

function stopWorker(c: Checkpointer): Promise<void> {
  const worker = c.worker;
  if (!worker) return Promise.resolve();
  c.worker = null;
  c.asking = false;
  if (c.timer !== null) clearTimeout(c.timer);
  c.timer = null;
  clearIdle(c);
  return new Promise<void>((resolve) => {
    let limit: ReturnType<typeof setTimeout> | null = null;
    const finished = (): void => {
      if (limit !== null) clearTimeout(limit);
      resolve();
    };
    const done = (): void => {
      void worker.terminate().then(finished, finished);
    };
    worker.once('message', (m: CheckpointReply) => (m.type === 'closed' ? done() : undefined));
    worker.once('exit', finished);
    // Whoever awaits the stop is kept alive until the worker has closed its connection (2 s at most).
    worker.ref();
    worker.postMessage({ type: 'close' } satisfies CheckpointRequest);
    limit = setTimeout(done, 2_000);
  });
}

function clearIdle(c: Checkpointer): void {
  if (c.idle !== null) clearTimeout(c.idle);
  c.idle = null;
}

/** Sets the connection's own checkpoints, and the worker's, from what holds them now. */
function apply(db: Db, c: Checkpointer): void {
  if (!db.open) return;
  if (c.holds.import > 0) {
    // Nothing copies the WAL while an import writes it; a checkpoint already out just finishes.
    setPages(db, 0);
    clearIdle(c);
    if (c.timer !== null) clearTimeout(c.timer);
    c.timer = null;
    return;
  }
  if (c.holds.send + c.holds.write > 0) {
    if (startWorker(db, c)) {
      setPages(db, 0);
      c.drainLeft = 0;
      clearIdle(c);
      schedule(db, c);
    } else setPages(db, Math.max(c.base, RUN_PAGES));
    return;
  }
  // Nothing holds: what the WAL still has is copied by the worker, then the connection takes over.
  if (c.drainLeft === 0) c.drainLeft = DRAIN_PASSES;
  if (startWorker(db, c)) {
    setPages(db, 0);
    clearIdle(c);
    schedule(db, c);
  } else {
    c.drainLeft = 0;
    setPages(db, c.base);
  }
}

/**
 * Holds the WAL's checkpoints for a send or a big write (done by the worker) or an import (none at
 * all) until the returned function is called (a second call does nothing).
 */
export function holdCheckpoints(db: Db, kind: CheckpointHold): () => void {
  const c = checkpointerOf(db);
  if (!working(c)) c.base = pagesOf(db);
  c.holds[kind]++;
  apply(db, c);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    c.holds[kind]--;
    apply(db, c);
  };
}

/**
 * Runs `write` (one synchronous transaction) with the checkpoints held as `kind`: for a big commit
 * (an approval's freeze, ~12 MB at 100k members) the connection does not copy the WAL back within
 * the commit, while the caller waits; the worker copies it after.
 */
export function whileHolding<T>(db: Db, kind: CheckpointHold, write: () => T): T {
  const release = holdCheckpoints(db, kind);
  try {
    return write();
  } finally {
    release();
  }
}

/** Stops the worker (before the connection closes): the connection checkpoints on close anyway. */
export function stopCheckpoints(db: Db): Promise<void> {
  const c = checkpointers.get(db);
  if (!c) return Promise.resolve();
  c.drainLeft = 0;
  c.noWorker = true;
  return stopWorker(c);
}

/**
 * What the worker did so far (tests, benchmarks); busy: a send or an import holds the checkpoints,
 * or the worker is still copying what they left (the connection's own setting is back after).
 */
export function checkpointStats(db: Db): { runs: number; lastLog: number; lastCopied: number; ms: number; worker: boolean; busy: boolean; autocheckpoint: number } {
  const c = checkpointers.get(db);
  return { ...(c?.stats ?? { runs: 0, lastLog: 0, lastCopied: 0, ms: 0 }), worker: c?.worker != null, busy: c ? working(c) : false, autocheckpoint: pagesOf(db) };
}
