// Sending limits as sliding windows (N messages in any span of a minute, an hour, a day), pure
// so that the send loop and the estimate shown before approval count the same way. A sliding
// window rather than a token bucket: a bucket of N per minute lets almost 2N through in some
// 60-second span (a full bucket, then its refill), and providers count rolling windows.

export const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;

/** The account's limits; null or absent: no limit of that span. */
export interface SendLimits {
  readonly perMinute: number | null;
  readonly perHour: number | null;
  readonly perDay?: number | null;
}

/** Which span's limit holds the next message back. */
export type LimitSpan = 'minute' | 'hour' | 'day';

export interface Windows {
  /** Milliseconds to wait before the next message may start (0: now). */
  delay(now: number): number;
  /** The span whose limit makes delay(now) > 0, or null. */
  limitedBy(now: number): LimitSpan | null;
  /** Counts a message that starts now; call only when delay(now) was 0. */
  take(now: number): void;
}

interface Window {
  readonly name: LimitSpan;
  readonly limit: number;
  readonly span: number;
  /** Start times inside the span, oldest first (the head index skips expired ones). */
  readonly times: number[];
  head: number;
}

/** `history`: start times of messages already sent through the account (any order). */
export function slidingWindows(limits: SendLimits, history: readonly number[] = []): Windows {
  const windows: Window[] = [];
  const add = (name: LimitSpan, limit: number | null | undefined, span: number) => {
    if (limit && limit > 0) windows.push({ name, limit, span, times: [], head: 0 });
  };
  add('minute', limits.perMinute, MINUTE_MS);
  add('hour', limits.perHour, HOUR_MS);
  add('day', limits.perDay, DAY_MS);
  const sorted = [...history].sort((a, b) => a - b);
  for (const w of windows) w.times.push(...sorted);

  function expire(w: Window, now: number): void {
    while (w.head < w.times.length && w.times[w.head]! <= now - w.span) w.head++;
    if (w.head > 1024 && w.head * 2 > w.times.length) {
      w.times.splice(0, w.head);
      w.head = 0;
    }
  }

  function waitOf(w: Window, now: number): number {
    expire(w, now);
    const inside = w.times.length - w.head;
    if (inside < w.limit) return 0;
    // The slot frees when the oldest message that keeps the window full leaves it.
    const oldest = w.times[w.head + inside - w.limit]!;
    return Math.max(0, oldest + w.span - now);
  }

  return {
    delay(now) {
      let wait = 0;
      for (const w of windows) wait = Math.max(wait, waitOf(w, now));
      return wait;
    },
    limitedBy(now) {
      let worst: { name: LimitSpan; wait: number } | null = null;
      for (const w of windows) {
        const wait = waitOf(w, now);
        if (wait > 0 && (!worst || wait > worst.wait)) worst = { name: w.name, wait };
      }
      return worst?.name ?? null;
    },
    take(now) {
      for (const w of windows) w.times.push(now);
    },
  };
}
