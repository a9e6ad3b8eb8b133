// The profile's sending limits (messages per minute and per hour), on the injected clock.
// A sliding window rather than a token bucket: a bucket of N per minute lets almost 2N through
// in some 60-second span (a full bucket, then its refill), and providers count rolling windows.
export interface RateLimits {
  readonly perMinute: number | null;
  readonly perHour: number | null;
}

export interface RateLimiter {
  /** Milliseconds to wait before the next message may start (0: now). */
  delay(now: number): number;
  /** Counts a message that starts now; call only when delay(now) was 0. */
  take(now: number): void;
}

interface Window {
  readonly limit: number;
  readonly span: number;
  /** Start times inside the span, oldest first (a ring would save memory; limits are small). */
  readonly times: number[];
  head: number;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

export function createRateLimiter(limits: RateLimits, history: readonly number[] = []): RateLimiter {
  const windows: Window[] = [];
  if (limits.perMinute && limits.perMinute > 0) windows.push({ limit: limits.perMinute, span: MINUTE, times: [], head: 0 });
  if (limits.perHour && limits.perHour > 0) windows.push({ limit: limits.perHour, span: HOUR, times: [], head: 0 });
  for (const w of windows) for (const t of history) w.times.push(t);

  function expire(w: Window, now: number): void {
    while (w.head < w.times.length && w.times[w.head]! <= now - w.span) w.head++;
    if (w.head > 1024 && w.head * 2 > w.times.length) {
      w.times.splice(0, w.head);
      w.head = 0;
    }
  }

  return {
    delay(now) {
      let wait = 0;
      for (const w of windows) {
        expire(w, now);
        const inside = w.times.length - w.head;
        if (inside >= w.limit) {
          // The slot frees when the oldest message that keeps the window full leaves it.
          const oldest = w.times[w.head + inside - w.limit]!;
          wait = Math.max(wait, oldest + w.span - now);
        }
      }
      return wait;
    },
    take(now) {
      for (const w of windows) w.times.push(now);
    },
  };
}
