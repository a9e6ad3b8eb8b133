// Re-importing a list through the contract the UI uses (issue 11): import:preview shows what the
// file would change, by member name and key, and writes nothing; import:run applies it only as
// previewed; import:undo puts the previous members back exactly, audited. Rejected rows carry
// their Excel row and text line.
import { afterEach, describe, expect, it } from 'vitest';
import { createTestApp } from '../../helpers/app-harness';
import { cp932 } from './import-fixture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

// 1008 伊藤 was registered with 髙橋's address; the corrected file drops that row. By address
// alone the removal reads as "takahashi@… removed", i.e. as if 髙橋 had left.
const FIRST = [
  '会員番号,氏名,メールアドレス,部屋',
  '1001,髙橋 一郎,takahashi@a.example,101',
  '1002,青木 花子,aoki@b.example,102',
  '1003,上田 健,ueda@c.example,103',
  '1008,伊藤 四郎,takahashi@a.example,205',
].join('\r\n');
const SECOND = [
  '会員番号,氏名,メールアドレス,部屋',
  '1001,髙橋 一郎,takahashi@a.example,101',
  '1002,青木 花子,aoki@new.example,102',
  '1003,上田 健二,ueda@c.example,"103',
  '（角部屋）"',
  '1009,江藤 さくら,eto@c.example,301',
  '1010,小野 次郎,ono@@c.example,302',
].join('\r\n');

async function setUp() {
  const app = createTestApp(cleanups);
  const { call } = app;
  const a = await call('users:create', { name: '相川', pin: '4826' });
  const first = await call('import:run', { actorId: a.id, listName: '会員', fileName: 'first.csv', bytes: cp932(FIRST), keyColumn: '会員番号' });
  const db = app.core.context.services().db;
  // Everything an import may write, to prove a preview or a refused import wrote nothing.
  const snapshot = () => ({
    lists: db.prepare('SELECT * FROM lists ORDER BY id').all(),
    imports: db.prepare('SELECT * FROM imports ORDER BY id').all(),
    members: db.prepare('SELECT * FROM members ORDER BY id').all(),
    audit: db.prepare('SELECT * FROM audit ORDER BY id').all(),
    undo: db.prepare('SELECT * FROM import_undo_members ORDER BY import_id, member_id').all(),
  });
  const members = () => db.prepare('SELECT * FROM members WHERE list_id = ? ORDER BY id').all(first.listId);
  return { ...app, a, listId: first.listId, first, snapshot, members };
}

describe('re-import preview', () => {
  it('shows added, removed and changed members by name and key, and rejected rows by Excel row, writing nothing', async () => {
    const { call, listId, first, snapshot } = await setUp();
    const before = snapshot();
    const preview = await call('import:preview', { listId, fileName: 'second.csv', bytes: cp932(SECOND), keyColumn: '会員番号' });
    expect(snapshot()).toEqual(before);
    expect(preview.previousImportId).toBe(first.importId);
    expect(preview.diff!.counts).toEqual({ added: 1, removed: 1, emailChanged: 1, nameChanged: 1 });
    expect(preview.diff!.removed).toEqual([{ row: null, key: '1008', name: '伊藤 四郎', email: 'takahashi@a.example' }]);
    expect(preview.diff!.added).toEqual([{ row: 5, key: '1009', name: '江藤 さくら', email: 'eto@c.example' }]);
    expect(preview.diff!.emailChanged).toEqual([{ row: 3, key: '1002', name: '青木 花子', email: 'aoki@new.example', from: 'aoki@b.example', to: 'aoki@new.example' }]);
    expect(preview.diff!.nameChanged).toEqual([{ row: 4, key: '1003', name: '上田 健二', email: 'ueda@c.example', from: '上田 健', to: '上田 健二' }]);
    // Row 4's room cell has a line break: 小野 is Excel row 6 but starts on text line 7.
    expect(preview.rejected).toEqual([{ row: 6, line: 7, reason: 'multiple-at', rawEmail: 'ono@@c.example' }]);
    expect(preview).not.toHaveProperty('importId');
  });

  it('applies exactly what was previewed, and refuses when the file or the list changed since', async () => {
    const { call, fail, a, listId, snapshot, members } = await setUp();
    const bytes = cp932(SECOND);
    const preview = await call('import:preview', { listId, fileName: 'second.csv', bytes, keyColumn: '会員番号' });
    const expected = { sha256: preview.sha256, previousImportId: preview.previousImportId };

    // Another file than the one previewed: refused, nothing written.
    const before = snapshot();
    const other = cp932(`${SECOND}\r\n1011,林 三郎,hayashi@c.example,303`);
    expect(await fail('import:run', { actorId: a.id, listId, fileName: 'x.csv', bytes: other, keyColumn: '会員番号', expected })).toMatchObject({
      code: 'import-changed-since-preview',
    });
    expect(snapshot()).toEqual(before);

    const report = await call('import:run', { actorId: a.id, listId, fileName: 'second.csv', bytes, keyColumn: '会員番号', expected });
    const { importId: _id, ...applied } = report;
    const { previousImportId: _prev, ...previewed } = preview;
    expect(applied).toEqual(previewed);
    expect(members().map((m) => (m as { member_key: string }).member_key)).toEqual(['1001', '1002', '1003', '1009']);

    // The same preview again, after the list moved on: refused, nothing written.
    const after = snapshot();
    expect((await fail('import:run', { actorId: a.id, listId, fileName: 'second.csv', bytes, keyColumn: '会員番号', expected })).code).toBe(
      'import-changed-since-preview',
    );
    expect(snapshot()).toEqual(after);
  });
});

describe('undo last import', () => {
  it('restores the previous members exactly (ids, rows, flags, edits) and columns, audited, once', async () => {
    const { call, fail, core, clock, a, listId, first, members } = await setUp();
    // An edit made in Tayori before the re-import is part of what the undo must give back.
    const ueda = (await call('members:page', { listId, query: '上田' })).members[0]!;
    await call('members:update', { actorId: a.id, memberId: ueda.id, fields: { 部屋: '103（北）' } });
    const before = members();
    const listBefore = await call('lists:get', { id: listId });
    expect((await call('import:history', { listId }))[0]).toMatchObject({ id: first.importId, canUndo: false });
    expect((await fail('import:undo', { actorId: a.id, listId })).code).toBe('import-undo-unavailable');

    // A re-import with other columns (部屋 dropped, 電話 added).
    const third = '会員番号,氏名,メールアドレス,電話\r\n1001,髙橋 一郎,takahashi@a.example,03\r\n1005,林 三郎,hayashi@c.example,04';
    const second = await call('import:run', { actorId: a.id, listId, fileName: 'third.csv', bytes: cp932(third), keyColumn: '会員番号' });
    expect((await call('lists:get', { id: listId })).columns).toEqual(['会員番号', '氏名', 'メールアドレス', '電話']);
    const history = await call('import:history', { listId });
    expect(history.map((h) => [h.id, h.canUndo])).toEqual([[second.importId, true], [first.importId, false]]);

    clock.advance(60_000);
    const undone = await call('import:undo', { actorId: a.id, listId });
    expect(undone).toEqual({ listId, undoneImportId: second.importId, restoredImportId: first.importId, restored: 4, discarded: 2 });
    expect(members()).toEqual(before);
    expect(await call('lists:get', { id: listId })).toEqual({ ...listBefore, updatedAt: clock.now() });
    const after = await call('import:history', { listId });
    expect(after[0]).toMatchObject({ id: second.importId, canUndo: false, undoneBy: '相川' });
    expect(after[0]!.undoneAt).not.toBeNull();
    expect(core.context.services().audit.list({ action: 'list.import-undone' })).toMatchObject([
      { actor: '相川', listId, details: { importId: second.importId, restoredImportId: first.importId, restored: 4, discarded: 2 } },
    ]);
    // Only once: the copy is gone, and the first import replaced nothing.
    expect((await fail('import:undo', { actorId: a.id, listId })).code).toBe('import-undo-unavailable');

    // The next re-import compares with the restored import, not the undone one.
    const preview = await call('import:preview', { listId, fileName: 'second.csv', bytes: cp932(SECOND), keyColumn: '会員番号' });
    expect(preview.previousImportId).toBe(first.importId);
    expect(preview.diff!.counts).toEqual({ added: 1, removed: 1, emailChanged: 1, nameChanged: 1 });
  });

  it('keeps only the latest import undoable; a failed import leaves the list and its undo as they were', async () => {
    const { call, fail, a, listId, snapshot } = await setUp();
    const second = await call('import:run', { actorId: a.id, listId, fileName: 'second.csv', bytes: cp932(SECOND), keyColumn: '会員番号' });
    const before = snapshot();
    // A header and no member row: the import fails (promise 6) and changes nothing, undo included.
    expect((await fail('import:run', { actorId: a.id, listId, fileName: 'empty.csv', bytes: cp932('会員番号,氏名,メールアドレス,部屋\r\n'), keyColumn: '会員番号' })).code).toBe(
      'import-no-rows',
    );
    expect(snapshot()).toEqual(before);
    const third = await call('import:run', { actorId: a.id, listId, fileName: 'first.csv', bytes: cp932(FIRST), keyColumn: '会員番号' });
    expect((await call('import:history', { listId })).map((h) => [h.id, h.canUndo])).toEqual([
      [third.importId, true],
      [second.importId, false],
      [expect.any(Number), false],
    ]);
    // One copy kept, the latest import's.
    expect(new Set(snapshot().undo.map((r) => (r as { import_id: number }).import_id))).toEqual(new Set([third.importId]));
    expect((await call('import:undo', { actorId: a.id, listId })).restoredImportId).toBe(second.importId);
  });
});
