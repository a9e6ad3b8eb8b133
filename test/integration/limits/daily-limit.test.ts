// The per-day limit on the injected clock: a 1,000/day account with 2,500 members sends over three
// days, nobody twice, and never more than 1,000 in any 24 hours, also across a restart (the counts
// come from the database's sent rows, not from memory). The send screen's wait and expected end.
import { afterEach, describe, expect, it } from 'vitest';
import { createTransportFactory } from '../../../electron/app/transports';
import { countByStatus, listSends } from '../../../electron/db/repos/sends-repo';
import { createSendService } from '../../../electron/services/send/send-service';
import type { SendProgress } from '../../../electron/services/send/send-types';
import { sendHarness, type Harness } from '../../helpers/send-harness';

const DAY = 24 * 3_600_000;
let h: Harness | undefined;

afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

/** Start times of every message handed to the server, in order. */
function startTimes(harness: Harness): number[] {
  const all = [];
  for (let after = 0; ; ) {
    const page = listSends(harness.db, harness.fx.campaignId, { afterId: after, limit: 1000 });
    if (page.length === 0) break;
    all.push(...page);
    after = page[page.length - 1]!.id;
  }
  return all.filter((s) => s.startedAt !== null).map((s) => s.startedAt!).sort((a, b) => a - b);
}

/** The largest number of messages that started inside any 24-hour span. */
function busiestDay(times: readonly number[]): number {
  let most = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j]! - times[i]! >= DAY) i++;
    most = Math.max(most, j - i + 1);
  }
  return most;
}

const localDay = (t: number) => new Date(t).toDateString();

describe('a per-day limit', () => {
  it('sends 2,500 members at 1,000/day over three days, nobody twice, never past the cap', async () => {
    const start = new Date(2026, 11, 7, 10, 0).getTime();
    h = await sendHarness({ members: 2500, perDay: 1000, maxConnections: 2, simulatedTime: true, clockStart: start });
    const { svc, fx, db, smtp, clock } = h;
    const waits: SendProgress[] = [];
    svc.onProgress((p) => {
      if (p.nextAt !== null) waits.push(p);
    });
    h.start();
    await svc.settled(fx.campaignId);
    expect(svc.status(fx.campaignId).state).toBe('completed');
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 2500, failed: 0, unknown: 0 });
    const rcpts = smtp.messages.map((m) => m.rcptTo[0]);
    expect(rcpts).toHaveLength(2500);
    expect(new Set(rcpts).size).toBe(2500);
    const times = startTimes(h);
    expect(busiestDay(times)).toBe(1000);
    // Day 1 from 10:00, day 2 from 10:00 when the first day's messages leave the window, day 3 the rest.
    expect(localDay(times[0]!)).toBe(localDay(start));
    expect(localDay(times[1000]!)).toBe(localDay(start + DAY));
    expect(localDay(times[2499]!)).toBe(localDay(start + 2 * DAY));
    expect(localDay(clock.now())).toBe(localDay(start + 2 * DAY));
    // The send screen was told why and until when it waited, and when the send would end.
    const dayWaits = waits.filter((w) => w.waitReason === 'day');
    expect(dayWaits.length).toBeGreaterThanOrEqual(2);
    expect(dayWaits[0]!.nextAt).toBe(times[0]! + DAY);
    expect(localDay(dayWaits[0]!.expectedEndAt!)).toBe(localDay(start + 2 * DAY));
  }, 120_000);

  it('keeps the cap across a restart: the counts come from the sent rows in the window', async () => {
    const start = new Date(2026, 11, 7, 10, 0).getTime();
    h = await sendHarness({ members: 250, perDay: 100, maxConnections: 2, simulatedTime: true, clockStart: start });
    const harness = h;
    const { fx, db, smtp, clock, timers } = harness;
    let capped!: () => void;
    const reachedCap = new Promise<void>((resolve) => (capped = resolve));
    harness.svc.onProgress((p) => {
      // Park the long wait: the app "closes" while the run waits for tomorrow.
      if (p.waitReason === 'day') {
        timers.hold = true;
        capped();
      }
    });
    harness.start();
    await reachedCap;
    await harness.svc.dispose();
    timers.hold = false;
    expect(countByStatus(db, fx.campaignId).sent).toBe(100);
    expect(harness.svc.status(fx.campaignId).state).toBe('paused');

    // Tayori starts again two hours later, with nothing in memory of what was sent.
    clock.advance(2 * 3_600_000);
    const again = createSendService({
      db,
      clock,
      timers,
      approvals: fx.approvals,
      audit: fx.audit,
      transportFactory: createTransportFactory({ password: (id) => harness.profiles.getPassword(id) }),
    });
    again.recoverAfterCrash();
    const resumedAt = clock.now();
    again.resume(fx.campaignId, 'operator');
    const status = again.status(fx.campaignId);
    expect(status.state).toBe('sending');
    expect(status.waitReason).toBe('day');
    expect(status.nextAt).toBeGreaterThanOrEqual(start + DAY);
    await again.settled(fx.campaignId);
    await again.dispose();
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 250 });
    expect(new Set(smtp.messages.map((m) => m.rcptTo[0])).size).toBe(250);
    expect(smtp.messages).toHaveLength(250);
    const times = startTimes(harness);
    expect(times.filter((t) => t >= resumedAt && t < start + DAY)).toHaveLength(0);
    expect(busiestDay(times)).toBe(100);
  }, 60_000);
});
