// A server that drops the connection in the middle of the 10th of 10 messages: the run says
// what happened (connection lost, not "check host and port") and what was delivered (9 taken by
// the server, 1 unknown), and each member's reply reads in plain words.
import { afterEach, describe, expect, it } from 'vitest';
import { pageSendMembers } from '../../../electron/db/repos/sends-repo';
import { createReportService } from '../../../electron/services/reports/report-service';
import { explainSmtpReply } from '../../../shared/reports/smtp-reply-words';
import { sendHarness, type Harness } from '../../helpers/send-harness';

let h: Harness | undefined;
afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

describe('a connection dropped mid-run', () => {
  it('after 9 of 10: paused as connection-lost, 9 delivered to the server, 1 unknown, in plain words', async () => {
    h = await sendHarness({ members: 10, maxConnections: 1, capture: { fault: (tx) => (tx === 10 ? { at: 'drop-in-data' } : undefined) } });
    const { svc, fx, db, smtp } = h;
    h.start();
    await svc.settled(fx.campaignId);
    const st = svc.status(fx.campaignId);
    expect(st.state).toBe('paused');
    // Not smtp-connect ("could not connect: check host and port"): host and port worked nine times.
    expect(st.error?.code).toBe('smtp-connection-lost');
    expect(st.counts).toMatchObject({ sent: 9, unknown: 1, queued: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(9);

    const page = pageSendMembers(db, fx.campaignId, null, 0, 100);
    const sent = page.items.filter((m) => m.status === 'sent');
    expect(sent).toHaveLength(9);
    for (const m of sent) expect(explainSmtpReply(m.smtpResponse!).id).toBe('accepted');
    const unknown = page.items.find((m) => m.status === 'unknown')!;
    expect(unknown.position).toBe(9);
    const words = explainSmtpReply(unknown.smtpResponse!);
    expect(words.id).toBe('connection-lost');
    expect(words.ja).toContain('接続が切れました');

    // The summary of the notice tells the same story.
    const reports = createReportService({ db, clock: h.clock, audit: fx.audit });
    const s = reports.summary(fx.campaignId);
    expect(s).toMatchObject({ total: 10, reached: 10, counts: { sent: 9, unknown: 1 } });
    expect(s.timeline.map((e) => e.action)).toContain('send.paused');
    // Nothing is left to send, so the last member's result is the end of sending.
    expect(s.sendEndedAt).toBeGreaterThanOrEqual(s.sendStartedAt!);
  });

  it('a member refused for now shows when the next try is, and why in words', async () => {
    h = await sendHarness({ members: 2, maxConnections: 1, capture: { fault: (tx) => (tx === 1 ? { at: 'rcpt', code: 452, message: '4.2.2 Mailbox full' } : undefined) } });
    const { svc, fx, db } = h;
    h.start();
    await svc.settled(fx.campaignId);
    // The run retried on its own; its record of the wait is what the send screen reads.
    const at = h.clock.now() + 300_000;
    db.prepare("UPDATE sends SET status = 'retrying', next_attempt_at = ?, smtp_response = '452 4.2.2 Mailbox full' WHERE id = (SELECT MIN(id) FROM sends WHERE campaign_id = ?)").run(at, fx.campaignId);
    const [retrying] = pageSendMembers(db, fx.campaignId, 'retrying', 0, 10).items;
    expect(retrying!.nextAttemptAt).toBe(at);
    expect(explainSmtpReply(retrying!.smtpResponse!)).toMatchObject({ id: 'mailbox-full', kind: 'temporary' });
    expect(pageSendMembers(db, fx.campaignId, 'sent', 0, 10).items.every((m) => m.nextAttemptAt === null)).toBe(true);
  });
});
