// Promise 1 on the wire: N members → N SMTP transactions, each with one RCPT TO naming the To
// header's member, no Cc/Bcc, unique Message-IDs, Japanese subject intact, body = the preview.
import { afterEach, describe, expect, it } from 'vitest';
import { buildMessage } from '../../../shared/message';
import { manualClock } from '../../../electron/services/clock';
import { createSendService } from '../../../electron/services/send/send-service';
import { createTransportFactory } from '../../../electron/app/transports';
import { countByStatus, listSends } from '../../../electron/db/repos/sends-repo';
import { tempDb } from '../../helpers/tmp';
import { startSmtpCapture, type SmtpCapture } from '../../helpers/smtp-capture';
import { approvedCampaign, fastTimers } from '../../helpers/send-fixture';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function setup(n: number, sink?: SmtpCapture) {
  const t = tempDb();
  cleanups.push(t.cleanup);
  const smtp = sink ?? (await startSmtpCapture());
  if (!sink) cleanups.push(() => smtp.close());
  const clock = manualClock();
  const timers = fastTimers(clock);
  const fx = await approvedCampaign(t.db, clock, { members: n, port: smtp.port, maxConnections: 3 });
  const svc = createSendService({
    db: t.db, clock, timers, approvals: fx.approvals, audit: fx.audit,
    transportFactory: createTransportFactory({ password: async () => null }),
  });
  cleanups.push(() => svc.dispose());
  return { ...t, smtp, clock, timers, fx, svc };
}

describe('one message per member (promise 1)', () => {
  it('sends N transactions, each to exactly the member named in its To header', async () => {
    const n = 40;
    const { db, smtp, clock, timers, fx, svc } = await setup(n);
    timers.hold = true;
    svc.schedule(fx.campaignId, '佐藤 operator');
    timers.hold = false;
    clock.advance(10_000);
    expect(svc.tick()).toBe(1);
    await svc.settled(fx.campaignId);

    expect(svc.status(fx.campaignId).state).toBe('completed');
    expect(countByStatus(db, fx.campaignId).sent).toBe(n);
    expect(smtp.transactions()).toBe(n);
    expect(smtp.messages).toHaveLength(n);

    const byAddress = new Map(fx.members.map((m) => [m.email, m]));
    const seenIds = new Set<string>();
    const seenRcpt = new Set<string>();
    for (const m of smtp.messages) {
      expect(m.rcptTo).toHaveLength(1);
      const rcpt = m.rcptTo[0]!;
      const parsed = await smtp.parse(m);
      const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : [];
      expect(to).toHaveLength(1);
      expect(to[0]!.address).toBe(rcpt);
      const member = byAddress.get(rcpt)!;
      expect(to[0]!.name).toBe(member.name);
      expect(parsed.cc).toBeUndefined();
      expect(parsed.bcc).toBeUndefined();
      expect(parsed.headers.has('cc')).toBe(false);
      expect(parsed.headers.has('bcc')).toBe(false);
      const raw = m.raw.toString('latin1');
      expect(raw).not.toMatch(/^(cc|bcc|reply-to):/im);
      // The only address-bearing headers are From (the profile) and To (this member).
      expect(parsed.from?.value).toEqual([{ address: 'info@chounaikai.example.jp', name: '桜町 町内会' }]);
      expect(m.mailFrom).toBe('info@chounaikai.example.jp');
      expect(parsed.messageId).toMatch(/^<[0-9a-f-]{36}@chounaikai\.example\.jp>$/);
      expect(parsed.date).toBeInstanceOf(Date);
      expect(raw).toMatch(/^Subject: =\?UTF-8\?/m);
      expect(raw).toMatch(/charset=utf-8/i);
      const preview = buildMessage({
        sender: { address: 'info@chounaikai.example.jp', name: '桜町 町内会' },
        recipient: { email: member.email, name: member.name, fields: member.fields },
        template: { subject: fx.subject, body: fx.body },
      });
      if (!preview.ok) throw new Error('preview failed');
      expect(parsed.subject).toBe(preview.message.subject);
      expect(parsed.subject).toContain(`${member.name}様`);
      expect(parsed.text).toBe(preview.message.text);
      seenIds.add(parsed.messageId!);
      seenRcpt.add(rcpt);
    }
    expect(seenIds.size).toBe(n);
    expect(seenRcpt.size).toBe(n);

    // The sends rows carry the server's reply and the Message-ID that was actually sent.
    const rows = listSends(db, fx.campaignId, { limit: n });
    expect(rows.every((r) => r.status === 'sent' && r.smtpResponse?.startsWith('250') && r.attempts === 1)).toBe(true);
    const parsedIds = new Set(await Promise.all(smtp.messages.map(async (m) => (await smtp.parse(m)).messageId)));
    expect(rows.every((r) => parsedIds.has(r.messageId!))).toBe(true);

    // Every member's final status is on the record, plus the run's start and completion.
    const members = fx.audit.list({ campaignId: fx.campaignId, action: 'send.member' });
    expect(members).toHaveLength(n);
    expect(new Set(members.map((e) => e.details['email']))).toEqual(seenRcpt);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.started' })).toHaveLength(1);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.completed' })).toHaveLength(1);
  });

  it('renders each message from the frozen snapshot row, not the live list', async () => {
    const { db, smtp, clock, timers, fx, svc } = await setup(3);
    timers.hold = true;
    svc.schedule(fx.campaignId, 'op');
    timers.hold = false;
    // Edit the frozen row directly (bypassing every service): the approval must not survive it.
    db.prepare("UPDATE snapshots SET fields_json = json_set(fields_json, (SELECT path FROM field_layout_paths WHERE layout_id = fields_json ->> 0 AND name = '会費'), '999999') WHERE campaign_id = ?").run(fx.campaignId);
    clock.advance(10_000);
    svc.tick();
    await svc.settled(fx.campaignId);
    expect(smtp.transactions()).toBe(0);
    const st = svc.status(fx.campaignId);
    expect(st.error?.code).toBe('approval-void');
    expect(st.counts.cancelled).toBe(3);
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.blocked' })).toHaveLength(1);
  });

  it('respects the per-minute limit on the injected clock', async () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.close());
    const clock = manualClock();
    const timers = fastTimers(clock);
    const fx = await approvedCampaign(t.db, clock, { members: 12, port: smtp.port, maxConnections: 2, perMinute: 5 });
    const starts: number[] = [];
    const svc = createSendService({
      db: t.db, clock, timers, approvals: fx.approvals, audit: fx.audit,
      transportFactory: (p) => {
        const pool = createTransportFactory({ password: async () => null })(p);
        return { send: (e, m) => (starts.push(clock.now()), pool.send(e, m)), close: () => pool.close() };
      },
    });
    cleanups.push(() => svc.dispose());
    timers.hold = true;
    svc.schedule(fx.campaignId, 'op');
    timers.hold = false;
    clock.advance(10_000);
    svc.tick();
    await svc.settled(fx.campaignId);
    expect(smtp.messages).toHaveLength(12);
    expect(starts).toHaveLength(12);
    // No 60-second span holds more than 5 message starts.
    for (const s of starts) expect(starts.filter((x) => x >= s && x < s + 60_000).length).toBeLessThanOrEqual(5);
    expect(starts[starts.length - 1]! - starts[0]!).toBeGreaterThanOrEqual(120_000);
  });
});
