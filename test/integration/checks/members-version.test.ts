// The members version (content-version.ts) and the draft recipients kept under it (issue 15): an
// edit of the notice through campaigns:update leaves the version, hence the kept read, alone; a
// member's edit, an exclusion, a suppression, a re-import, an undo and a second connection's commit
// each move it, and the next check report shows the change. Driven through the dispatch the UI uses.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { contentVersion, membersVersion } from '../../../electron/db/content-version';
import { createCheckService } from '../../../electron/services/checks';
import { createTestApp } from '../../helpers/app-harness';
import { setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CSV = ['会員番号,氏名,メールアドレス,棟', '1001,青木 一郎,aoki@a.example,A', '1002,井上 花子,inoue@b.example,A', '1003,江藤 さくら,eto@a.example,B', '1004,小野 次郎,ono@c.example,A'].join('\n');
const bytes = (text: string) => new TextEncoder().encode(text);

async function setUp() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const { profile, a } = await setUpOffice(app);
  const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: bytes(CSV), keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
  await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様（{{棟}}棟）' });
  const db = app.core.context.services().db;
  const memberId = (key: string) => db.prepare('SELECT id FROM members WHERE list_id = ? AND member_key = ?').pluck().get(imported.listId, key) as number;
  // The report as the check screen gets it, and the same computed from nothing kept (a new service).
  const report = () => call('checks:run', { campaignId: draft.id });
  const fresh = () => createCheckService({ db }).checkCampaign(draft.id);
  return { ...app, a, db, listId: imported.listId, campaignId: draft.id, memberId, report, fresh };
}

describe('the members version', () => {
  it('stands still for an edit of the notice, and the kept recipients give the report computed afresh', async () => {
    const { call, a, db, campaignId, report, fresh } = await setUp();
    await report();
    const members = membersVersion(db);
    const content = contentVersion(db);
    await call('campaigns:update', { actorId: a.id, id: campaignId, subjectTemplate: '', bodyTemplate: '{{氏名}} 様 {{棟}}' });
    expect(contentVersion(db)).not.toBe(content);
    expect(membersVersion(db)).toBe(members);
    const after = await report();
    // The template's change shows (the report is computed again), over the same recipients.
    expect(after.items.some((i) => i.code === 'template-empty')).toBe(true);
    expect(after).toEqual(fresh());
    expect(after.counts.members).toBe(4);
  });

  it('moves on every write to the members, exclusions and suppressions, and the next report shows it', async () => {
    const { call, a, db, listId, campaignId, memberId, report, fresh } = await setUp();
    const steps: [string, () => Promise<unknown> | unknown, (r: Awaited<ReturnType<typeof report>>) => void][] = [
      ['a member edit', () => call('members:update', { actorId: a.id, memberId: memberId('1001'), email: 'aoki@a.exmaple' }), (r) => expect(r.items.some((i) => i.code === 'address-changed' && i.params.inApp === 1)).toBe(true)],
      ['an exclusion', () => call('exclusions:add', { actorId: a.id, listId, memberId: memberId('1002'), reason: null }), (r) => expect(r.counts.members).toBe(3)],
      ['a suppression', () => call('suppressions:add', { actorId: a.id, address: 'eto@a.example', reason: 'bounced' }), (r) => expect(r.counts.members).toBe(2)],
      ['a re-import', () => call('import:run', { actorId: a.id, listId, fileName: 'm2.csv', bytes: bytes(`${CSV}\n1005,加藤 美咲,kato@d.example,A`) }), (r) => expect(r.counts.members).toBe(3)],
      ['an undo of that import', () => call('import:undo', { actorId: a.id, listId }), (r) => expect(r.counts.members).toBe(2)],
      [
        "another connection's commit",
        () => {
          const other = openDatabase(db.name);
          try {
            other.prepare("UPDATE members SET email = 'broken' WHERE list_id = ? AND member_key = '1004'").run(listId);
          } finally {
            other.close();
          }
        },
        (r) => expect(r.items.some((i) => i.code === 'invalid-address' && i.severity === 'blocking')).toBe(true),
      ],
    ];
    for (const [what, write, shows] of steps) {
      await report();
      const before = membersVersion(db);
      await write();
      expect(membersVersion(db), what).not.toBe(before);
      const after = await report();
      shows(after);
      expect(after, what).toEqual(fresh());
    }
  });

  it('subtracts a nested wrapper\'s changes once: a later write always moves the version', async () => {
    const { db } = await setUp();
    const { outsideContent, outsideMembers } = await import('../../../electron/db/content-version');
    const insert = (key: string) => db.prepare("INSERT INTO settings (key, value) VALUES (?, '1')").run(key);
    const members0 = membersVersion(db);
    const content0 = contentVersion(db);
    // Subtracted twice, the members version would fall one below members0, and the next counted
    // write would bring it back to members0: a stale read served as fresh.
    outsideContent(db, () => outsideMembers(db, () => insert('probe.a')));
    expect(contentVersion(db)).toBe(content0);
    expect(membersVersion(db)).toBe(members0);
    insert('probe.b');
    expect(membersVersion(db)).not.toBe(members0);
    // The other way round the inner outsideContent runs plainly: the content version moves (at
    // worst a cache is voided for nothing), the members version does not.
    const members1 = membersVersion(db);
    const content1 = contentVersion(db);
    outsideMembers(db, () => outsideContent(db, () => insert('probe.c')));
    expect(contentVersion(db)).not.toBe(content1);
    expect(membersVersion(db)).toBe(members1);
  });

  it("after members:update brings the kept recipients up to date: the rows the edit cannot change are the ones kept", async () => {
    const { call, a, db, campaignId, memberId, report, fresh } = await setUp();
    const { readCheckInput } = await import('../../../electron/services/checks/check-input');
    await report();
    const before = readCheckInput(db, campaignId).recipients;
    const edited = memberId('1002');
    await call('members:update', { actorId: a.id, memberId: edited, fields: { 棟: 'C' } });
    const after = readCheckInput(db, campaignId).recipients;
    expect(after.map((r) => r.id)).toEqual(before.map((r) => r.id));
    // The handler recorded the edit as one member's: every other row is the very row kept before.
    after.forEach((r, i) => (r.id === edited ? expect(r).not.toBe(before[i]) : expect(r).toBe(before[i])));
    expect(after.find((r) => r.id === edited)).toMatchObject({ fields: { 棟: 'C' }, editedBy: expect.any(String) });
    expect(await report()).toEqual(fresh());
  });

  it('after exclusions:add and exclusions:remove brings the kept recipients up to date the same way', async () => {
    const { call, a, db, listId, campaignId, memberId, report, fresh } = await setUp();
    const { readCheckInput } = await import('../../../electron/services/checks/check-input');
    await report();
    const before = readCheckInput(db, campaignId).recipients;
    const excluded = memberId('1003');
    await call('exclusions:add', { actorId: a.id, listId, memberId: excluded, reason: null });
    const after = readCheckInput(db, campaignId).recipients;
    expect(after.map((r) => r.id)).toEqual(before.filter((r) => r.id !== excluded).map((r) => r.id));
    // Every row left is the very row kept before: only the excluded member's rows were read again.
    after.forEach((r) => expect(r).toBe(before.find((b) => b.id === r.id)));
    expect(await report()).toEqual(fresh());
    await call('exclusions:remove', { actorId: a.id, listId, ref: 'k:1003' });
    const back = readCheckInput(db, campaignId).recipients;
    expect(back.map((r) => r.id)).toEqual(before.map((r) => r.id));
    back.forEach((r) => (r.id === excluded ? expect(r).toEqual(before.find((b) => b.id === r.id)) : expect(r).toBe(before.find((b) => b.id === r.id))));
    expect(await report()).toEqual(fresh());
  });
});
