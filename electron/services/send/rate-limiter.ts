// The account's sending limits (messages per minute, per hour and per day) on the injected clock.
// The windows are seeded from the database's sent rows, so a restart or a second campaign on the
// same account cannot go past a cap that memory alone would have forgotten.
import { slidingWindows, type LimitSpan, type SendLimits } from '../../../shared/sending/sliding-window';

export type RateLimits = SendLimits;

export interface RateLimiter {
  /** Milliseconds to wait before the next message may start (0: now). */
  delay(now: number): number;
  /** Counts a message that starts now; call only when delay(now) was 0. */
  take(now: number): void;
  /** What the run is waiting for when delay(now) > 0 (shown on the send screen). */
  limitedBy(now: number): LimitSpan | 'quiet' | null;
}

export function createRateLimiter(limits: RateLimits, history: readonly number[] = []): RateLimiter {
  return slidingWindows(limits, history);
}
