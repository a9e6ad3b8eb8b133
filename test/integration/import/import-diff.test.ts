// Re-importing a list: the diff against the previous import and the per-member change flags
// the guards use (new address, changed address for the same 会員番号, changed name).
import { afterEach, beforeEach, expect, it } from 'vitest';
import { queryAudit } from '../../../electron/db/repos/audit-repo';
import { getList } from '../../../electron/db/repos/lists-repo';
import { cp932, importFixture, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => {
  f = importFixture();
});
afterEach(() => f.cleanup());

const FIRST = '会員番号,氏名,メールアドレス\r\n1,山田 太郎,taro@example.jp\r\n2,佐藤 花子,hanako@example.jp\r\n3,鈴木 一郎,ichiro@example.jp\r\n4,高橋 次郎,jiro@example.jp\r\n';
const SECOND = '会員番号,氏名,メールアドレス\r\n1,山田 太郎,taro@example.jp\r\n2,佐藤 花子,hanako@private.example\r\n4,高橋 治郎,jiro@example.jp\r\n5,伊藤 五郎,goro@example.jp\r\n';

it('reports new, removed, changed-address and changed-name members by 会員番号', async () => {
  const a = await f.service.importFile({ filePath: f.write(cp932(FIRST)), listName: '自治会', actor: 'alice' });
  expect(a.diff).toBeNull();
  expect(f.members(a.listId).map((m) => m.change)).toEqual([null, null, null, null]);

  f.clock.advance(60_000);
  const b = await f.service.importFile({ filePath: f.write(cp932(SECOND)), listId: a.listId, actor: 'alice' });
  expect(b.listId).toBe(a.listId);
  expect(b.diff).toEqual({
    matchedBy: 'key',
    previousImportId: a.importId,
    counts: { added: 1, removed: 1, emailChanged: 1, nameChanged: 1 },
    added: [{ row: 5, email: 'goro@example.jp', name: '伊藤 五郎', key: '5' }],
    removed: [{ row: null, email: 'ichiro@example.jp', name: '鈴木 一郎', key: '3' }],
    // Every change names the member by key and name as well as address.
    emailChanged: [{ row: 3, key: '2', name: '佐藤 花子', email: 'hanako@private.example', from: 'hanako@example.jp', to: 'hanako@private.example' }],
    nameChanged: [{ row: 4, key: '4', name: '高橋 治郎', email: 'jiro@example.jp', from: '高橋 次郎', to: '高橋 治郎' }],
  });
  expect(f.members(b.listId).map((m) => [m.key, m.change])).toEqual([
    ['1', null],
    ['2', 'email-changed'],
    ['4', 'name-changed'],
    ['5', 'new'],
  ]);
  // Unchanged members keep the import they were first seen in.
  const first = f.db.prepare("SELECT first_seen_import AS f, last_seen_import AS l FROM members WHERE member_key = '1'").get();
  expect(first).toEqual({ f: a.importId, l: b.importId });

  expect(f.service.listImports(a.listId).map((i) => i.id)).toEqual([b.importId, a.importId]);
  const audit = queryAudit(f.db, { action: 'list.imported' });
  expect(audit).toHaveLength(2);
  expect(audit[1]).toMatchObject({ actor: 'alice', listId: a.listId, details: { importId: b.importId, diff: b.diff!.counts } });
  expect(getList(f.db, a.listId)).toMatchObject({ name: '自治会', emailColumn: 'メールアドレス', nameColumn: '氏名', keyColumn: '会員番号' });
});

it('without a key column, matches by address: a name changed for the same address is flagged', async () => {
  const a = await f.service.importFile({ filePath: f.write('name,email\nA,a@example.jp\nB,b@example.jp\n') });
  const b = await f.service.importFile({
    filePath: f.write('name,email\nB,a@example.jp\nA,b@example.jp\nC,c@example.jp\n'),
    listId: a.listId,
  });
  // Names shifted against addresses (the Halmek incident) show up as name changes.
  expect(b.diff).toMatchObject({
    matchedBy: 'email',
    counts: { added: 1, removed: 0, emailChanged: 0, nameChanged: 2 },
    nameChanged: [
      { row: 2, key: null, name: 'B', email: 'a@example.jp', from: 'A', to: 'B' },
      { row: 3, key: null, name: 'A', email: 'b@example.jp', from: 'B', to: 'A' },
    ],
  });
  expect(f.members(a.listId).map((m) => m.change)).toEqual(['name-changed', 'name-changed', 'new']);
});

it('re-importing the same file reports no changes and replaces the members', async () => {
  const path = f.write(FIRST);
  const a = await f.service.importFile({ filePath: path });
  const b = await f.service.importFile({ filePath: path, listId: a.listId });
  expect(b.diff!.counts).toEqual({ added: 0, removed: 0, emailChanged: 0, nameChanged: 0 });
  expect(b.sha256).toBe(a.sha256);
  expect(f.members(a.listId)).toHaveLength(4);
  expect((f.db.prepare('SELECT count(*) AS n FROM members').get() as { n: number }).n).toBe(4);
});

it('another list is never touched by an import', async () => {
  const other = await f.service.importFile({ filePath: f.write(FIRST), listName: 'other' });
  const before = f.members(other.listId);
  const a = await f.service.importFile({ filePath: f.write(FIRST), listName: 'mine' });
  await f.service.importFile({ filePath: f.write(SECOND), listId: a.listId });
  expect(f.members(other.listId)).toEqual(before);
});
