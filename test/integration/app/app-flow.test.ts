// The composition through the same dispatch both hosts use: every channel bound, the whole
// flow on a real SMTP server (one RCPT per message), approval refusals, and practice mode
// reaching only its own outbox.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNEL_NAMES } from '../../../shared/contract';
import { createHandlers } from '../../../electron/app/handlers';
import { createTransportFactory } from '../../../electron/app/transports';
import type { SmtpProfile } from '../../../shared/smtp-profile';
import { startSmtpCapture, type SmtpCapture } from '../../helpers/smtp-capture';
import { createTestApp } from '../../helpers/app-harness';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const setup = () => createTestApp(cleanups);

async function capture(): Promise<SmtpCapture> {
  const c = await startSmtpCapture();
  cleanups.push(() => c.close());
  return c;
}

describe('contract ↔ handlers', () => {
  it('binds every channel to exactly one handler, and nothing else', () => {
    const handlers = createHandlers({} as Parameters<typeof createHandlers>[0]);
    expect(Object.keys(handlers).sort()).toEqual([...CHANNEL_NAMES].sort());
    for (const h of Object.values(handlers)) expect(typeof h).toBe('function');
  });
});

describe('the flow through the dispatch', () => {
  it('sets up, imports, composes, test-sends, is approved by a second user and sends one message per member', async () => {
    const { core, clock, call, fail } = setup();
    const smtp = await capture();
    expect((await call('setup:status', {})).complete).toBe(false);
    await call('settings:update', { actorId: null, organisationName: 'さくらハイツ管理組合' });
    const aiko = await call('users:create', { name: '相川', pin: '4826' });
    const ben = await call('users:create', { name: '別所', pin: '7391' });
    const profile = await call('profiles:create', {
      actorId: aiko.id,
      // After set-up a mail account takes two users' PINs.
      signers: [{ userId: aiko.id, pin: '4826' }, { userId: ben.id, pin: '7391' }],
      profile: { name: 'local', host: '127.0.0.1', port: smtp.port, security: 'none', authUser: null, fromAddress: 'office@sakura.example', fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1 },
    });
    expect(profile).not.toHaveProperty('password');
    expect((await call('setup:status', {})).complete).toBe(true);

    const csv = new TextEncoder().encode('会員番号,氏名,メールアドレス\n1,青木,aoki@a.example\n2,石川,ishikawa@b.example\n3,上田,ueda@c.example\n');
    const analysis = await call('import:analyze', { fileName: 'm.csv', bytes: csv });
    expect(analysis.detected.email).toBe('メールアドレス');
    const report = await call('import:run', { actorId: aiko.id, listName: '会員', fileName: 'm.csv', bytes: csv, keyColumn: '会員番号' });
    expect(report.counts.accepted).toBe(3);
    const page = await call('members:page', { listId: report.listId, query: '石川' });
    expect(page.members.map((m) => m.email)).toEqual(['ishikawa@b.example']);

    const draft = await call('campaigns:create', { actorId: aiko.id, listId: report.listId, name: '総会', profileId: profile.id });
    const campaign = await call('campaigns:update', { actorId: aiko.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様 ({{会員番号}})', cancelWindowS: 60 });
    expect((await call('template:check', { listId: report.listId, subject: '{{氏名}}', body: '{{電話}}' })).issues[0]).toMatchObject({ code: 'template-unknown-field' });
    const second = await call('preview:render', { campaignId: campaign.id, position: 1 });
    expect(second.ok && second.message.to.address).toBe('ishikawa@b.example');
    expect(second.ok && second.message.text).toBe('石川 様 (2)');

    // The account was saved after set-up, so its From is not yet a test address: two PINs register it.
    expect((await fail('test:send', { actorId: aiko.id, campaignId: campaign.id })).code).toBe('test-address-unregistered');
    await call('test-addresses:add', { address: 'office@sakura.example', signers: [{ userId: aiko.id, pin: '4826' }, { userId: ben.id, pin: '7391' }] });
    const test = await call('test:send', { actorId: aiko.id, campaignId: campaign.id });
    expect(test.to).toBe('office@sakura.example');
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([['office@sakura.example']]);

    const summary = await call('approval:request', { actorId: aiko.id, campaignId: campaign.id, pin: '4826' });
    expect(summary.recipientCount).toBe(3);
    expect(summary.samples).toHaveLength(3);
    expect((await fail('approval:approve', { campaignId: campaign.id, approverId: aiko.id, pin: '4826' })).code).toBe('approval-same-user');
    expect((await fail('approval:approve', { campaignId: campaign.id, approverId: ben.id, pin: '0000' })).code).toBe('pin-wrong');
    const approval = await call('approval:approve', { campaignId: campaign.id, approverId: ben.id, pin: '7391' });
    expect(approval.approverName).toBe('別所');

    const scheduled = await call('send:schedule', { actorId: aiko.id, campaignId: campaign.id });
    expect(scheduled.state).toBe('scheduled');
    expect(scheduled.remainingMs).toBe(60_000);
    clock.advance(60_000);
    const send = core.context.services().send;
    expect(send.tick()).toBe(1);
    await send.settled(campaign.id);
    const done = await call('send:status', { campaignId: campaign.id });
    expect(done).toMatchObject({ state: 'completed', counts: { sent: 3 } });
    const rcpts = smtp.messages.slice(1).map((m) => m.rcptTo);
    expect(rcpts.sort()).toEqual([['aoki@a.example'], ['ishikawa@b.example'], ['ueda@c.example']]);
    const members = await call('send:members', { campaignId: campaign.id, status: 'sent' });
    expect(members.total).toBe(3);
    expect((await call('audit:recipients', { campaignId: campaign.id })).map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    const exported = await call('audit:export', { actorId: aiko.id, campaignId: campaign.id });
    expect(exported.csv).toContain('send.completed');
  });
});

describe('practice mode', () => {
  it('switches to its own database and outbox, refuses any other SMTP target, and delivers to the outbox', async () => {
    const { core, call, fail } = setup();
    await call('settings:update', { actorId: null, organisationName: 'Real org' });
    const info = await call('practice:enter', {});
    expect(info.workspace).toBe('practice');
    expect((await call('settings:get', {})).organisationName).not.toBe('Real org');
    const status = await call('practice:status', {});
    expect(status).toMatchObject({ active: true, outbox: { host: '127.0.0.1' } });
    const [practiceProfile] = await call('profiles:list', {});
    expect(practiceProfile).toMatchObject({ practice: true, host: '127.0.0.1', port: status.outbox!.port });

    const users = await call('users:list', {});
    const realServer = { name: 'x', host: 'smtp.example.com', port: 587, security: 'starttls' as const, authUser: 'u', fromAddress: 'a@example.com', fromName: '', perMinute: null, perHour: null, maxConnections: 1 };
    expect((await fail('profiles:create', { actorId: users[0]!.id, profile: realServer })).code).toBe('practice-only');
    expect((await fail('profiles:update', { actorId: users[0]!.id, id: practiceProfile!.id, profile: realServer })).code).toBe('practice-only');

    const [campaign] = await call('campaigns:list', {});
    const arrivals: string[] = [];
    core.events.subscribe((event, payload) => {
      if (event === 'outbox:received') arrivals.push((payload as { id: string }).id);
    });
    await call('test:send', { actorId: users[0]!.id, campaignId: campaign!.id });
    const outbox = await call('outbox:list', {});
    expect(outbox).toHaveLength(1);
    expect(arrivals).toEqual([outbox[0]!.id]);
    const message = await call('outbox:get', { id: outbox[0]!.id });
    expect(message.envelope.to).toHaveLength(1);

    expect((await fail('practice:delete', {})).code).toBe('conflict');
    expect((await call('practice:leave', {})).workspace).toBe('real');
    expect((await call('settings:get', {})).organisationName).toBe('Real org');
    expect((await call('practice:delete', {})).hasData).toBe(false);
  });

  it('the practice transport factory refuses every target but the outbox before opening anything', () => {
    let opened = 0;
    const factory = createTransportFactory({
      password: async () => null,
      practiceOutbox: { host: '127.0.0.1', port: 2525 },
      create: () => {
        opened++;
        return { send: async () => ({ messageId: '', response: '' }), close: () => undefined };
      },
    });
    const base = { id: 1, host: '127.0.0.1', port: 2525 } as SmtpProfile;
    for (const target of [{ host: 'smtp.gmail.com', port: 587 }, { host: '127.0.0.1', port: 25 }, { host: 'localhost', port: 2525 }, { host: '::1', port: 2525 }]) {
      expect(() => factory({ ...base, ...target })).toThrow(expect.objectContaining({ code: 'practice-only' }));
    }
    expect(opened).toBe(0);
    expect(() => factory(base)).not.toThrow();
  });
});
