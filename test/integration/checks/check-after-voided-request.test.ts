// After a request is voided by an edit of the notice, the notice is a draft again: its check
// shows the list as it is now, not the rows frozen by the voided request.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CSV = ['会員番号,氏名,メールアドレス', '1001,青木 一郎,aoki@a.example', '1002,井上 花子,inoue@b.example'].join('\n');

describe('the check of a notice whose request was voided', () => {
  it('reads the list as it is now', async () => {
    const app = createTestApp(cleanups);
    const { call } = app;
    const { profile, a } = await setUpOffice(app);
    const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
    const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
    await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様' });
    await call('approval:request', { actorId: a.id, campaignId: draft.id, pin: OFFICE_USERS.a.pin });
    // The edit voids the request; then a member's address is corrected.
    await call('campaigns:update', { actorId: a.id, id: draft.id, bodyTemplate: '{{氏名}} 様へ' });
    const member = app.core.context.services().db.prepare("SELECT id FROM members WHERE email = 'inoue@b.example'").pluck().get() as number;
    await call('members:update', { actorId: a.id, memberId: member, email: 'inoue@c.example' });
    const report = await call('checks:run', { campaignId: draft.id });
    expect(JSON.stringify(report)).toContain('c.example');
    expect(JSON.stringify(report)).not.toContain('b.example');
    // "Show who" names the member by the address they have now, too.
    expect(await call('checks:members', { campaignId: draft.id, memberIds: [member] })).toMatchObject([{ id: member, email: 'inoue@c.example' }]);
    // A new request freezes the corrected list, and its report reads the frozen rows.
    const summary = await call('approval:request', { actorId: a.id, campaignId: draft.id, pin: OFFICE_USERS.a.pin });
    expect(JSON.stringify(summary.report)).toContain('c.example');
    expect(JSON.stringify(summary.report)).not.toContain('b.example');
  });
});
