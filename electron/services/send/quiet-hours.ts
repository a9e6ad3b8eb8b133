// Quiet hours: no message starts between, by default, 21:00 and 08:00 on this computer's clock
// (members read mail on phones; a notice at 2 a.m. wakes people and reads as spam). A run that
// reaches quiet hours waits, as it waits for a rate limit, and goes on when they end; pause and
// stop still cut the wait short.
import { quietDelayMs, type QuietHours } from '../../../shared/sending/quiet-window';
import type { RateLimiter } from './rate-limiter';

export { quietDelayMs, type QuietHours };

export const DEFAULT_QUIET_HOURS: QuietHours = { startMin: 21 * 60, endMin: 8 * 60 };

/** 'HH:MM-HH:MM' as stored in Settings; null for no quiet hours. */
export function parseQuietHours(text: string | null): QuietHours | null {
  const m = text ? /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text) : null;
  if (!m) return null;
  const [h1, m1, h2, m2] = m.slice(1).map(Number) as [number, number, number, number];
  if (h1 > 23 || h2 > 23 || m1 > 59 || m2 > 59) return null;
  const q = { startMin: h1 * 60 + m1, endMin: h2 * 60 + m2 };
  return q.startMin === q.endMin ? null : q;
}

export function formatQuietHours(q: QuietHours): string {
  const hm = (min: number) => `${String(Math.floor(min / 60)).padStart(2, '0')}:${String(min % 60).padStart(2, '0')}`;
  return `${hm(q.startMin)}-${hm(q.endMin)}`;
}

/** The profile's limits plus quiet hours: the runner waits for whichever ends later. */
export function withQuietHours(limiter: RateLimiter, q: QuietHours | null): RateLimiter {
  if (!q) return limiter;
  return {
    delay: (now) => Math.max(limiter.delay(now), quietDelayMs(q, now)),
    take: (now) => limiter.take(now),
    limitedBy: (now) => (quietDelayMs(q, now) > limiter.delay(now) ? 'quiet' : limiter.limitedBy(now)),
  };
}
