// Round 4's surface tried as an attacker who knows only their own PIN (相川's), through the
// dispatch the UI uses: the mail account's IMAP side and its sign-in mailbox cannot be redirected
// by one person, the members-version caches do not let an edit after the request slip through to
// an approval, and one's own request cannot be signed off by oneself.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const A_PIN = OFFICE_USERS.a.pin;

async function office() {
  const app = createTestApp(cleanups);
  const o = await setUpOffice(app);
  const csv = new TextEncoder().encode('会員番号,氏名,メールアドレス\n1,青木,aoki@a.example\n2,石川,ishikawa@b.example\n');
  const list = await app.call('import:run', { actorId: o.a.id, listName: '会員', fileName: 'm.csv', bytes: csv, keyColumn: '会員番号' });
  const draft = await app.call('campaigns:create', { actorId: o.a.id, listId: list.listId, name: '総会', profileId: o.profile.id });
  await app.call('campaigns:update', { actorId: o.a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様 ({{会員番号}})', cancelWindowS: 60 });
  return { ...app, ...o, campaignId: draft.id, listId: list.listId };
}

describe('one PIN, round 4', () => {
  it('cannot point the mail account or its IMAP side at another mailbox alone', async () => {
    const { fail, call, a, profile } = await office();
    const imap = { host: '127.0.0.1', port: 1143, security: 'none', authUser: 'thief@evil.example', password: 'x', readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'every', scanDays: 7 };
    expect((await fail('imap:save', { actorId: a.id, profileId: profile.id, account: imap })).code).toBe('two-people-required');
    expect((await fail('imap:save', { actorId: a.id, profileId: profile.id, account: imap, signers: [{ userId: a.id, pin: A_PIN }, { userId: a.id, pin: A_PIN }] })).code).toBe('two-people-required');
    expect(await call('imap:get', { profileId: profile.id })).toBeNull();
    const signIn = { name: 'm365', host: 'smtp.office365.com', port: 587, security: 'starttls', authMethod: 'oauth2', oauthProvider: 'microsoft', authUser: 'thief@evil.example', fromAddress: 'office@sakura.example', fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1 };
    expect((await fail('profiles:update', { actorId: a.id, id: profile.id, profile: signIn })).code).toBe('two-people-required');
    expect((await call('profiles:list', {})).find((p) => p.id === profile.id)).toMatchObject({ authMethod: 'password', host: '127.0.0.1' });
  });

  it('an edit of the notice after the request voids it, though the check report is kept across such edits', async () => {
    const { fail, call, a, campaignId } = await office();
    await call('checks:run', { campaignId });
    await call('approval:request', { actorId: a.id, campaignId, pin: A_PIN });
    // The edit runs outside the members version (the recipients stay cached) but not outside the approval.
    await call('campaigns:update', { actorId: a.id, id: campaignId, subjectTemplate: '至急 {{氏名}} 様', bodyTemplate: '{{氏名}} 様', cancelWindowS: 60 });
    expect((await fail('send:schedule', { actorId: a.id, campaignId })).code).toMatch(/^approval-/);
    // And one's own request is never signed off with one's own PIN.
    await call('approval:request', { actorId: a.id, campaignId, pin: A_PIN });
    expect((await fail('approval:approve', { campaignId, approverId: a.id, pin: A_PIN })).code).toBe('approval-same-user');
    expect((await fail('send:schedule', { actorId: a.id, campaignId })).code).toMatch(/^approval-/);
  });
});
