// "Show all" under a check finding (issue 14), through the same dispatch the UI uses: the people
// behind a finding's member ids by Excel row, name and address, before and after the freeze
// (a member re-imported away after the freeze is still named, from the frozen row, without an
// Excel row), never a
// member of another list, and at most CHECK_MEMBERS_MAX ids per call.
import { afterEach, describe, expect, it } from 'vitest';
import { CHECK_MEMBERS_MAX } from '../../../shared/guards/item';
import { createTestApp } from '../../helpers/app-harness';
import { OFFICE_USERS, setUpOffice } from '../../helpers/office';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const A = OFFICE_USERS.a;
// 山田 太郎 has three addresses (a name-several-addresses finding); 佐藤 is not in it.
const CSV = ['会員番号,氏名,メールアドレス', '1,山田 太郎,taro@a.example', '2,佐藤 花子,hanako@b.example', '3,山田 太郎,taro@c.example', '4,山田 太郎,yamada@d.example'].join('\n');

async function setUp() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const { profile, a } = await setUpOffice(app);
  const imported = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'm.csv', bytes: new TextEncoder().encode(CSV), keyColumn: '会員番号' });
  const draft = await call('campaigns:create', { actorId: a.id, listId: imported.listId, name: '総会', profileId: profile.id });
  const campaign = await call('campaigns:update', { actorId: a.id, id: draft.id, subjectTemplate: '{{氏名}} 様', bodyTemplate: '{{氏名}} 様', cancelWindowS: 10 });
  const finding = async () => (await call('checks:run', { campaignId: campaign.id })).items.find((i) => i.code === 'name-several-addresses')!;
  return { ...app, a, listId: imported.listId, campaign, finding };
}

describe('the people behind a check finding', () => {
  it('names every member of a group finding by Excel row, name and address, in the finding’s order', async () => {
    const { call, campaign, finding } = await setUp();
    const f = await finding();
    expect(f.params.memberCount).toBe(3);
    const people = await call('checks:members', { campaignId: campaign.id, memberIds: [...f.members!] });
    expect(people.map((p) => [p.line, p.name, p.email])).toEqual([
      [2, '山田 太郎', 'taro@a.example'],
      [4, '山田 太郎', 'taro@c.example'],
      [5, '山田 太郎', 'yamada@d.example'],
    ]);
    // Asked in another order, answered in that order; unknown ids are left out.
    const reversed = await call('checks:members', { campaignId: campaign.id, memberIds: [f.members![2]!, 999_999, f.members![0]!] });
    expect(reversed.map((p) => p.email)).toEqual(['yamada@d.example', 'taro@a.example']);
  });

  it('never names a member of another list', async () => {
    const { call, a, campaign } = await setUp();
    const other = await call('import:run', { actorId: a.id, listName: '別の名簿', fileName: 'o.csv', bytes: new TextEncoder().encode('氏名,メールアドレス\n部外 者,outsider@x.example'), keyColumn: null });
    const page = await call('members:page', { listId: other.listId, offset: 0, limit: 10 });
    expect(await call('checks:members', { campaignId: campaign.id, memberIds: [page.members[0]!.id] })).toEqual([]);
  });

  it('after the freeze, names the frozen rows, also one whose member a re-import removed', async () => {
    const { call, a, listId, campaign, finding } = await setUp();
    await call('approval:request', { actorId: a.id, campaignId: campaign.id, pin: A.pin });
    // Re-import without row 4: its member row is gone, its frozen row stays.
    const without4 = CSV.split('\n').filter((l) => !l.startsWith('4,')).join('\n');
    await call('import:run', { actorId: a.id, listId, fileName: 'm2.csv', bytes: new TextEncoder().encode(without4), keyColumn: '会員番号' });
    const f = await finding();
    const ids = [...f.members!];
    const people = await call('checks:members', { campaignId: campaign.id, memberIds: ids });
    expect(people.map((p) => [p.name, p.email])).toEqual(
      expect.arrayContaining([
        ['山田 太郎', 'taro@a.example'],
        ['山田 太郎', 'taro@c.example'],
        ['山田 太郎', 'yamada@d.example'],
      ]),
    );
    expect(people.find((p) => p.email === 'yamada@d.example')!.line).toBeNull();
  });

  it(`refuses more than ${CHECK_MEMBERS_MAX} ids and ids that are not whole numbers`, async () => {
    const { fail, campaign } = await setUp();
    expect((await fail('checks:members', { campaignId: campaign.id, memberIds: Array.from({ length: CHECK_MEMBERS_MAX + 1 }, (_, i) => i + 1) })).code).toBe('validation');
    expect((await fail('checks:members', { campaignId: campaign.id, memberIds: [1.5] })).code).toBe('validation');
  });
});
