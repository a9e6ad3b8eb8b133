// Promise 5 (and 6) against a faulty server: 4xx retried on the schedule, 5xx failed with the reply
// kept, a connection dropped inside DATA leaves the member 'unknown' (never resent by itself),
// AUTH failures and repeated connection failures pause the whole run.
import { afterEach, describe, expect, it } from 'vitest';
import { countAttempted, countByStatus, listSends } from '../../../electron/db/repos/sends-repo';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

describe('SMTP faults (promise 5)', () => {
  it('retries 451 greylisting on its schedule, fails 550 and keeps its reply', async () => {
    const faults = new Map([
      [2, { at: 'rcpt' as const, code: 450, message: '4.2.0 Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/' }],
      [4, { at: 'rcpt' as const, code: 451, message: '4.7.1 Greylisted' }],
      [6, { at: 'data' as const, code: 550, message: '5.7.1 Message rejected as spam' }],
    ]);
    h = await sendHarness({ members: 8, maxConnections: 1, capture: { fault: (tx) => faults.get(tx) } });
    const { svc, fx, db, smtp, clock } = h;
    const t0 = clock.now();
    h.start();
    await svc.settled(fx.campaignId);
    const c = countByStatus(db, fx.campaignId);
    expect(c).toMatchObject({ sent: 7, failed: 1, queued: 0, retrying: 0, in_flight: 0, unknown: 0 });
    expect(svc.status(fx.campaignId).state).toBe('completed');
    expect(smtp.messages).toHaveLength(7);
    expect(new Set(smtp.messages.map((m) => m.rcptTo[0])).size).toBe(7);

    const rows = listSends(db, fx.campaignId);
    const failed = rows.filter((r) => r.status === 'failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]!.smtpResponse).toBe('550 5.7.1 Message rejected as spam');
    expect(failed[0]!.attempts).toBe(1);
    const retried = rows.filter((r) => r.attempts === 2);
    expect(retried).toHaveLength(2);
    expect(retried.every((r) => r.status === 'sent')).toBe(true);
    // The retries waited for the first step of the schedule (1 minute, never less) on the clock.
    expect(clock.now() - t0).toBeGreaterThanOrEqual(60_000);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.paused' })).toHaveLength(0);
    const audit = fx.audit.list({ campaignId: fx.campaignId, action: 'send.member' });
    expect(audit.filter((e) => e.details['status'] === 'failed').map((e) => e.details['response'])).toEqual([
      '550 5.7.1 Message rejected as spam',
    ]);
  });

  it('fails a member after the last 4xx attempt, reply kept', async () => {
    h = await sendHarness({
      members: 1,
      capture: { fault: () => ({ at: 'rcpt', code: 452, message: '4.2.2 Mailbox full' }) },
      policy: { retryDelaysMs: [60_000, 300_000] },
    });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    const [row] = listSends(h.db, h.fx.campaignId);
    expect(row).toMatchObject({ status: 'failed', attempts: 3, smtpResponse: '452 4.2.2 Mailbox full' });
    expect(h.smtp.transactions()).toBe(3);
  });

  it('pauses after 10 refusals in a row', async () => {
    h = await sendHarness({ members: 15, maxConnections: 1, capture: { fault: () => ({ at: 'mail', code: 554, message: '5.7.0 Sender blocked' }) } });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    const st = h.svc.status(h.fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error?.code).toBe('smtp-rejected');
    expect(st.counts).toMatchObject({ failed: 10, queued: 5 });
  });

  it('a connection dropped inside DATA leaves the member unknown; it is never resent by itself', async () => {
    h = await sendHarness({ members: 5, maxConnections: 1, capture: { fault: (tx) => (tx === 3 ? { at: 'drop-in-data' } : undefined) } });
    const { svc, fx, db, smtp } = h;
    h.start();
    await svc.settled(fx.campaignId);
    let st = svc.status(fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error?.code).toBe('smtp-connection-lost');
    expect(st.counts).toMatchObject({ sent: 2, unknown: 1, queued: 2 });
    const unknown = listSends(db, fx.campaignId, { status: 'unknown' })[0]!;

    svc.resume(fx.campaignId, 'operator');
    await svc.settled(fx.campaignId);
    st = svc.status(fx.campaignId);
    expect(st.state).toBe('completed');
    expect(st.counts).toMatchObject({ sent: 4, unknown: 1 });
    expect(smtp.messages).toHaveLength(4);
    expect(smtp.transactions()).toBe(5);

    // The operator checked: it did not arrive. Resend goes through a new cancel window.
    svc.resolveUnknown(fx.campaignId, unknown.id, 'resend', 'operator');
    expect(svc.status(fx.campaignId).state).toBe('scheduled');
    h.clock.advance(svc.remaining(fx.campaignId));
    expect(svc.tick()).toBe(1);
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 5, unknown: 0 });
    expect(smtp.messages).toHaveLength(5);
    expect(new Set(smtp.messages.map((m) => m.rcptTo[0])).size).toBe(5);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.unknown-resolved' })).toHaveLength(1);
  });

  it('resolving several unknown members is all or nothing: a bad id changes none', async () => {
    h = await sendHarness({ members: 2, maxConnections: 1, capture: { fault: (tx) => (tx === 1 ? { at: 'drop-in-data' } : undefined) } });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    const unknown = listSends(h.db, h.fx.campaignId, { status: 'unknown' })[0]!;
    expect(() => h!.svc.resolveUnknownMany(h!.fx.campaignId, [unknown.id, 99_999], 'sent', 'operator')).toThrowError(expect.objectContaining({ code: 'not-found' }));
    expect(listSends(h.db, h.fx.campaignId, { status: 'unknown' }).map((r) => r.id)).toEqual([unknown.id]);
    h.svc.resolveUnknownMany(h.fx.campaignId, [unknown.id], 'sent', 'operator');
    expect(listSends(h.db, h.fx.campaignId, { status: 'sent' }).map((r) => r.id)).toEqual([unknown.id]);
  });

  it('an operator can mark an unknown member as sent', async () => {
    h = await sendHarness({ members: 2, maxConnections: 1, capture: { fault: (tx) => (tx === 1 ? { at: 'drop-in-data' } : undefined) } });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    const unknown = listSends(h.db, h.fx.campaignId, { status: 'unknown' })[0]!;
    h.svc.resolveUnknown(h.fx.campaignId, unknown.id, 'sent', 'operator');
    expect(listSends(h.db, h.fx.campaignId, { status: 'sent' }).map((r) => r.id)).toEqual([unknown.id]);
    expect(h.smtp.transactions()).toBe(1);
  });

  it('an AUTH failure pauses the run with smtp-auth; nothing is sent until resumed with the right password', async () => {
    h = await sendHarness({ members: 6, authUser: 'tayori', capture: { auth: { user: 'tayori', pass: 'correct horse' } } });
    const { svc, fx, db, smtp } = h;
    h.password = 'wrong';
    h.start();
    await svc.settled(fx.campaignId);
    const st = svc.status(fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error?.code).toBe('smtp-auth');
    expect(st.counts.queued).toBe(6);
    expect(smtp.transactions()).toBe(0);
    expect(smtp.authFailures()).toBeGreaterThanOrEqual(1);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.paused' })[0]?.details['code']).toBe('smtp-auth');

    h.password = 'correct horse';
    svc.resume(fx.campaignId, 'operator');
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId).sent).toBe(6);
    expect(smtp.messages.every((m) => m.authUser === 'tayori')).toBe(true);
  });

  it('a connection refused again and again pauses the run with smtp-connect, sends nothing and counts no attempt', async () => {
    h = await sendHarness({ members: 3, port: 1 });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    const st = h.svc.status(h.fx.campaignId);
    expect(st.state).toBe('paused');
    expect(st.error?.code).toBe('smtp-connect');
    expect(st.counts.queued).toBe(3);
    // Nothing reached a server: the campaign still "never started" for the cancel window and expiry.
    expect(listSends(h.db, h.fx.campaignId).map((r) => r.attempts)).toEqual([0, 0, 0]);
    expect(countAttempted(h.db, h.fx.campaignId)).toBe(0);
  });

  it('resend failed only: failed members go again under the same approval, after a new window', async () => {
    let blocked = true;
    h = await sendHarness({
      members: 4,
      maxConnections: 1,
      capture: { fault: () => (blocked ? { at: 'rcpt', code: 550, message: '5.1.1 Mailbox unavailable' } : undefined) },
    });
    const { svc, fx, db, smtp } = h;
    h.start();
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId).failed).toBe(4);
    blocked = false;
    expect(svc.resendFailed(fx.campaignId, 'operator')).toEqual({ requeued: 4 });
    expect(svc.status(fx.campaignId).state).toBe('scheduled');
    h.clock.advance(svc.remaining(fx.campaignId));
    svc.tick();
    await svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId).sent).toBe(4);
    expect(smtp.messages).toHaveLength(4);
  });
});
