// The frozen recipients of the check report through an approval (issue 15, frozen-recipients-cache.ts):
// the request's freeze proves the check screen's kept draft read to be its snapshot's rows, so
// neither the report inside the request nor the approval summary reads the 100k frozen rows back;
// approve writes under outsideMembers, so the start-of-send check's report reuses them too. Each
// report equals one computed on a second connection (nothing kept), on a list with merged rows, a
// shared address, an exclusion, a suppression, an edited member and a re-import's changes. A write
// to a member reads them again.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { createCheckService } from '../../../electron/services/checks';
import { frozenRecipientsCached } from '../../../electron/services/checks/frozen-recipients-cache';
import { fieldsChecksRead } from '../../../shared/guards';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';

// The connections the frozen rows were read on, one entry per read.
const frozenReads = vi.hoisted(() => ({ on: [] as unknown[] }));
vi.mock('../../../electron/db/repos/check-recipients-query', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/db/repos/check-recipients-query')>();
  return {
    ...original,
    iterateFrozenCheckRows: (...args: Parameters<typeof original.iterateFrozenCheckRows>) => {
      frozenReads.on.push(args[0]);
      return original.iterateFrozenCheckRows(...args);
    },
  };
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const bytes = (text: string) => new TextEncoder().encode(text);
const HEADER = '会員番号,氏名,メールアドレス,棟';
const ROWS = [
  '1001,青木 一郎,aoki@a.example,A',
  '1002,井上 花子,inoue@b.example,A',
  // The same address and name as 1002: merged into it.
  '1003,井上 花子,inoue@b.example,A',
  // A family at one address (marked shared below).
  '1004,江藤 さくら,eto@a.example,B',
  '1005,江藤 大地,eto@a.example,B',
  '1006,小野 次郎,ono@c.example,A',
  '1007,加藤 美咲,kato@d.example,C',
  '1008,木村 翔,kimura@e.example,C',
];

async function setUp() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const { profile, a, b } = await setUpOffice(app);
  const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: bytes([HEADER, ...ROWS].join('\n')), keyColumn: '会員番号' });
  const listId = imported.listId;
  // A re-import that changes one row's address and adds one (the members' change column).
  const again = [HEADER, ...ROWS.map((r) => r.replace('kimura@e.example', 'kimura@f.example')), '1009,久保 陽子,kubo@g.example,A'].join('\n');
  await call('import:run', { actorId: a.id, listId, fileName: 'm2.csv', bytes: bytes(again) });
  const sv = () => app.core.context.services();
  const db = sv().db;
  const memberId = (key: string) => db.prepare('SELECT id FROM members WHERE list_id = ? AND member_key = ?').pluck().get(listId, key) as number;
  await call('shared-addresses:set', { actorId: a.id, listId, email: 'eto@a.example', shared: true });
  await call('exclusions:add', { actorId: a.id, listId, memberId: memberId('1006'), reason: null });
  await call('suppressions:add', { actorId: a.id, address: 'kato@d.example', reason: 'bounced' });
  await call('members:update', { actorId: a.id, memberId: memberId('1001'), fields: { 棟: 'B' } });
  const draft = await call('campaigns:create', { actorId: a.id, listId, name: '総会', profileId: profile.id });
  const template = { subject: '{{氏名}} 様', body: '{{氏名}} 様（{{棟}}棟）' };
  await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: template.subject, bodyTemplate: template.body });
  const campaignId = draft.id;
  // The report computed on a second connection: nothing kept by this one is reused there.
  const fresh = () => {
    const other = openDatabase(db.name);
    try {
      return createCheckService({ db: other }).checkCampaign(campaignId);
    } finally {
      other.close();
    }
  };
  const report = () => call('checks:run', { campaignId });
  /** Whether the frozen read is kept for this connection now (read() is never called). */
  const kept = () => {
    const notKept = new Error('not kept');
    try {
      // A read that throws keeps nothing.
      frozenRecipientsCached(db, campaignId, listId, fieldsChecksRead(template), () => {
        throw notKept;
      });
      return true;
    } catch (e) {
      if (e !== notKept) throw e;
      return false;
    }
  };
  /** How many times this connection read the frozen rows since `from` (the second connection's reads are not counted). */
  const readsSince = (from: number) => frozenReads.on.slice(from).filter((d) => d === db).length;
  return { ...app, a, b, db, sv, listId, campaignId, memberId, fresh, report, kept, readsSince };
}

describe('the frozen recipients through an approval', () => {
  it('are the check screen\'s draft read from the request to the start of the send, and every report equals one computed afresh', async () => {
    const { call, a, b, sv, campaignId, fresh, report, kept, readsSince } = await setUp();
    await report(); // the check screen, before the request
    const reads = frozenReads.on.length;
    const summary = await call('approval:request', { actorId: a.id, campaignId, pin: OFFICE_USERS.a.pin });
    expect(summary.report).toEqual(fresh());
    expect(summary.report.counts.members).toBe(6);
    expect(kept()).toBe(true);
    await call('approval:approve', { campaignId, approverId: b.id, pin: OFFICE_USERS.b.pin });
    expect(kept()).toBe(true);
    // The start-of-send check, as the send scheduler asks for it.
    sv().approvals.assertApproved(campaignId, { unexpired: true });
    expect(await report()).toEqual(fresh());
    expect(readsSince(reads)).toBe(0);
  });

  it('are read again after a write to a member, and the report shows it', async () => {
    const { call, a, b, sv, campaignId, memberId, fresh, report, kept, readsSince } = await setUp();
    await report();
    await call('approval:request', { actorId: a.id, campaignId, pin: OFFICE_USERS.a.pin });
    await call('approval:approve', { campaignId, approverId: b.id, pin: OFFICE_USERS.b.pin });
    const reads = frozenReads.on.length;
    // The member's row changes, not the frozen one: the report names the change in the app.
    await call('members:update', { actorId: a.id, memberId: memberId('1002'), email: 'inoue@b2.example' });
    expect(kept()).toBe(false);
    const after = await report();
    expect(readsSince(reads)).toBe(1);
    expect(after).toEqual(fresh());
    expect(() => sv().approvals.assertApproved(campaignId, { unexpired: true })).toThrow(/changed/);
  });

  it('are not kept from a request its blocking finding rolled back', async () => {
    const { call, fail, a, listId, campaignId, kept, report, fresh } = await setUp();
    await report();
    // The shared address no longer marked: a blocking finding, found after the freeze.
    await call('shared-addresses:set', { actorId: a.id, listId, email: 'eto@a.example', shared: false });
    await report();
    expect(await fail('approval:request', { actorId: a.id, campaignId, pin: OFFICE_USERS.a.pin })).toMatchObject({ code: 'approval-blocked' });
    expect(kept()).toBe(false);
    expect(await report()).toEqual(fresh());
  });
});
