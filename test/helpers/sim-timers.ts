// Timers for measuring schedules in simulated time: like fastTimers they move the manual clock
// instead of sleeping, but one at a time in order of due time, and only while `idle()` says no
// SMTP transaction is in progress. (fastTimers jumps the clock the moment a sleep starts, so one
// worker's long wait ages another worker's transaction and shifts its schedule.)
import type { Timers } from '../../electron/services/send/timers';

export function simTimers(
  clock: { now(): number; advance(ms: number): void },
  idle: () => boolean,
  realPauseMs = 5,
): Timers & { hold: boolean; parked(): number } {
  const pending: { handle: object; due: number; seq: number; fn: () => void }[] = [];
  const parked = new Set<object>();
  let seq = 0;
  let pump: ReturnType<typeof setTimeout> | null = null;

  function arm(): void {
    if (pump || pending.length === 0) return;
    pump = setTimeout(() => {
      pump = null;
      if (!idle()) return arm();
      pending.sort((a, b) => a.due - b.due || a.seq - b.seq);
      const next = pending.shift();
      if (next) {
        if (next.due > clock.now()) clock.advance(next.due - clock.now());
        next.fn();
      }
      arm();
    }, realPauseMs);
  }

  const t = {
    hold: false,
    setTimeout(fn: () => void, ms: number): unknown {
      const handle = {};
      if (t.hold) {
        parked.add(handle);
        return handle;
      }
      pending.push({ handle, due: clock.now() + ms, seq: seq++, fn });
      arm();
      return handle;
    },
    clearTimeout(h: unknown): void {
      const i = pending.findIndex((p) => p.handle === h);
      if (i >= 0) pending.splice(i, 1);
      if (h && typeof h === 'object') parked.delete(h);
    },
    parked: () => parked.size,
  };
  return t;
}
