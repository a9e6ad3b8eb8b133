// Per-carrier pacing: at most N messages a minute to each mobile carrier (docomo, au, SoftBank…),
// whose servers throttle or block a sender that bursts. A member whose carrier is at its limit is
// set aside and the run goes on with the others; set-aside members go first once their carrier's
// minute allows. They stay 'queued' in the database while set aside, so a stop or crash loses
// nothing, and the in_flight claim still decides who is sent.
import { carrierOf, type Carrier } from '../../../shared/sending/carrier-domains';
import { slidingWindows, type Windows } from '../../../shared/sending/sliding-window';
import type { ClaimedSend } from '../../db/repos/sends-repo';
import type { RunQueue } from './run-queue';

/** How many members may wait aside at once (a list of only docomo addresses must not be read whole). */
const MAX_ASIDE = 2000;

export interface PacedQueue extends RunQueue {
  /** Counts a claimed member against its carrier's minute. */
  taken(email: string, now: number): void;
  /** Milliseconds until a set-aside member may go (0: none is waiting). */
  waitMs(now: number): number;
}

/** `history`: recent messages through the account (time and address), so a restart keeps the pace. */
export function pacedQueue(inner: RunQueue, perMinute: number | null, history: readonly { at: number; email: string }[] = []): PacedQueue {
  if (!perMinute || perMinute < 1) return { next: (now) => inner.next(now), taken: () => undefined, waitMs: () => 0 };
  const windows = new Map<Carrier, Windows>();
  const windowOf = (carrier: Carrier): Windows => {
    let w = windows.get(carrier);
    if (!w) {
      const times = history.filter((h) => carrierOf(h.email) === carrier).map((h) => h.at);
      w = slidingWindows({ perMinute, perHour: null }, times);
      windows.set(carrier, w);
    }
    return w;
  };
  const ready = (send: ClaimedSend, now: number): boolean => {
    const carrier = carrierOf(send.email);
    return carrier === null || windowOf(carrier).delay(now) === 0;
  };
  const aside: ClaimedSend[] = [];
  const asideIds = new Set<number>();

  return {
    next(now) {
      const i = aside.findIndex((s) => ready(s, now));
      if (i >= 0) {
        const [send] = aside.splice(i, 1);
        asideIds.delete(send!.id);
        return send;
      }
      while (aside.length < MAX_ASIDE) {
        const send = inner.next(now);
        // The queue's second pass (or a due retry read again) hands back a member already set
        // aside: everything not aside has been seen, so wait for a carrier's minute.
        if (!send || asideIds.has(send.id)) return undefined;
        if (ready(send, now)) return send;
        aside.push(send);
        asideIds.add(send.id);
      }
      return undefined;
    },
    taken(email, now) {
      const carrier = carrierOf(email);
      if (carrier) windowOf(carrier).take(now);
    },
    waitMs(now) {
      let wait = Number.POSITIVE_INFINITY;
      for (const s of aside) wait = Math.min(wait, windowOf(carrierOf(s.email)!).delay(now));
      return aside.length === 0 ? 0 : Math.max(1, wait);
    },
  };
}
