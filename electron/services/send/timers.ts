// Injected timers, so the cancel window, backoff and rate-limit waits are tested without sleeping.
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Sleeps that pause and stop can cut short: the loop then re-checks its state at once. */
export interface Sleeper {
  sleep(ms: number): Promise<void>;
  wakeAll(): void;
}

export function createSleeper(timers: Timers): Sleeper {
  const pending = new Map<unknown, () => void>();
  return {
    sleep(ms) {
      return new Promise<void>((resolve) => {
        const handle = timers.setTimeout(() => {
          pending.delete(handle);
          resolve();
        }, ms);
        pending.set(handle, resolve);
      });
    },
    wakeAll() {
      for (const [handle, resolve] of pending) {
        timers.clearTimeout(handle);
        resolve();
      }
      pending.clear();
    },
  };
}
