// Temporary refusals (promise 6) against real SMTP on 127.0.0.1: a greylisting server defers
// every new recipient, and the run keeps sending, retries on its schedule (1, 5, 15, 30, 60 …
// minutes, on the injected clock) and completes without pausing; connection outages do not use
// up a member's retries; refusals about the account or server (421, quota) pause the run.
import { afterEach, describe, expect, it } from 'vitest';
import { countAttempted, countByStatus, listSends } from '../../../electron/db/repos/sends-repo';
import { sendHarness, type Harness } from '../../helpers/send-harness';

const MINUTE = 60_000;

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

/** Postgrey-style: a recipient is refused until `holdMs` after its first try, then accepted. */
function greylist(now: () => number, holdMs: number) {
  const firstSeen = new Map<string, number>();
  return (address: string) => {
    const t = now();
    const first = firstSeen.get(address) ?? t;
    firstSeen.set(address, first);
    return t - first < holdMs ? { code: 451, message: '4.7.1 Greylisted, please try again later' } : undefined;
  };
}

/** Runs to the end, resuming each pause as an operator would; returns how often it paused. */
async function runResumingPauses(harness: Harness): Promise<number> {
  const { svc, fx } = harness;
  harness.start();
  await svc.settled(fx.campaignId);
  let pauses = 0;
  while (svc.status(fx.campaignId).state === 'paused' && pauses < 100) {
    pauses++;
    svc.resume(fx.campaignId, 'operator');
    await svc.settled(fx.campaignId);
  }
  return pauses;
}

describe('greylisting and other temporary refusals', () => {
  it('a wholly greylisted batch of 50 is retried on schedule and completes without a pause', async () => {
    h = await sendHarness({ members: 50, maxConnections: 2, simulatedTime: true, capture: { rcpt: greylist(() => h!.clock.now(), 5 * MINUTE) } });
    const { svc, fx, db, smtp, clock } = h;
    const t0 = clock.now();
    h.start();
    await svc.settled(fx.campaignId);
    expect(svc.status(fx.campaignId).state).toBe('completed');
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.paused' })).toHaveLength(0);
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 50, failed: 0, retrying: 0 });
    expect(new Set(smtp.messages.map((m) => m.rcptTo[0])).size).toBe(50);
    // Refused at 0 and at 1 min (still held), accepted at 6 min: three attempts each, since no
    // wait is ever shorter than its step.
    expect(new Set(listSends(db, fx.campaignId).map((r) => r.attempts))).toEqual(new Set([3]));
    const took = clock.now() - t0;
    expect(took).toBeGreaterThanOrEqual(6 * MINUTE);
    // The cancel window (10 s), then the last member's waits: 1 + 5 minutes, each up to 20 % longer.
    expect(took).toBeLessThanOrEqual(10_000 + 6 * 1.2 * MINUTE + 1000);
  });

  it('outlasts a 45-minute greylisting: retries at about 1, 6, 21 and 51 minutes', async () => {
    const tries: number[] = [];
    const grey = greylist(() => h!.clock.now(), 45 * MINUTE);
    h = await sendHarness({
      members: 1,
      capture: {
        rcpt: (address) => {
          tries.push(h!.clock.now());
          return grey(address);
        },
      },
    });
    await expect(runResumingPauses(h)).resolves.toBe(0);
    const [row] = listSends(h.db, h.fx.campaignId);
    expect(row).toMatchObject({ status: 'sent', attempts: 5 });
    const minutes = tries.map((t) => (t - tries[0]!) / MINUTE);
    const expected = [0, 1, 6, 21, 51];
    expect(minutes).toHaveLength(expected.length);
    // Each wait is its step, up to 20 % longer: never early, late by at most the sum of those 20 %.
    let spread = 0;
    const steps = [1, 5, 15, 30];
    minutes.forEach((m, i) => {
      if (i > 0) spread += 0.2 * steps[i - 1]!;
      expect(m).toBeGreaterThanOrEqual(expected[i]! - 0.001);
      expect(m - expected[i]!).toBeLessThanOrEqual(spread + 0.01);
    });
  });

  it('four outages then one greylisting do not fail the member: only replies count as attempts', async () => {
    let cuts = 4;
    const grey = greylist(() => h!.clock.now(), 30_000);
    h = await sendHarness({ members: 1, capture: { down: () => cuts-- > 0, rcpt: (a) => grey(a) } });
    await runResumingPauses(h);
    expect(h.smtp.connectionsCut()).toBe(4);
    const [row] = listSends(h.db, h.fx.campaignId);
    // The outages are not attempts: one greylisted try and the one that was accepted.
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(h.smtp.messages).toHaveLength(1);
  });

  it('one dropped connection is retried after a short wait, without a pause', async () => {
    let cuts = 1;
    h = await sendHarness({ members: 5, maxConnections: 1, capture: { down: () => cuts-- > 0 } });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    expect(h.svc.status(h.fx.campaignId).state).toBe('completed');
    expect(countByStatus(h.db, h.fx.campaignId).sent).toBe(5);
    expect(listSends(h.db, h.fx.campaignId).every((r) => r.attempts === 1)).toBe(true);
  });

  it('421 from the server pauses the run; the member goes back to the queue, its attempt not counted', async () => {
    h = await sendHarness({
      members: 4,
      maxConnections: 1,
      capture: { fault: (tx) => (tx === 2 ? { at: 'mail', code: 421, message: '4.7.0 Too many connections, closing transmission channel' } : undefined) },
    });
    const { svc, fx, db } = h;
    h.start();
    await svc.settled(fx.campaignId);
    const st = svc.status(fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error?.code).toBe('smtp-rejected');
    expect(st.counts).toMatchObject({ sent: 1, queued: 3, failed: 0, retrying: 0 });
    expect(listSends(db, fx.campaignId).map((r) => r.attempts)).toEqual([1, 0, 0, 0]);
    svc.resume(fx.campaignId, 'operator');
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 4 });
    expect(listSends(db, fx.campaignId).map((r) => r.attempts)).toEqual([1, 1, 1, 1]);
  });

  it("a daily sending limit (550 5.4.5) pauses the run instead of failing the member", async () => {
    h = await sendHarness({
      members: 5,
      maxConnections: 1,
      capture: { fault: (tx) => (tx >= 3 ? { at: 'mail', code: 550, message: '5.4.5 Daily user sending limit exceeded.' } : undefined) },
    });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    const st = h.svc.status(h.fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error?.code).toBe('smtp-rejected');
    expect(st.counts).toMatchObject({ sent: 2, queued: 3, failed: 0 });
    expect(countAttempted(h.db, h.fx.campaignId)).toBe(2);
  });
});
