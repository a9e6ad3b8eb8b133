// Runs (import previews and imports) the page can stop by the runId it gave them (import:cancel).
// Over the browser host each call is its own HTTP request, so a stop pressed the moment the
// progress bar is drawn can reach us before the run it stops: the run's request carries the whole
// file and is still being read. Such a stop is kept and stops the run as it arrives. Electron's IPC
// keeps order, but nothing here depends on that.
import { AppError } from '../../../shared/errors';

/** How many ended runIds and early stops are remembered; a page has one run at a time. */
const REMEMBERED = 64;
/** An early stop whose run has not arrived by then is forgotten (a page that closed meanwhile). */
const EARLY_STOP_MS = 10 * 60_000;

export interface CancellableRuns {
  /** Runs `work` under `runId`; `done` runs once the run can no longer be stopped. */
  run<T>(runId: string | undefined, work: (signal: AbortSignal) => Promise<T>, done: (result: T) => void): Promise<T>;
  /**
   * Stops the run. false: nothing runs under this id now (it ended, or has not arrived yet: a run
   * that arrives under it within minutes is stopped as it starts).
   */
  cancel(runId: string): { cancelled: boolean };
}

/** Adds `key` to an insertion-ordered map, forgetting the oldest entries past REMEMBERED. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  for (const oldest of map.keys()) {
    if (map.size <= REMEMBERED) break;
    map.delete(oldest);
  }
}

export function cancellableRuns(now: () => number = Date.now): CancellableRuns {
  const running = new Map<string, AbortController>();
  const ended = new Map<string, true>();
  const stoppedEarly = new Map<string, number>();

  return {
    async run<T>(runId: string | undefined, work: (signal: AbortSignal) => Promise<T>, done: (result: T) => void): Promise<T> {
      const controller = new AbortController();
      if (runId !== undefined) {
        if (running.has(runId)) throw new AppError('conflict', 'A run with this id is already running.', { runId });
        running.set(runId, controller);
        ended.delete(runId);
        const stopAskedAt = stoppedEarly.get(runId);
        stoppedEarly.delete(runId);
        if (stopAskedAt !== undefined && now() - stopAskedAt < EARLY_STOP_MS) controller.abort();
      }
      let result: T;
      try {
        result = await work(controller.signal);
      } finally {
        if (runId !== undefined) {
          running.delete(runId);
          remember(ended, runId, true);
        }
      }
      done(result);
      return result;
    },
    cancel(runId) {
      const controller = running.get(runId);
      if (controller) {
        controller.abort();
        return { cancelled: true };
      }
      if (!ended.has(runId)) remember(stoppedEarly, runId, now());
      return { cancelled: false };
    },
  };
}
