// Attachments on the wire: every member's message (and the test send) carries exactly the approved
// files, byte for byte, with their Japanese names; a file changed after approval sends nothing.
import { createHash, randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ParsedMail } from 'mailparser';
import { simpleParser } from 'mailparser';
import type { ArgsOf, ChannelName, ResultOf } from '../../../shared/contract';
import { createAppCore } from '../../../electron/app/app-core';
import { countByStatus } from '../../../electron/db/repos/sends-repo';
import { manualClock } from '../../../electron/services/clock';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { createSendService } from '../../../electron/services/send/send-service';
import type { SendApprovals } from '../../../electron/services/send/send-types';
import { contentTypeFor } from '../../../electron/smtp/mail-attachments';
import { buildMime, newMessageId } from '../../../electron/smtp/mail-transport';
import { createTransportFactory } from '../../../electron/app/transports';
import { approvedCampaign, fastTimers } from '../../helpers/send-fixture';
import { startSmtpCapture, type SmtpCapture } from '../../helpers/smtp-capture';
import { tempDb, tempDir } from '../../helpers/tmp';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A PDF-looking file, a text file whose CR/LF mix must survive untouched, and opaque bytes. */
function files() {
  return [
    { fileName: '総会資料.pdf', content: Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(150_000)]) },
    { fileName: '会費 一覧（2024年度）.txt', content: Buffer.from('行1\r\n行2\n行3\r末尾 no newline', 'utf8') },
    { fileName: 'data.weird-ext', content: randomBytes(1_000) },
  ];
}

type Sent = ReturnType<typeof files>;

async function setup(n: number, attachments: Sent, approvals?: (real: SendApprovals) => SendApprovals) {
  const t = tempDb();
  cleanups.push(t.cleanup);
  const smtp = await startSmtpCapture();
  cleanups.push(() => smtp.close());
  const clock = manualClock();
  const timers = fastTimers(clock);
  const fx = await approvedCampaign(t.db, clock, { members: n, port: smtp.port, maxConnections: 3, attachments });
  const svc = createSendService({
    db: t.db, clock, timers, audit: fx.audit,
    approvals: approvals ? approvals(fx.approvals) : fx.approvals,
    transportFactory: createTransportFactory({ password: async () => null }),
  });
  cleanups.push(() => svc.dispose());
  const schedule = () => {
    timers.hold = true;
    svc.schedule(fx.campaignId, 'op');
    timers.hold = false;
  };
  const start = () => {
    clock.advance(svc.remaining(fx.campaignId));
    return svc.tick();
  };
  return { ...t, smtp, fx, svc, schedule, start };
}

/** The parsed message carries exactly `sent`, in order, byte for byte, with names and types. */
function expectAttachments(parsed: ParsedMail, sent: Sent): void {
  expect(parsed.attachments.map((a) => a.filename)).toEqual(sent.map((f) => f.fileName));
  parsed.attachments.forEach((a, i) => {
    const f = sent[i]!;
    expect(sha(a.content)).toBe(sha(f.content));
    expect(a.size).toBe(f.content.byteLength);
    expect(a.contentType).toBe(contentTypeFor(f.fileName));
    expect(a.contentDisposition).toBe('attachment');
  });
}

describe('campaign attachments on the wire', () => {
  it('gives every member exactly the approved files, one RCPT each, no Cc/Bcc', async () => {
    const sent = files();
    const n = 12;
    const { smtp, fx, svc, schedule, start } = await setup(n, sent);
    schedule();
    expect(start()).toBe(1);
    await svc.settled(fx.campaignId);
    expect(svc.status(fx.campaignId).state).toBe('completed');
    expect(smtp.messages).toHaveLength(n);
    const rcpts = new Set<string>();
    for (const m of smtp.messages) {
      expect(m.rcptTo).toHaveLength(1);
      rcpts.add(m.rcptTo[0]!);
      const parsed = await smtp.parse(m);
      expect(parsed.cc).toBeUndefined();
      expect(parsed.bcc).toBeUndefined();
      expect(m.raw.toString('latin1')).not.toMatch(/^(cc|bcc|reply-to):/im);
      const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : [];
      expect(to.map((a) => a.address)).toEqual([m.rcptTo[0]]);
      // The body is still the member's own text, next to the files.
      expect(parsed.text).toContain(fx.members.find((x) => x.email === m.rcptTo[0])!.name);
      expectAttachments(parsed, sent);
      // Non-ASCII names go out encoded as nodemailer does: RFC 2231 filename*, RFC 2047 name.
      const raw = m.raw.toString('latin1');
      expect(raw).toContain("filename*0*=utf-8''%E7%B7%8F%E4%BC%9A%E8%B3%87%E6%96%99.pdf");
      expect(raw).toMatch(/Content-Type: application\/pdf; name="=\?UTF-8\?B\?/);
      expect(raw).toMatch(/Content-Type: application\/octet-stream; name=data\.weird-ext/);
    }
    expect(rcpts).toEqual(new Set(fx.members.map((m) => m.email)));
  });

  it('loads the files once per run, not once per member', async () => {
    let loads = 0;
    const { smtp, fx, svc, schedule, start } = await setup(9, files(), (real) => ({
      assertApproved: (id, opts) => real.assertApproved(id, opts),
      currentApproval: (id, opts) => real.currentApproval(id, opts),
      attachmentsForSend: (id) => (loads++, real.attachmentsForSend(id)),
    }));
    schedule();
    start();
    await svc.settled(fx.campaignId);
    expect(smtp.messages).toHaveLength(9);
    expect(loads).toBe(1);
  });

  it('sends nothing when one byte of a file changed after approval', async () => {
    const sent = files();
    const { db, smtp, fx, svc, schedule, start } = await setup(5, sent);
    schedule();
    // Inside the cancel window, bypassing every service: flip one byte of the stored PDF.
    const row = db.prepare('SELECT id, content FROM attachments WHERE campaign_id = ? ORDER BY id LIMIT 1').get(fx.campaignId) as { id: number; content: Buffer };
    const changed = Buffer.from(row.content);
    changed[changed.length - 1] = changed[changed.length - 1]! ^ 0x01;
    db.prepare('UPDATE attachments SET content = ? WHERE id = ?').run(changed, row.id);
    expect(start()).toBe(0);
    await svc.settled(fx.campaignId);
    expect(smtp.transactions()).toBe(0);
    const st = svc.status(fx.campaignId);
    expect(st.error?.code).toBe('approval-void');
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ cancelled: 5, sent: 0, in_flight: 0 });
    expect(fx.audit.list({ campaignId: fx.campaignId, action: 'send.blocked' })).toHaveLength(1);
    // The approval itself is void: scheduling again is refused until someone approves again.
    expect(fx.approvals.currentApproval(fx.campaignId)).toBeNull();
    expect(() => svc.schedule(fx.campaignId, 'op')).toThrowError(expect.objectContaining({ code: 'approval-void' }));
    expect(smtp.transactions()).toBe(0);
  });

  it('re-verifies the loaded bytes itself: a file that differs from the approved set stops the run', async () => {
    // The approval check passes, but the bytes handed to the sender differ (changed in between).
    const { smtp, fx, svc, schedule, start } = await setup(4, files(), (real) => ({
      assertApproved: (id, opts) => real.assertApproved(id, opts),
      currentApproval: (id, opts) => real.currentApproval(id, opts),
      attachmentsForSend: (id) =>
        real.attachmentsForSend(id).map((f, i) => (i === 1 ? { ...f, content: Buffer.concat([f.content, Buffer.from(' ')]) } : f)),
    }));
    schedule();
    expect(start()).toBe(0);
    await svc.settled(fx.campaignId);
    expect(smtp.transactions()).toBe(0);
    expect(svc.status(fx.campaignId).error?.code).toBe('approval-void');
    expect(svc.status(fx.campaignId).counts.cancelled).toBe(4);
  });

  it('a renamed or missing file is not the approved set either', async () => {
    for (const tamper of [
      (fs: readonly { fileName: string; sha256: string; content: Buffer }[]) => fs.slice(1),
      (fs: readonly { fileName: string; sha256: string; content: Buffer }[]) => fs.map((f, i) => (i === 0 ? { ...f, fileName: '別名.pdf' } : f)),
    ]) {
      const { smtp, fx, svc, schedule, start } = await setup(2, files(), (real) => ({
        assertApproved: (id, opts) => real.assertApproved(id, opts),
      currentApproval: (id, opts) => real.currentApproval(id, opts),
        attachmentsForSend: (id) => tamper(real.attachmentsForSend(id)),
      }));
      schedule();
      expect(start()).toBe(0);
      await svc.settled(fx.campaignId);
      expect(smtp.transactions()).toBe(0);
      expect(svc.status(fx.campaignId).error?.code).toBe('approval-void');
    }
  });

  it('never reads a file or URL named by an attachment: only the given bytes are sent', async () => {
    const sent = [
      { fileName: '/etc/hostname', content: Buffer.from('given bytes') },
      { fileName: 'https://example.com/x.pdf', content: Buffer.from('other bytes') },
    ];
    const raw = await buildMime(
      { from: 'a@example.jp', to: 'b@example.jp' },
      { from: { address: 'a@example.jp', name: '' }, to: { address: 'b@example.jp', name: '' }, subject: 's', text: 't', messageId: newMessageId('a@example.jp'), date: new Date(0), attachments: sent },
    );
    const parsed = await simpleParser(raw);
    expect(parsed.attachments.map((a) => a.content.toString())).toEqual(['given bytes', 'other bytes']);
  });

  it('picks the content type from the extension, with application/octet-stream otherwise', () => {
    expect(contentTypeFor('総会資料.PDF')).toBe('application/pdf');
    expect(contentTypeFor('名簿.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(contentTypeFor('写真.jpeg')).toBe('image/jpeg');
    for (const name of ['前回のお知らせ.eml', 'page.html', 'setup.exe', 'README', 'archive.']) {
      expect(contentTypeFor(name)).toBe('application/octet-stream');
    }
  });
});

describe('test send with attachments', () => {
  it('carries the same files as the real messages (it is the exact preview)', async () => {
    const smtp: SmtpCapture = await startSmtpCapture();
    cleanups.push(() => smtp.close());
    const t = tempDir();
    const core = createAppCore({
      dataDir: t.dir, secretStore: createMemorySecretStore(), clock: manualClock(), host: 'browser',
      version: 'test', locale: 'ja-JP', sampleDir: resolve('resources/sample'), log: () => undefined,
    });
    cleanups.push(t.cleanup, () => core.close());
    async function call<K extends ChannelName>(channel: K, args: ArgsOf<K>): Promise<ResultOf<K>> {
      const r = await core.dispatch(channel, args);
      if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
      return r.value as ResultOf<K>;
    }
    await call('settings:update', { actorId: null, organisationName: '桜町町内会' });
    const user = await call('users:create', { name: '相川', pin: '4826' });
    const profile = await call('profiles:create', {
      actorId: user.id,
      profile: { name: 'local', host: '127.0.0.1', port: smtp.port, security: 'none', authUser: null, fromAddress: 'office@sakura.example', fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1 },
    });
    const csv = new TextEncoder().encode('氏名,メールアドレス\n青木,aoki@a.example\n');
    const report = await call('import:run', { actorId: user.id, listName: '会員', fileName: 'm.csv', bytes: csv, keyColumn: null });
    const draft = await call('campaigns:create', { actorId: user.id, listId: report.listId, name: '総会', profileId: profile.id });
    await call('campaigns:update', { actorId: user.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様' });
    const sent = files();
    for (const f of sent) await call('attachments:add', { actorId: user.id, campaignId: draft.id, fileName: f.fileName, bytes: f.content });

    // One user: still setting up, so one more test address is registered without PINs.
    await call('test-addresses:add', { address: 'me@sakura.example' });
    const test = await call('test:send', { actorId: user.id, campaignId: draft.id, to: 'me@sakura.example' });
    expect(test.to).toBe('me@sakura.example');
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]!.rcptTo).toEqual(['me@sakura.example']);
    const parsed = await smtp.parse(smtp.messages[0]!);
    expect(parsed.subject).toBe('[TEST] 青木 様');
    expect(parsed.cc).toBeUndefined();
    expectAttachments(parsed, sent);
  });
});
