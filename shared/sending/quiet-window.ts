// Quiet hours as a pure rule on the local clock, shared by the send loop (which waits them out)
// and the estimate shown before approval (which counts them in the expected end).

/** Minutes after local midnight; start > end means the quiet time spans midnight. */
export interface QuietHours {
  readonly startMin: number;
  readonly endMin: number;
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
