// The check screen's preview and estimate of a draft notice (issue 15), through the dispatch the
// UI uses: every position shows the member the freeze then puts at that position, every member is
// found at that position, and the estimate counts what is frozen — on a list with identical rows
// (merged), an exclusion, a suppression and a selection. A write between two
// calls (a suppression, an exclusion, a member's edit) shows at once, also after checks:run.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const CSV = [
  '会員番号,氏名,メールアドレス,棟',
  '1001,青木 一郎,aoki@a.example,A',
  '1002,井上 花子,inoue@b.example,A',
  '1003,青木 一郎,aoki@a.example,A',
  '1004,江藤 さくら,eto@a.example,B',
  '1005,小野 次郎,ono@c.example,A',
  '1006,伊藤 四郎,ito@a.example,A',
  '1007,上田 健,ueda@c.example,A',
  '1008,加藤 美咲,kato@d.example,A',
  '1009,木村 陽菜,kimura@d.example,',
].join('\n');

async function setUp() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const { profile, a } = await setUpOffice(app, { perMinute: 2 });
  const report = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: report.listId, name: '総会', profileId: profile.id });
  const campaign = await call('campaigns:update', {
    actorId: a.id,
    id: draft.id,
    subjectTemplate: '{{氏名}} 様',
    bodyTemplate: '{{氏名}} 様（{{棟}}棟）',
    selection: { kind: 'conditions', match: 'all', conditions: [{ column: '棟', op: 'equals', values: ['A'] }], exclude: ['k:1008'] },
  });
  const db = app.core.context.services().db;
  const memberId = (key: string) => db.prepare('SELECT id FROM members WHERE list_id = ? AND member_key = ?').pluck().get(report.listId, key) as number;
  await call('exclusions:add', { actorId: a.id, listId: report.listId, memberId: memberId('1002'), reason: null });
  await call('suppressions:add', { actorId: a.id, address: 'ueda@c.example', reason: 'bounced' });
  return { ...app, a, listId: report.listId, campaignId: campaign.id, memberId };
}

/** Every position of the preview, as (position, member id, address) — then one past the end fails. */
async function previewAll(call: Awaited<ReturnType<typeof setUp>>['call'], fail: Awaited<ReturnType<typeof setUp>>['fail'], campaignId: number) {
  const first = await call('preview:render', { campaignId, position: 0 });
  const shown = [];
  for (let position = 0; position < first.total; position++) {
    const r = await call('preview:render', { campaignId, position });
    expect(r.total).toBe(first.total);
    shown.push({ position: r.position, memberId: r.memberId, email: r.email, subject: r.ok ? r.message.subject : null });
    const byMember = await call('preview:render', { campaignId, memberId: r.memberId! });
    expect(byMember.position).toBe(position);
  }
  expect(await fail('preview:render', { campaignId, position: first.total })).toMatchObject({ code: 'not-found' });
  return shown;
}

describe('the draft preview and estimate at 100k speed', () => {
  it('show, position by position, the members the freeze puts there, and count them', async () => {
    const { call, fail, a, campaignId, memberId } = await setUp();
    const before = await previewAll(call, fail, campaignId);
    // 棟 A, less 1008 (selection), 1002 (excluded), 1007 (suppressed), 1003 (identical to 1001).
    expect(before.map((r) => r.memberId)).toEqual(['1001', '1005', '1006'].map(memberId));
    expect(await fail('preview:render', { campaignId, memberId: memberId('1003') })).toMatchObject({ code: 'not-found' });
    const estimate = await call('send:estimate', { campaignId });
    expect(estimate.count).toBe(3);

    await call('approval:request', { actorId: a.id, campaignId, pin: '4826' });
    const frozen = await previewAll(call, fail, campaignId);
    expect(frozen).toEqual(before);
    expect((await call('send:estimate', { campaignId })).count).toBe(3);
  });

  it('shows a write made between two calls at once, also when checks:run read the recipients last', async () => {
    const { call, fail, a, listId, campaignId, memberId } = await setUp();
    const ids = async () => (await previewAll(call, fail, campaignId)).map((r) => r.memberId);
    await call('checks:run', { campaignId });
    expect(await ids()).toEqual(['1001', '1005', '1006'].map(memberId));

    await call('suppressions:add', { actorId: a.id, address: 'ono@c.example', reason: 'bounced' });
    expect(await ids()).toEqual(['1001', '1006'].map(memberId));
    expect((await call('send:estimate', { campaignId })).count).toBe(2);

    await call('checks:run', { campaignId });
    await call('exclusions:remove', { actorId: a.id, listId, ref: 'k:1002' });
    expect(await ids()).toEqual(['1001', '1002', '1006'].map(memberId));
    expect((await call('send:estimate', { campaignId })).count).toBe(3);

    // 1003 was merged into 1001 (same address and name); renamed, it is its own recipient.
    await call('checks:run', { campaignId });
    await call('members:update', { actorId: a.id, memberId: memberId('1003'), fields: { 氏名: '青木 一子' } });
    expect(await ids()).toEqual(['1001', '1002', '1003', '1006'].map(memberId));
    expect((await call('preview:render', { campaignId, memberId: memberId('1003') })).position).toBe(2);
    expect((await call('send:estimate', { campaignId })).count).toBe(4);
  });
});
