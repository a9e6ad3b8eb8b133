// Quiet hours: no message starts between, by default, 21:00 and 08:00 on this computer's clock
// (members read mail on phones; a notice at 2 a.m. wakes people and reads as spam). A run that
// reaches quiet hours waits, as it waits for a rate limit, and goes on when they end; pause and
// stop still cut the wait short.
import type { RateLimiter } from './rate-limiter';

/** Minutes after local midnight; start > end means the quiet time spans midnight. */
export interface QuietHours {
  readonly startMin: number;
  readonly endMin: number;
}

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

/** Milliseconds until quiet hours end, or 0 when `now` is outside them (local time, DST-safe). */
export function quietDelayMs(q: QuietHours | null, now: number): number {
  if (!q) return 0;
  const d = new Date(now);
  const minute = d.getHours() * 60 + d.getMinutes();
  const inside = q.startMin < q.endMin ? minute >= q.startMin && minute < q.endMin : minute >= q.startMin || minute < q.endMin;
  if (!inside) return 0;
  const end = new Date(now);
  end.setHours(Math.floor(q.endMin / 60), q.endMin % 60, 0, 0);
  if (end.getTime() <= now) end.setDate(end.getDate() + 1);
  return end.getTime() - now;
}

/** The profile's limits plus quiet hours: the runner waits for whichever ends later. */
export function withQuietHours(limiter: RateLimiter, q: QuietHours | null): RateLimiter {
  if (!q) return limiter;
  return {
    delay: (now) => Math.max(limiter.delay(now), quietDelayMs(q, now)),
    take: (now) => limiter.take(now),
  };
}
