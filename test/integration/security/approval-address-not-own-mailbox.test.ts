// Regression (security probe, issue 16): an approver's approval address is a mailbox only that
// approver reads. The organisation's own mailboxes (a mail account's From or sign-in, the
// organisation's address, a test address) are read by the requester, who would then approve
// alone with the mailed code; so is an address another user already has. Refused, whatever the
// case, when the address is registered AND again when a code is about to be mailed.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { startSmtpCapture } from '../../helpers/smtp-capture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const A_PIN = '4826';
const B_PIN = '7391';
const OFFICE = 'office@sakura.example';

async function setUp() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const smtp = await startSmtpCapture();
  cleanups.push(() => smtp.close());
  const profile = await call('profiles:create', {
    actorId: null,
    profile: { name: 'local', host: '127.0.0.1', port: smtp.port, security: 'none', authUser: 'login@sakura.example', fromAddress: OFFICE, fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1 },
  });
  const a = await call('users:create', { name: '相川', pin: A_PIN });
  const b = await call('users:create', { name: '別所', pin: B_PIN });
  const two = [{ userId: a.id, pin: A_PIN }, { userId: b.id, pin: B_PIN }];
  return { ...app, smtp, profile, a, b, two };
}

describe('an approval address is a mailbox only its approver reads', () => {
  it('refuses, in any case, the organisation\'s own mailboxes and another user\'s approval address', async () => {
    const { call, fail, a, b, two } = await setUp();
    await call('settings:update', { actorId: a.id, signers: two, organisationAddress: 'info@sakura.example' });
    await call('test-addresses:add', { address: 'tester@sakura.example', signers: two });
    for (const own of ['Office@Sakura.example', 'LOGIN@sakura.example', 'Info@SAKURA.example', 'Tester@sakura.EXAMPLE']) {
      const err = await fail('approval-addresses:set', { userId: b.id, address: own, signers: two });
      expect(err.code, own).toBe('approval-address-organisation');
    }
    await call('approval-addresses:set', { userId: a.id, address: 'aikawa@home.example', signers: two });
    const taken = await fail('approval-addresses:set', { userId: b.id, address: 'Aikawa@HOME.example', signers: two });
    expect(taken.code).toBe('approval-address-taken');
    // A user may still set their own address again (e.g. to fix the case).
    await call('approval-addresses:set', { userId: a.id, address: 'Aikawa@home.example', signers: two });
    expect((await call('approval-addresses:list', {})).map((x) => x.address)).toEqual(['Aikawa@home.example']);
  });

  it('refuses to mail a code to an address that became the organisation\'s own after it was registered', async () => {
    const { call, fail, smtp, profile, a, b, two } = await setUp();
    await call('approval-addresses:set', { userId: b.id, address: 'bessho@home.example', signers: two });
    const csv = new TextEncoder().encode('会員番号,氏名,メールアドレス\n1,青木,aoki@a.example\n');
    const list = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: csv, keyColumn: '会員番号' });
    const draft = await call('campaigns:create', { actorId: a.id, listId: list.listId, name: '総会', profileId: profile.id });
    await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様 本文', cancelWindowS: 300 });
    await call('approval:request', { actorId: a.id, campaignId: draft.id, pin: A_PIN });
    // Later the office starts testing with that mailbox: the requester can now read it.
    await call('test-addresses:add', { address: 'Bessho@Home.example', signers: two });
    const err = await fail('approval-mail:ask', { actorId: a.id, campaignId: draft.id, approverId: b.id, pin: A_PIN });
    expect(err.code).toBe('approval-address-organisation');
    expect(smtp.messages).toHaveLength(0);
  });
});
