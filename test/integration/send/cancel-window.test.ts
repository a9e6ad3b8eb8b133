// Promise 4: nothing leaves before the cancel window has passed; cancelling in it sends nothing;
// after the start, pause and stop take effect between messages.
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { countByStatus } from '../../../electron/db/repos/sends-repo';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

function waitFor(cond: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let turns = 0;
    const poll = () => {
      if (cond()) return resolve();
      if (++turns > 20_000) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 1);
    };
    poll();
  });
}

describe('cancel window (promise 4)', () => {
  it('cancelling inside the window sends nothing and is recorded', async () => {
    h = await sendHarness({ members: 20, cancelWindowS: 300 });
    const { svc, fx, clock, timers, smtp, db } = h;
    timers.hold = true;
    const s = svc.schedule(fx.campaignId, 'operator');
    timers.hold = false;
    expect(s.remainingMs).toBe(300_000);
    expect(svc.status(fx.campaignId).state).toBe('scheduled');
    clock.advance(299_000);
    expect(svc.remaining(fx.campaignId)).toBe(1_000);
    expect(svc.tick()).toBe(0);
    expect(svc.cancel(fx.campaignId, 'operator')).toEqual({ cancelled: 20 });
    clock.advance(3_600_000);
    expect(svc.tick()).toBe(0);
    await new Promise((r) => setTimeout(r, 50));
    expect(smtp.transactions()).toBe(0);
    expect(countByStatus(db, fx.campaignId).cancelled).toBe(20);
    expect(svc.remaining(fx.campaignId)).toBe(0);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.cancelled' })[0]?.actor).toBe('operator');
    expect(fx.campaigns.getCampaign(fx.campaignId).status).toBe('approved');
    expect(timers.parked()).toBe(0);
    // Cancelling is only possible before the start.
    expect(() => svc.cancel(fx.campaignId, 'operator')).toThrowError(AppError);
  });

  it('enforces a window of at least 10 seconds', async () => {
    h = await sendHarness({ members: 2 });
    const { svc, fx, clock, timers, db } = h;
    db.prepare('UPDATE campaigns SET cancel_window_s = 0 WHERE id = ?').run(fx.campaignId);
    timers.hold = true;
    expect(svc.schedule(fx.campaignId, 'operator').remainingMs).toBe(10_000);
    timers.hold = false;
    clock.advance(9_999);
    expect(svc.tick()).toBe(0);
    expect(h.smtp.transactions()).toBe(0);
    clock.advance(1);
    expect(svc.tick()).toBe(1);
    await svc.settled(fx.campaignId);
    expect(h.smtp.messages).toHaveLength(2);
  });

  it('the window timer starts the run by itself when it elapses', async () => {
    h = await sendHarness({ members: 5 });
    const { svc, fx } = h;
    const states: string[] = [];
    svc.onProgress((p) => states.push(p.state));
    svc.schedule(fx.campaignId, 'operator');
    await waitFor(() => svc.status(fx.campaignId).state === 'completed', 'completion');
    expect(h.smtp.messages).toHaveLength(5);
    expect(states).toContain('sending');
    expect(states[states.length - 1]).toBe('completed');
  });

  it('pause takes effect between messages; resume sends the rest once', async () => {
    h = await sendHarness({ members: 30, maxConnections: 1 });
    const { svc, fx, smtp, db } = h;
    let paused = false;
    svc.onProgress((p) => {
      if (!paused && p.counts.sent === 7) {
        paused = true;
        svc.pause(fx.campaignId, 'operator');
      }
    });
    h.start();
    await svc.settled(fx.campaignId);
    const after = countByStatus(db, fx.campaignId);
    expect(svc.status(fx.campaignId).state).toBe('paused');
    expect(after.sent).toBe(7);
    expect(after.queued).toBe(23);
    expect(after.in_flight).toBe(0);
    expect(smtp.messages).toHaveLength(7);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.paused' })[0]?.actor).toBe('operator');

    svc.resume(fx.campaignId, 'operator');
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId).sent).toBe(30);
    expect(smtp.messages).toHaveLength(30);
    expect(new Set(smtp.messages.map((m) => m.rcptTo[0])).size).toBe(30);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.resumed' })).toHaveLength(1);
  });

  it('stop ends the run between messages and cancels the rest', async () => {
    h = await sendHarness({ members: 30, maxConnections: 2 });
    const { svc, fx, smtp, db } = h;
    let stopped = false;
    svc.onProgress((p) => {
      if (!stopped && p.counts.sent >= 10) {
        stopped = true;
        svc.stop(fx.campaignId, 'operator');
      }
    });
    h.start();
    await svc.settled(fx.campaignId);
    const c = countByStatus(db, fx.campaignId);
    expect(svc.status(fx.campaignId).state).toBe('stopped');
    // At most the messages already in flight on the two connections finish after the stop.
    expect(c.sent).toBeGreaterThanOrEqual(10);
    expect(c.sent).toBeLessThanOrEqual(11);
    expect(c.sent + c.cancelled).toBe(30);
    expect(smtp.messages).toHaveLength(c.sent);
    expect(() => svc.resume(fx.campaignId, 'operator')).toThrowError(/stopped/);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.stopped' })[0]?.details['cancelled']).toBe(c.cancelled);
  });

  it('a change to the list during the window voids the approval and nothing is sent', async () => {
    h = await sendHarness({ members: 4 });
    const { svc, fx, clock, timers, db, smtp } = h;
    timers.hold = true;
    svc.schedule(fx.campaignId, 'operator');
    timers.hold = false;
    db.prepare("UPDATE members SET email = 'someone.else@example.jp' WHERE list_id = ? AND line = 2").run(fx.listId);
    clock.advance(10_000);
    expect(svc.tick()).toBe(0);
    expect(smtp.transactions()).toBe(0);
    expect(svc.status(fx.campaignId).error?.code).toBe('approval-void');
    expect(countByStatus(db, fx.campaignId).cancelled).toBe(4);
  });
});
