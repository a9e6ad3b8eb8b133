// Who receives a notice (issue 11), through the same dispatch the UI uses: selections of a list,
// shared and duplicate addresses, suppressions and exclusions that survive re-imports, members
// edited in the app, empty templates, and copies of earlier notices.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';
import { startSmtpCapture } from '../../helpers/smtp-capture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const A = OFFICE_USERS.a;
const B = OFFICE_USERS.b;
const CSV = [
  '会員番号,氏名,メールアドレス,棟,役職',
  '1001,青木 一郎,aoki@a.example,A,理事長',
  '1002,井上 花子,inoue@b.example,A,',
  '1003,上田 健,ueda@c.example,B,理事',
  '1004,江藤 さくら,eto@a.example,B,',
  '1005,小野 次郎,ono@c.example,A,監事',
].join('\n');

async function setUp(csv = CSV, keyColumn: string | null = '会員番号') {
  const app = createTestApp(cleanups);
  const smtp = await startSmtpCapture();
  cleanups.push(() => smtp.close());
  const { call } = app;
  const { profile, a, b } = await setUpOffice(app, { port: smtp.port });
  const report = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(csv), keyColumn });
  const draft = await call('campaigns:create', { actorId: a.id, listId: report.listId, name: '総会', profileId: profile.id });
  const campaign = await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様（{{棟}}棟）', cancelWindowS: 10 });
  const codes = async () => (await call('checks:run', { campaignId: campaign.id })).items.map((i) => `${i.severity}:${i.code}`);
  return { ...app, smtp, a, b, listId: report.listId, campaign, codes };
}

describe('sending to part of a list', () => {
  it('counts a selection live, with domains and words, and freezes exactly those members', async () => {
    const { call, a, listId, campaign } = await setUp();
    const selection = { kind: 'conditions' as const, match: 'all' as const, conditions: [{ column: '棟', op: 'equals' as const, values: ['A'] }, { column: '役職', op: 'not-empty' as const, values: [] }] };
    const preview = await call('recipients:preview', { listId, selection });
    expect(preview).toMatchObject({ count: 2, domains: [{ domain: 'a.example', count: 1 }, { domain: 'c.example', count: 1 }] });
    expect(preview.words.ja).toBe('「棟」が「A」かつ「役職」が空でないの会員 2 人');
    await call('campaigns:update', { actorId: a.id, id: campaign.id, selection });
    expect((await call('checks:run', { campaignId: campaign.id })).counts.members).toBe(2);
    const summary = await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A.pin });
    expect(summary.recipientCount).toBe(2);
    expect(summary.recipientsInWords.ja).toContain('会員 2 人');
    expect(summary.samples.map((s) => s.email)).toEqual(['aoki@a.example', 'ono@c.example']);
  });

  it('refuses a selection naming a column the list lacks', async () => {
    const { fail, listId } = await setUp();
    const err = await fail('recipients:preview', { listId, selection: { kind: 'conditions', match: 'any', conditions: [{ column: '電話', op: 'empty', values: [] }] } });
    expect(err).toMatchObject({ code: 'validation', details: { columns: ['電話'] } });
  });

  it('voids an approval when the selection changes', async () => {
    const { call, a, b, campaign } = await setUp();
    await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A.pin });
    await call('approval:approve', { campaignId: campaign.id, approverId: b.id, pin: B.pin });
    const edited = await call('campaigns:update', { actorId: a.id, id: campaign.id, selection: { kind: 'picked', refs: ['k:1001'] } });
    expect(edited.status).toBe('draft');
    expect(edited.approval!.voidedAt).not.toBeNull();
  });
});

describe('shared and duplicate addresses', () => {
  const SHARED = `${CSV}\n1006,伊藤 四郎,aoki@a.example,A,\n1007,青木 一郎,aoki@a.example,A,理事長`;

  it('blocks one address with different names until it is marked shared; then each member gets their own mail', async () => {
    const { call, fail, a, b, listId, campaign, codes, smtp } = await setUp(SHARED);
    // Nothing is sent in this test: the check, the freeze and the previews are what matter.
    expect(await codes()).toContain('blocking:same-address-different-names');
    expect((await fail('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A.pin })).code).toBe('approval-blocked');
    await call('shared-addresses:set', { actorId: a.id, listId, email: 'aoki@a.example', shared: true });
    const after = await codes();
    expect(after).not.toContain('blocking:same-address-different-names');
    expect(after).toContain('warning:shared-address');
    // The identical row (1007 = 1001) is merged: 青木 gets one mail, 伊藤 gets their own.
    expect(after).toContain('info:identical-rows-merged');
    await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A.pin });
    await call('approval:approve', { campaignId: campaign.id, approverId: b.id, pin: B.pin });
    const summary = await call('approval:summary', { campaignId: campaign.id });
    expect(summary.recipientCount).toBe(6);
    const toAoki = [];
    for (let position = 0; position < summary.recipientCount; position++) {
      const r = await call('preview:render', { campaignId: campaign.id, position });
      if (r.email === 'aoki@a.example' && r.ok) toAoki.push(r.message.subject);
    }
    expect(toAoki.sort()).toEqual(['伊藤 四郎 様', '青木 一郎 様']);
    expect(smtp.messages).toHaveLength(0);
  });
});

describe('suppressions and exclusions', () => {
  it('leaves out suppressed addresses with their reason, across re-imports', async () => {
    const { call, a, listId, campaign, codes } = await setUp();
    await call('suppressions:add', { actorId: a.id, address: 'INOUE@b.example', reason: 'asked-to-stop' });
    const report = await call('checks:run', { campaignId: campaign.id });
    expect(report.counts.members).toBe(4);
    const item = report.items.find((i) => i.code === 'suppressed-members')!;
    expect(item.message.ja).toContain('配信停止の希望');
    await call('import:run', { actorId: a.id, listId, fileName: 'm2.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
    expect((await call('checks:run', { campaignId: campaign.id })).counts.members).toBe(4);
    await call('suppressions:remove', { actorId: a.id, address: 'inoue@b.example' });
    expect(await codes()).not.toContain('warning:suppressed-members');
  });

  it('excludes a member by their key, kept across a re-import, and includes them again', async () => {
    const { call, a, listId, campaign } = await setUp();
    const page = await call('members:page', { listId, query: '上田' });
    await call('exclusions:add', { actorId: a.id, listId, memberId: page.members[0]!.id, reason: '長期不在' });
    expect((await call('checks:run', { campaignId: campaign.id })).counts.members).toBe(4);
    await call('import:run', { actorId: a.id, listId, fileName: 'm2.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
    const exclusions = await call('exclusions:list', { listId });
    expect(exclusions).toMatchObject([{ ref: 'k:1003', reason: '長期不在', excludedBy: '相川', member: { name: '上田 健' } }]);
    expect((await call('checks:run', { campaignId: campaign.id })).counts.members).toBe(4);
    await call('exclusions:remove', { actorId: a.id, listId, ref: 'k:1003' });
    expect((await call('checks:run', { campaignId: campaign.id })).counts.members).toBe(5);
  });

  it('edits a member’s address in Tayori, audited and shown as a change in the next check', async () => {
    const { call, core, a, listId, codes } = await setUp();
    const m = (await call('members:page', { listId, query: '江藤' })).members[0]!;
    const edited = await call('members:update', { actorId: a.id, memberId: m.id, email: 'ETO＠a.example ' });
    expect(edited).toMatchObject({ email: 'ETO@a.example', change: 'email-changed' });
    expect(edited.fields['メールアドレス']).toBe('ETO@a.example');
    expect(await codes()).toContain('warning:address-changed');
    const changed = (await call('checks:run', { campaignId: (await call('campaigns:list', {}))[0]!.id })).items.find((i) => i.code === 'address-changed')!;
    expect(changed.message.ja).toContain('江藤 さくら（相川 さんが Tayori で変更）');
    expect(changed.message.en).toContain('changed in Tayori by 相川');
    expect(core.context.services().audit.list({ action: 'member.edited' }).at(-1)).toMatchObject({ actor: '相川', listId, details: { from: { email: 'eto@a.example' } } });
  });

  it('records who excluded and included a member, and who added and removed a suppressed address', async () => {
    const { call, core, a, listId } = await setUp();
    const audit = (action: string) => core.context.services().audit.list({ action });
    const m = (await call('members:page', { listId, query: '井上' })).members[0]!;
    await call('exclusions:add', { actorId: a.id, listId, memberId: m.id, reason: '本人の希望' });
    await call('exclusions:remove', { actorId: a.id, listId, ref: 'k:1002' });
    expect(audit('member.excluded')).toMatchObject([{ actor: '相川', listId, details: { ref: 'k:1002', name: '井上 花子', reason: '本人の希望' } }]);
    expect(audit('member.included')).toMatchObject([{ actor: '相川', listId, details: { ref: 'k:1002' } }]);
    const listed = await call('suppressions:add', { actorId: a.id, address: 'Moved＠b.example', reason: 'moved', note: '転居の連絡' });
    expect(listed).toMatchObject([{ address: 'Moved@b.example', reason: 'moved', note: '転居の連絡', addedBy: '相川' }]);
    expect(await call('suppressions:list', { query: 'moved@' })).toHaveLength(1);
    await call('suppressions:remove', { actorId: a.id, address: 'Moved@b.example' });
    expect(audit('suppression.added')).toMatchObject([{ actor: '相川', details: { address: 'Moved@b.example', reason: 'moved' } }]);
    expect(audit('suppression.removed')).toMatchObject([{ actor: '相川', details: { address: 'Moved@b.example' } }]);
  });

  it('marks a member edited in Tayori (by whom, when), also for a cell other than address or name; saving it unchanged is no edit', async () => {
    const { call, core, clock, a, listId } = await setUp();
    const m = (await call('members:page', { listId, query: '小野' })).members[0]!;
    expect(m.edited).toBeNull();
    const edited = await call('members:update', { actorId: a.id, memberId: m.id, fields: { 棟: 'B' } });
    expect(edited).toMatchObject({ change: null, edited: { by: '相川', at: clock.now() }, fields: { 棟: 'B' } });
    expect((await call('members:page', { listId, query: '小野' })).members[0]!.edited).toEqual({ by: '相川', at: clock.now() });
    const audited = core.context.services().audit.list({ action: 'member.edited' }).length;
    await call('members:update', { actorId: a.id, memberId: m.id, fields: { 棟: 'B' } });
    expect(core.context.services().audit.list({ action: 'member.edited' })).toHaveLength(audited);
  });
});

describe('templates that cannot be sent empty', () => {
  it('blocks an empty subject or body, and a body that renders empty for someone', async () => {
    const { call, fail, a, campaign, codes } = await setUp();
    await call('campaigns:update', { actorId: a.id, id: campaign.id, subjectTemplate: ' ', bodyTemplate: '' });
    expect(await codes()).toContain('blocking:template-empty');
    expect((await fail('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A.pin })).code).toBe('approval-blocked');
    await call('campaigns:update', { actorId: a.id, id: campaign.id, subjectTemplate: 'お知らせ', bodyTemplate: '{{役職|}}' });
    const report = await call('checks:run', { campaignId: campaign.id });
    expect(report.items.find((i) => i.code === 'template-empty')).toMatchObject({ severity: 'blocking', params: { memberCount: 2 } });
  });
});

describe('copies of earlier notices', () => {
  it('copies templates, account, cancel window and selection into a new draft', async () => {
    const { call, a, campaign } = await setUp();
    await call('campaigns:update', { actorId: a.id, id: campaign.id, selection: { kind: 'picked', refs: ['k:1001', 'k:1002'] } });
    const copy = await call('campaigns:copy', { actorId: a.id, campaignId: campaign.id, name: '総会（12月）' });
    expect(copy).toMatchObject({ name: '総会（12月）', status: 'draft', subjectTemplate: '{{氏名}} 様', cancelWindowS: 10, selection: { kind: 'picked', refs: ['k:1001', 'k:1002'] } });
    expect(copy.id).not.toBe(campaign.id);
    expect(copy.encoding).toBe('utf-8');
  });

  it('copies a notice written in ISO-2022-JP in that encoding', async () => {
    const { call, a, campaign } = await setUp();
    await call('campaigns:set-encoding', { actorId: a.id, id: campaign.id, encoding: 'iso-2022-jp' });
    const copy = await call('campaigns:copy', { actorId: a.id, campaignId: campaign.id, name: '総会（携帯向け）' });
    expect(copy.encoding).toBe('iso-2022-jp');
  });
});

describe('exclusions by address', () => {
  it('keep a member out when a re-import only changes the case of their address', async () => {
    const noKey = CSV.split('\n').map((l) => l.slice(l.indexOf(',') + 1)).join('\n');
    const { call, a, listId, campaign } = await setUp(noKey, null);
    const m = (await call('members:page', { listId, query: '上田' })).members[0]!;
    await call('exclusions:add', { actorId: a.id, listId, memberId: m.id, reason: '退会' });
    await call('import:run', { actorId: a.id, listId, fileName: 'm2.csv', bytes: new TextEncoder().encode(noKey.replace('ueda@c.example', 'Ueda@c.example')), keyColumn: null });
    expect((await call('exclusions:list', { listId }))[0]).toMatchObject({ ref: 'e:ueda@c.example', member: { name: '上田 健' } });
    expect((await call('checks:run', { campaignId: campaign.id })).counts.members).toBe(4);
  });
});
