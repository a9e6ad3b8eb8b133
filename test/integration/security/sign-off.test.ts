// Issue 9's sign-off holes, tried as an attacker who knows only their own PIN would, through the
// same dispatch the UI uses: no made-up approver, an authenticated requester, test sends only to
// registered addresses, approvals that expire and are void the moment they are shown.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';
import { startSmtpCapture, type SmtpCapture } from '../../helpers/smtp-capture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const A_PIN = OFFICE_USERS.a.pin;
const B_PIN = OFFICE_USERS.b.pin;

/** Set up as the setup screen does (organisation, account, two users), one list, one notice. */
async function organisation() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const smtp: SmtpCapture = await startSmtpCapture();
  cleanups.push(() => smtp.close());
  const { profile, a, b } = await setUpOffice(app, { port: smtp.port }, 'さくらハイツ管理組合');
  const csv = new TextEncoder().encode('会員番号,氏名,メールアドレス\n1,青木,aoki@a.example\n2,石川,ishikawa@b.example\n');
  const list = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: csv, keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: list.listId, name: '総会', profileId: profile.id });
  const campaign = await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様 ({{会員番号}})', cancelWindowS: 60 });
  return { ...app, smtp, a, b, profile, campaign, listId: list.listId };
}

describe('users: no one makes up an approver', () => {
  it('gives the user who completes set-up the recovery code, once', async () => {
    const { a, b } = await organisation();
    expect(a.recoveryCode).toBeNull();
    expect(b.recoveryCode).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
  });

  it('refuses to add a user without two PINs once two users exist, and records both signers', async () => {
    const { call, fail, core, a, b, campaign } = await organisation();
    // The reproduced attack: A adds M with a PIN A chose, then approves A's own request as M.
    expect((await fail('users:create', { name: '幽霊', pin: '1111' })).code).toBe('two-people-required');
    expect((await fail('users:create', { name: '幽霊', pin: '1111', signers: [{ userId: a.id, pin: A_PIN }, { userId: a.id, pin: A_PIN }] })).code).toBe('two-people-required');
    expect((await fail('users:create', { name: '幽霊', pin: '1111', signers: [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: '0000' }] })).code).toBe('pin-wrong');
    expect((await call('users:list', {})).map((u) => u.name)).toEqual(['相川', '別所']);
    // The old payload (actorId, no signers) is refused by the contract: actorId is not one of its keys.
    expect((await fail('users:create', { actorId: a.id, name: '幽霊', pin: '1111' })).code).toBe('validation');
    await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A_PIN });

    const c = await call('users:create', { name: '千葉', pin: '5555', signers: [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: B_PIN }] });
    expect(c.recoveryCode).toBeNull();
    const row = core.context.services().audit.list({ action: 'user.created' }).at(-1)!;
    expect(row.actor).toBe('相川 + 別所');
    expect(row.details).toMatchObject({ userId: c.id, signedBy: [{ userId: a.id, name: '相川' }, { userId: b.id, name: '別所' }] });
  });

  it('renames, resets a PIN and removes only with two PINs, never below two users', async () => {
    const { call, fail, a, b } = await organisation();
    const both = [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: B_PIN }];
    expect((await fail('users:rename', { userId: b.id, name: '偽名', signers: [{ userId: a.id, pin: A_PIN }] })).code).toBe('validation');
    expect((await fail('users:set-pin', { userId: b.id, pin: '9999', signers: [{ userId: a.id, pin: A_PIN }, { userId: a.id, pin: A_PIN }] })).code).toBe('two-people-required');
    expect((await fail('users:remove', { userId: b.id, signers: both })).code).toBe('two-people-required');
    expect((await call('users:rename', { userId: b.id, name: '別所 恵', signers: both })).name).toBe('別所 恵');
    await call('users:set-pin', { userId: b.id, pin: '2468', signers: both });
    // B's old PIN stopped working.
    expect((await fail('users:rename', { userId: b.id, name: 'x', signers: both })).code).toBe('pin-wrong');
    const c = await call('users:create', { name: '千葉', pin: '5555', signers: [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: '2468' }] });
    await call('users:remove', { userId: c.id, signers: [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: '2468' }] });
    expect((await call('users:list', {})).map((u) => u.id)).toEqual([a.id, b.id]);
    // A removed user's PIN no longer works anywhere.
    expect((await fail('users:set-pin', { userId: a.id, pin: '1212', signers: [{ userId: c.id, pin: '5555' }, { userId: b.id, pin: '2468' }] })).code).toBe('not-found');
  });

  it('recovers a forgotten PIN with the recovery code and another user, and issues a new code', async () => {
    const { call, fail, a, b } = await organisation();
    const code = b.recoveryCode!;
    expect((await fail('users:recover', { userId: a.id, pin: '1212', recoveryCode: code, helper: { userId: a.id, pin: A_PIN } })).code).toBe('two-people-required');
    expect((await fail('users:recover', { userId: a.id, pin: '1212', recoveryCode: 'AAAAA-AAAAA-AAAAA-AAAAA', helper: { userId: b.id, pin: B_PIN } })).code).toBe('recovery-code-wrong');
    const next = await call('users:recover', { userId: a.id, pin: '1212', recoveryCode: code.toLowerCase().replace(/-/g, ' '), helper: { userId: b.id, pin: B_PIN } });
    expect(next.recoveryCode).not.toBe(code);
    // One-time: the old code no longer works; the new PIN does.
    expect((await fail('users:recover', { userId: a.id, pin: '3434', recoveryCode: code, helper: { userId: b.id, pin: B_PIN } })).code).toBe('recovery-code-wrong');
    await call('users:rename', { userId: a.id, name: '相川 愛', signers: [{ userId: a.id, pin: '1212' }, { userId: b.id, pin: B_PIN }] });
  });
});

describe('the requester is authenticated', () => {
  it('needs the requester’s own PIN, and the approval names both people', async () => {
    const { call, fail, core, a, b, campaign } = await organisation();
    expect((await fail('approval:request', { actorId: a.id, campaignId: campaign.id })).code).toBe('validation');
    expect((await fail('approval:request', { actorId: a.id, campaignId: campaign.id, pin: B_PIN })).code).toBe('pin-wrong');
    expect((await call('campaigns:get', { id: campaign.id })).status).toBe('draft');
    await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A_PIN });
    const approval = await call('approval:approve', { campaignId: campaign.id, approverId: b.id, pin: B_PIN });
    expect(approval).toMatchObject({ requesterName: '相川', approverName: '別所' });
    // The approver sees where the mail is handed over, not only the From.
    expect((await call('approval:summary', { campaignId: campaign.id })).server).toMatchObject({ host: '127.0.0.1' });
    const requested = core.context.services().audit.list({ action: 'approval.requested' }).at(-1)!;
    expect(requested).toMatchObject({ actor: '相川', details: { requesterId: a.id, authenticated: 'pin' } });
  });
});

describe('test sends go only to registered addresses', () => {
  it('refuses any other address, with nothing sent and nothing recorded', async () => {
    const { call, fail, core, smtp, a, campaign } = await organisation();
    const err = await fail('test:send', { actorId: a.id, campaignId: campaign.id, to: 'thief@evil.example' });
    expect(err.code).toBe('test-address-unregistered');
    expect(smtp.messages).toHaveLength(0);
    expect(core.context.services().audit.list({ action: 'test.sent' })).toHaveLength(0);
    // The account's From, saved while setting up, is registered; case of the domain does not matter.
    expect((await call('test:send', { actorId: a.id, campaignId: campaign.id, to: 'office@SAKURA.example' })).to).toBe('office@sakura.example');
    expect(smtp.messages.map((m) => m.rcptTo)).toEqual([['office@sakura.example']]);
  });

  it('registers another address only with two PINs, audited; removal narrows at once', async () => {
    const { call, fail, core, smtp, a, b, campaign } = await organisation();
    expect((await fail('test-addresses:add', { address: 'chair@sakura.example' })).code).toBe('two-people-required');
    expect((await fail('test-addresses:add', { address: 'chair@sakura.example', signers: [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: '0000' }] })).code).toBe('pin-wrong');
    const list = await call('test-addresses:add', { address: 'chair@sakura.example', signers: [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: B_PIN }] });
    expect(list.map((t) => t.address)).toEqual(['chair@sakura.example', 'office@sakura.example']);
    expect(core.context.services().audit.list({ action: 'test-address.added' }).at(-1)).toMatchObject({ actor: '相川 + 別所', details: { address: 'chair@sakura.example' } });
    await call('test:send', { actorId: a.id, campaignId: campaign.id, to: 'chair@sakura.example' });
    await call('test-addresses:remove', { actorId: a.id, address: 'chair@sakura.example' });
    expect((await fail('test:send', { actorId: a.id, campaignId: campaign.id, to: 'chair@sakura.example' })).code).toBe('test-address-unregistered');
    expect(smtp.messages).toHaveLength(1);
  });

  it('does not follow the account when its From is changed after set-up', async () => {
    const { call, fail, a, b, profile, campaign } = await organisation();
    const both = [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: B_PIN }];
    await call('profiles:update', { actorId: a.id, id: profile.id, profile: { ...profile, fromAddress: 'me@evil.example' }, signers: both });
    expect((await fail('test:send', { actorId: a.id, campaignId: campaign.id })).code).toBe('test-address-unregistered');
  });

  it('refuses one person redirecting the mail account to another server (members’ tests and the password went there)', async () => {
    const { call, fail, smtp, a, profile, campaign } = await organisation();
    const evil = { ...profile, host: '127.0.0.1', port: smtp.port + 1 };
    for (const signers of [undefined, [{ userId: a.id, pin: A_PIN }, { userId: a.id, pin: A_PIN }]]) {
      expect((await fail('profiles:update', { actorId: a.id, id: profile.id, profile: evil, ...(signers ? { signers } : {}) })).code).toBe('two-people-required');
    }
    expect((await fail('profiles:create', { actorId: a.id, profile: { ...evil, name: 'mine' } })).code).toBe('two-people-required');
    expect((await fail('profiles:delete', { actorId: a.id, id: profile.id })).code).toBe('two-people-required');
    expect((await call('profiles:list', {})).map((p) => p.port)).toEqual([smtp.port]);
    await call('test:send', { actorId: a.id, campaignId: campaign.id });
    expect(smtp.messages).toHaveLength(1);
  });
});

describe('approvals expire, and are void the moment they are shown', () => {
  async function approved() {
    const org = await organisation();
    await org.call('approval:request', { actorId: org.a.id, campaignId: org.campaign.id, pin: A_PIN });
    await org.call('approval:approve', { campaignId: org.campaign.id, approverId: org.b.id, pin: B_PIN });
    return org;
  }

  it('stops starting a send after 24 hours by default (the setting changes it)', async () => {
    const { call, fail, clock, a, campaign } = await approved();
    const shown = await call('campaigns:get', { id: campaign.id });
    expect(shown.approval!.expiresAt).toBe(shown.approval!.approvedAt + 24 * 3_600_000);
    clock.advance(24 * 3_600_000);
    expect((await call('campaigns:get', { id: campaign.id })).status).toBe('draft');
    expect((await fail('send:schedule', { actorId: a.id, campaignId: campaign.id })).code).toBe('approval-expired');
  });

  it('one person cannot lengthen the validity (it would revive an expired approval); two can', async () => {
    const { call, fail, clock, a, b, campaign } = await approved();
    await call('settings:update', { actorId: a.id, approvalValidHours: 1 });
    clock.advance(2 * 3_600_000);
    expect((await fail('settings:update', { actorId: a.id, approvalValidHours: 720 })).code).toBe('two-people-required');
    expect((await call('campaigns:get', { id: campaign.id })).status).toBe('draft');
    await call('settings:update', { actorId: a.id, approvalValidHours: 48, signers: [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: B_PIN }] });
    expect((await call('settings:get', {})).approvalValidHours).toBe(48);
  });

  it('a cancel in the window returns to approved only while the approval is valid', async () => {
    const { call, clock, a, campaign } = await approved();
    await call('settings:update', { actorId: a.id, approvalValidHours: 1 });
    await call('send:schedule', { actorId: a.id, campaignId: campaign.id });
    await call('send:cancel', { actorId: a.id, campaignId: campaign.id });
    expect((await call('campaigns:get', { id: campaign.id })).status).toBe('approved');
    // Scheduled 10 s before the approval expires, cancelled 20 s later: inside the window, past expiry.
    clock.advance(3_600_000 - 10_000);
    await call('send:schedule', { actorId: a.id, campaignId: campaign.id });
    clock.advance(20_000);
    await call('send:cancel', { actorId: a.id, campaignId: campaign.id });
    expect((await call('campaigns:get', { id: campaign.id })).status).toBe('draft');
  });

  it('shows an approval as void as soon as the account it covers changes', async () => {
    const { call, a, b, profile, campaign } = await approved();
    await call('profiles:update', { actorId: a.id, id: profile.id, profile: { ...profile, fromName: '別の名前' }, signers: [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: B_PIN }] });
    const shown = await call('campaigns:get', { id: campaign.id });
    expect(shown.status).toBe('draft');
    expect(shown.approval!.voidedAt).not.toBeNull();
  });
});
