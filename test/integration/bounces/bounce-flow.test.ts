// The whole after-send path against real servers: a send through the loopback SMTP server, the
// Sent copy in a real Dovecot's Sent folder, bounces in the shapes real servers write delivered
// into its INBOX, then "check for bounces" through the app's dispatch: the right members become
// 不達 (bounced), the others are untouched, unmatched reports are counted and ignored, a second
// check adds nothing, and the read-only default leaves every message's flags as they were.
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../helpers/app-harness';
import { bounceFixture } from '../../helpers/bounce-fixtures';
import { dovecotAvailable, startDovecot, type DovecotServer } from '../../helpers/dovecot';
import { startSmtpCapture } from '../../helpers/smtp-capture';
import { SCAN_EVERY_MS } from '../../../electron/services/bounces/bounce-service';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const PINS = { a: '4826', b: '7391' };

async function imap(d: DovecotServer): Promise<ImapFlow> {
  const c = new ImapFlow({ host: d.host, port: d.port, secure: false, auth: { user: d.user, pass: d.password }, logger: false });
  await c.connect();
  cleanups.push(() => c.logout().catch(() => undefined));
  return c;
}

/** A completed send of six members through the app, with the mail account's IMAP side on Dovecot. */
async function sentNotice(app: TestApp, d: DovecotServer, account: { readOnly: boolean; bounceFolder: string | null; sentCopy: 'summary' | 'every' | 'off' }) {
  const { call, core, clock } = app;
  const smtp = await startSmtpCapture();
  cleanups.push(() => smtp.close());
  const a = await call('users:create', { name: '相川', pin: PINS.a });
  const b = await call('users:create', { name: '別所', pin: PINS.b });
  const signers = [{ userId: a.id, pin: PINS.a }, { userId: b.id, pin: PINS.b }];
  const profile = await call('profiles:create', {
    actorId: a.id,
    signers,
    profile: { name: 'local', host: '127.0.0.1', port: smtp.port, security: 'none', authUser: null, fromAddress: 'office@example.test', fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1 },
  });
  expect((await app.fail('imap:save', { actorId: a.id, profileId: profile.id, account: { host: d.host, port: d.port, security: 'none', authUser: d.user, password: d.password, readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'summary', scanDays: 7 } })).code).toBe('two-people-required');
  const saved = await call('imap:save', {
    actorId: a.id, profileId: profile.id, signers,
    account: { host: d.host, port: d.port, security: 'none', authUser: d.user, password: d.password, sentFolder: 'Sent', scanDays: 7, ...account },
  });
  expect(saved).toMatchObject({ hasPassword: true, readOnly: account.readOnly });
  expect(saved).not.toHaveProperty('password');
  const rows = ['1,青木,aoki@a.example', '2,石川,ishikawa@docomo.ne.jp', '3,上田,ueda@c.example', '4,江藤,eto@d.example', '5,小野,ono@e.example', '6,加藤,kato@f.example'];
  const csv = new TextEncoder().encode(`会員番号,氏名,メールアドレス\n${rows.join('\n')}\n`);
  const report = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: csv, keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: report.listId, name: '総会', profileId: profile.id });
  await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '総会のお知らせ', bodyTemplate: '{{氏名}} 様 ({{会員番号}})', cancelWindowS: 60 });
  await call('approval:request', { actorId: a.id, campaignId: draft.id, pin: PINS.a });
  await call('approval:approve', { campaignId: draft.id, approverId: b.id, pin: PINS.b });
  await call('send:schedule', { actorId: a.id, campaignId: draft.id });
  clock.advance(60_000);
  const services = core.context.services();
  expect(services.send.tick()).toBe(1);
  await services.send.settled(draft.id);
  await services.afterRunsSettled();
  const members = (await call('send:members', { campaignId: draft.id })).items;
  expect(members.map((m) => m.status)).toEqual(Array(6).fill('sent'));
  const idOf = (email: string) => members.find((m) => m.email === email)!.messageId!;
  return { campaignId: draft.id, actorId: a.id, idOf, smtp };
}

describe.skipIf(!dovecotAvailable())('bounces read back from a real Dovecot mailbox', () => {
  it('marks exactly the hard-bounced members 不達, counts soft and unmatched, reads nothing twice, changes no flag', async () => {
    const d = await startDovecot();
    cleanups.push(() => d.stop());
    const app = createTestApp(cleanups);
    const { campaignId, actorId, idOf } = await sentNotice(app, d, { readOnly: true, bounceFolder: null, sentCopy: 'summary' });
    const box = await imap(d);

    // The Sent copy: one representative message with the recipient list attached.
    const sent = await box.mailboxOpen('Sent', { readOnly: true });
    expect(sent.exists).toBe(1);
    const copy = await box.fetchOne('1', { source: true });
    const parsed = await simpleParser(copy && copy.source ? copy.source : Buffer.alloc(0));
    expect(parsed.subject).toBe('総会のお知らせ [6]');
    const list = parsed.attachments.find((x) => x.filename === 'recipients.csv')!;
    const csvText = list.content.toString('utf8');
    expect(csvText.charCodeAt(0)).toBe(0xfeff);
    for (const e of ['aoki@a.example', 'ishikawa@docomo.ne.jp', 'ueda@c.example', 'eto@d.example', 'ono@e.example', 'kato@f.example']) expect(csvText).toContain(e);

    // Bounces as the servers write them, plus what must not match.
    const deliveries: Buffer[] = [
      bounceFixture('postfix-dsn', { messageId: idOf('aoki@a.example'), rcpt: 'aoki@a.example' }),
      bounceFixture('docomo', { messageId: idOf('ishikawa@docomo.ne.jp'), rcpt: 'ishikawa@docomo.ne.jp' }),
      bounceFixture('qmail', { messageId: idOf('ueda@c.example'), rcpt: 'ueda@c.example' }),
      bounceFixture('postfix-delayed', { messageId: idOf('eto@d.example'), rcpt: 'eto@d.example' }),
      // A member's own reply quoting the notice is not a bounce.
      bounceFixture('human-reply', { messageId: idOf('ono@e.example'), rcpt: 'ono@e.example' }),
      // About a message Tayori never sent: unmatched.
      bounceFixture('gmail', { messageId: '<not-ours@elsewhere.example>', rcpt: 'stranger@elsewhere.example' }),
      // Kato's Message-ID but another address: not matched by guessing.
      bounceFixture('exchange-ndr', { messageId: idOf('kato@f.example'), rcpt: 'someone-else@f.example' }),
    ];
    for (const raw of deliveries) await box.append('INBOX', raw);
    await box.mailboxOpen('INBOX', { readOnly: true });
    const flagsBefore = new Map<number, string[]>();
    for await (const m of box.fetch('1:*', { uid: true, flags: true })) flagsBefore.set(m.uid, [...(m.flags ?? [])].sort());
    await box.mailboxClose();

    const scan = await app.call('bounces:check', { actorId, campaignId });
    expect(scan).toEqual({ read: 7, reports: 6, recorded: 4, hard: 3, soft: 1, unmatched: 2, moved: 0 });
    const statuses = Object.fromEntries((await app.call('send:members', { campaignId })).items.map((m) => [m.email, m.status]));
    expect(statuses).toEqual({
      'aoki@a.example': 'bounced', 'ishikawa@docomo.ne.jp': 'bounced', 'ueda@c.example': 'bounced',
      'eto@d.example': 'sent', 'ono@e.example': 'sent', 'kato@f.example': 'sent',
    });
    const summary = await app.call('bounces:summary', { campaignId });
    expect(summary).toMatchObject({ sent: 6, hard: 3, soft: 1 });
    expect(summary.members.map((m) => [m.email, m.kind, m.statusCode])).toEqual([
      ['aoki@a.example', 'hard', '5.1.1'], ['ishikawa@docomo.ne.jp', 'hard', '550'], ['ueda@c.example', 'hard', '5.1.1'], ['eto@d.example', 'soft', '4.2.2'],
    ]);

    // A second check reads nothing new and records nothing.
    expect(await app.call('bounces:check', { actorId, campaignId })).toEqual({ read: 0, reports: 0, recorded: 0, hard: 0, soft: 0, unmatched: 0, moved: 0 });
    // Read-only: every message is still there with exactly the flags it had.
    const inbox = await box.mailboxOpen('INBOX', { readOnly: true });
    expect(inbox.exists).toBe(7);
    for await (const m of box.fetch('1:*', { uid: true, flags: true })) expect([...(m.flags ?? [])].sort()).toEqual(flagsBefore.get(m.uid));
    await box.mailboxClose();

    // One action puts the hard-bounced members on the suppression list, audited.
    const hard = summary.members.filter((m) => m.kind === 'hard').map((m) => m.sendId);
    expect((await app.fail('bounces:suppress', { actorId, campaignId, sendIds: [summary.members.find((m) => m.kind === 'soft')!.sendId] })).code).toBe('validation');
    expect(await app.call('bounces:suppress', { actorId, campaignId, sendIds: hard })).toEqual({ suppressed: 3 });
    const suppressed = await app.call('suppressions:list', {});
    expect(suppressed.map((s) => [s.address, s.reason]).sort()).toEqual([['aoki@a.example', 'bounced'], ['ishikawa@docomo.ne.jp', 'bounced'], ['ueda@c.example', 'bounced']]);
    const audit = await app.call('audit:list', { limit: 1000 });
    expect(audit.map((e) => e.action)).toEqual(expect.arrayContaining(['bounces.scanned', 'bounces.suppressed', 'imap.sent-copy']));
  });

  it('moves matched bounces (only those) into the chosen folder when moving is on; "every" puts each message in Sent', async () => {
    const d = await startDovecot();
    cleanups.push(() => d.stop());
    const app = createTestApp(cleanups);
    const { campaignId, actorId, idOf } = await sentNotice(app, d, { readOnly: false, bounceFolder: 'Bounces', sentCopy: 'every' });
    const box = await imap(d);
    const sent = await box.mailboxOpen('Sent', { readOnly: true });
    expect(sent.exists).toBe(6);
    await box.mailboxClose();
    await box.append('INBOX', bounceFixture('au', { messageId: idOf('kato@f.example'), rcpt: 'kato@f.example' }));
    await box.append('INBOX', bounceFixture('gmail', { messageId: '<not-ours@elsewhere.example>', rcpt: 'stranger@elsewhere.example' }));
    const scan = await app.call('bounces:check', { actorId, campaignId });
    expect(scan).toMatchObject({ recorded: 1, hard: 1, unmatched: 1, moved: 1 });
    expect(await box.status('INBOX', { messages: true })).toMatchObject({ messages: 1 });
    expect(await box.status('Bounces', { messages: true })).toMatchObject({ messages: 1 });
  });

  it('reads the mailbox again by itself every half hour for the days set, auditing a failing server once', async () => {
    const d = await startDovecot();
    cleanups.push(() => d.stop());
    const app = createTestApp(cleanups);
    const { campaignId, idOf } = await sentNotice(app, d, { readOnly: true, bounceFolder: null, sentCopy: 'off' });
    const bounces = app.core.context.services().bounces;
    const box = await imap(d);
    // A bounce that comes an hour after the send, when nobody presses "check".
    await box.append('INBOX', bounceFixture('postfix-dsn', { messageId: idOf('aoki@a.example'), rcpt: 'aoki@a.example' }));
    // The run's own read was just now: not due yet.
    expect(await bounces.scanDue()).toBe(0);
    app.clock.advance(SCAN_EVERY_MS);
    expect(await bounces.scanDue()).toBe(1);
    const status = async () => Object.fromEntries((await app.call('send:members', { campaignId })).items.map((m) => [m.email, m.status]));
    expect((await status())['aoki@a.example']).toBe('bounced');
    // Read again half an hour later: nothing new, and no line in the log for that.
    const scannedLines = async () => (await app.call('audit:list', { limit: 1000 })).filter((e) => e.action === 'bounces.scanned').length;
    const lines = await scannedLines();
    app.clock.advance(SCAN_EVERY_MS);
    expect(await bounces.scanDue()).toBe(1);
    expect(await scannedLines()).toBe(lines);
    // After the days of checking (7), the mailbox is not read for this send any more.
    const withinDays = app.clock.now();
    app.clock.advance(8 * 86_400_000);
    await box.append('INBOX', bounceFixture('qmail', { messageId: idOf('ueda@c.example'), rcpt: 'ueda@c.example' }));
    expect(await bounces.scanDue()).toBe(0);
    expect((await status())['ueda@c.example']).toBe('sent');
    app.clock.set(withinDays);
    // The server goes away: the failure is in the log once, however often it is tried.
    await box.logout().catch(() => undefined);
    await d.stop();
    for (let i = 0; i < 3; i++) {
      app.clock.advance(SCAN_EVERY_MS);
      expect(await bounces.scanDue()).toBe(0);
    }
    const failed = (await app.call('audit:list', { limit: 1000 })).filter((e) => e.action === 'bounces.scan-failed');
    expect(failed).toHaveLength(1);
  });
});
