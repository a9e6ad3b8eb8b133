// Scheduled sending and quiet hours (issue 11) on real SMTP and SQLite: a run that reaches quiet
// hours sends nothing until they end; a send scheduled for a later time waits for it; one found
// far too late at start-up is not sent; a chosen time must leave the cancel window before it.
import { afterEach, describe, expect, it } from 'vitest';
import { countByStatus, listSends } from '../../../electron/db/repos/sends-repo';
import { createSendService } from '../../../electron/services/send/send-service';
import { createTransportFactory } from '../../../electron/app/transports';
import { sendHarness, type Harness } from '../../helpers/send-harness';

const HOUR = 3_600_000;
const local = (d: number, h: number, m = 0, s = 0) => new Date(2026, 0, d, h, m, s).getTime();

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

describe('quiet hours', () => {
  it('holds every message until 08:00 when the window ends at 21:00:05, then sends them all', async () => {
    h = await sendHarness({ members: 4, simulatedTime: true, clockStart: local(5, 20, 59, 55), quietHours: { startMin: 21 * 60, endMin: 8 * 60 } });
    const { svc, fx, db, smtp, clock } = h;
    h.start();
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 4 });
    expect(smtp.messages).toHaveLength(4);
    const times = listSends(db, fx.campaignId).map((s) => s.startedAt!);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(local(6, 8));
    expect(clock.now()).toBeLessThan(local(6, 8, 5));
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.paused' })).toHaveLength(0);
  });
});

describe('scheduled sending', () => {
  it('sends at the chosen time, not when the window ends; cancelling before sends nothing', async () => {
    h = await sendHarness({ members: 3, clockStart: local(5, 10) });
    const { svc, fx, smtp, clock } = h;
    const at = local(6, 9, 30);
    expect(() => svc.schedule(fx.campaignId, 'op', clock.now() + 5_000)).toThrowError(expect.objectContaining({ code: 'validation' }));
    svc.schedule(fx.campaignId, 'op', at);
    expect(svc.status(fx.campaignId)).toMatchObject({ state: 'scheduled', remainingMs: at - clock.now() });
    clock.set(at - 60_000);
    expect(svc.tick()).toBe(0);
    svc.cancel(fx.campaignId, 'op');
    expect(smtp.messages).toHaveLength(0);
    svc.schedule(fx.campaignId, 'op', local(6, 11));
    clock.set(local(6, 11));
    expect(svc.tick()).toBe(1);
    await svc.settled(fx.campaignId);
    expect(smtp.messages).toHaveLength(3);
  });

  it('refuses a time more than 60 days ahead, and waits in steps past the 24.8-day timer limit', async () => {
    h = await sendHarness({ members: 1, clockStart: local(5, 10) });
    const { svc, fx, smtp, clock, timers } = h;
    expect(() => svc.schedule(fx.campaignId, 'op', clock.now() + 61 * 24 * HOUR)).toThrowError(expect.objectContaining({ code: 'validation' }));
    const waits: number[] = [];
    const setTimeout = timers.setTimeout.bind(timers);
    timers.setTimeout = (fn: () => void, ms: number) => (waits.push(ms), setTimeout(fn, ms));
    svc.schedule(fx.campaignId, 'op', clock.now() + 30 * 24 * HOUR);
    expect(waits.at(-1)).toBe(2 ** 31 - 1);
    expect(smtp.messages).toHaveLength(0);
  });

  it('does not send a scheduled notice found more than the late limit (12 h) after its time', async () => {
    h = await sendHarness({ members: 2, clockStart: local(5, 10) });
    const { svc, fx, db, smtp, clock } = h;
    const restart = () =>
      createSendService({ db, clock, timers: h!.timers, approvals: fx.approvals, audit: fx.audit, lateLimitMs: 12 * HOUR, transportFactory: createTransportFactory({ password: async () => null }) });
    svc.schedule(fx.campaignId, 'op', local(5, 18));
    await svc.dispose();
    // Tayori was closed over night: 15 hours late at the next start.
    clock.set(local(6, 9));
    const later = restart();
    const r = later.recoverAfterCrash();
    expect(r.paused).toEqual([{ campaignId: fx.campaignId, reason: 'too-late-not-sent', unknown: 0 }]);
    expect(later.status(fx.campaignId).error).toMatchObject({ reason: 'too-late-not-sent' });
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ queued: 0, cancelled: 2 });
    expect(fx.campaigns.getCampaign(fx.campaignId).status).toBe('approved');
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.not-sent-late' })).toHaveLength(1);
    expect(smtp.messages).toHaveLength(0);
  });
});
