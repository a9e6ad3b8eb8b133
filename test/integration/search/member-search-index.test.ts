// The member search index against a real SQLite file: after every kind of write to members
// (a first import, a re-import, an edit, undo of an import, a list deleted) and at every stage
// of the index (not built, part built, built, behind), the search finds exactly what a plain
// filter over the list finds, in the same order.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/connection';
import { createAuditService } from '../../../electron/services/audit/audit-service';
import { manualClock } from '../../../electron/services/clock';
import { createImportService } from '../../../electron/services/import';
import type { ImportService } from '../../../electron/services/import/import-service';
import { createRecipientsService } from '../../../electron/services/recipients/recipients-service';
import { createSearchIndexService, type SearchIndexService } from '../../../electron/services/search-index/search-index-service';
import { readyIndex } from '../../../electron/db/repos/member-search-index-repo';
import { SEARCH_COUNT_CAP, searchMembers } from '../../../electron/db/repos/member-search';
import { cacheableVersion, outsideContent } from '../../../electron/db/content-version';
import { tempDb } from '../../helpers/tmp';
import { bruteForceIds, searchIds } from './search-oracle';

const QUERIES = [
  '田', '田中', '山田 太', '﨑', '髙橋', '高橋', '丸の内3丁目', '3丁目1', '番', 'member1', 'MEMBER1@', 'Example.JP', 'e', '1', '0',
  'ｶﾅ', 'カナ', 'ａ', '%', '_', '\\', '"', '50%', 'a_b', 'nobody-here', '🍣', '寿司🍣', '太郎\n', ' 花子 ', '子', 'x',
];
const FAMILY = ['山田', '田中', '髙橋', '高橋', '﨑村', 'Smith'];
const GIVEN = ['太郎', '花子', '一郎', 'ｶﾅ', 'カナ'];

function csv(n: number, seed: number, extra: string[] = []): Uint8Array {
  const rows = ['会員番号,氏名,メールアドレス,住所,備考'];
  for (let i = 0; i < n; i++) {
    const k = (i * 7 + seed) % 1000;
    const note = ['', '50%引き', 'a_b', '"引継ぎ"', 'back\\slash', '寿司🍣', 'ＡＢＣ'][k % 7]!;
    rows.push(
      [
        `M${String(k).padStart(4, '0')}`,
        `${FAMILY[k % FAMILY.length]} ${GIVEN[(k + seed) % GIVEN.length]}`,
        `Member${k}@Example${k % 3}.jp`,
        `東京都千代田区丸の内${(k % 9) + 1}丁目${(k % 13) + 1}番`,
        note.includes('"') || note.includes(',') ? `"${note.replace(/"/g, '""')}"` : note,
      ].join(','),
    );
  }
  rows.push(...extra);
  return new TextEncoder().encode(rows.join('\r\n') + '\r\n');
}

let t: ReturnType<typeof tempDb>;
let db: Db;
let imports: ImportService;
let indexer: SearchIndexService;

function expectExact(listId: number, stage: string): void {
  for (const q of QUERIES) {
    const want = bruteForceIds(db, listId, q);
    const got = searchIds(db, listId, q);
    expect({ stage, q, ids: got.ids, total: got.total, exact: got.exact }).toEqual({ stage, q, ids: want, total: want.length, exact: true });
  }
}

beforeEach(() => {
  t = tempDb();
  db = t.db;
  imports = createImportService({ db, clock: manualClock(), parseThread: 'never' });
  // Small steps, so that a test can stop the index part way.
  indexer = createSearchIndexService({ db, stepRows: 37 });
});
afterEach(() => t.cleanup());

describe('member search index', () => {
  it('finds exactly what a filter finds before, during and after the index is built', async () => {
    const { listId } = await imports.importBuffer({ bytes: csv(300, 1), fileName: 'a.csv', listName: '会員' });
    expect(readyIndex(db, listId)).toBeNull();
    expectExact(listId, 'not built');
    indexer.step(); // creates the empty index
    indexer.step();
    indexer.step();
    expect(readyIndex(db, listId)!.upto).toBeGreaterThan(0);
    expectExact(listId, 'part built');
    indexer.runUntilIdle();
    expect(indexer.progress(listId)).toEqual({ ready: true, percent: 100 });
    expectExact(listId, 'built');
  });

  it('stays exact across a re-import, an edit and undo of the import, before and after the indexer catches up', async () => {
    const { listId } = await imports.importBuffer({ bytes: csv(300, 1), fileName: 'a.csv', listName: '会員' });
    const other = await imports.importBuffer({ bytes: csv(120, 5), fileName: 'b.csv', listName: '別' });
    indexer.runUntilIdle();

    // Re-import: new rows, changed names and addresses, removed rows.
    await imports.importBuffer({ bytes: csv(250, 2, ['X9999,新人 花子,new@example.jp,札幌,']), fileName: 'a2.csv', listId });
    expect(readyIndex(db, listId)).toBeNull(); // the replaced members voided the old index
    expectExact(listId, 're-import, index behind');
    expectExact(other.listId, 'other list after re-import');
    indexer.runUntilIdle();
    expectExact(listId, 're-import, index caught up');

    // An edit in Tayori: the edited member is found by its new cells, not its old ones.
    const audit = createAuditService({ db, clock: manualClock() });
    const recipients = createRecipientsService({ db, clock: manualClock(), audit });
    const target = searchIds(db, listId, '田中').ids[0]!;
    recipients.updateMember(target, { fields: { 氏名: '寿司🍣 職人', 住所: '丸の内3丁目1番地' } }, null);
    expect(searchIds(db, listId, '寿司🍣 職').ids).toEqual([target]);
    expectExact(listId, 'edited, index behind');
    indexer.runUntilIdle();
    expectExact(listId, 'edited, index caught up');

    // Undo of the re-import: the earlier members come back under their old ids.
    imports.undoLastImport(listId, null);
    expect(readyIndex(db, listId)).toBeNull();
    expectExact(listId, 'undone, index behind');
    indexer.runUntilIdle();
    expectExact(listId, 'undone, index caught up');
    expectExact(other.listId, 'other list at the end');
  });

  it('builds without moving the content version, which every write to the content still moves', async () => {
    // The check report, the recipient order and the approval's early read are cached under
    // cacheableVersion: the index's steps (about 100 s after a 1M-row import) must not void them.
    const { listId } = await imports.importBuffer({ bytes: csv(300, 1), fileName: 'a.csv', listName: '会員' });
    const before = cacheableVersion(db);
    expect(indexer.runUntilIdle()).toBeGreaterThan(3);
    expect(indexer.progress(listId)).toEqual({ ready: true, percent: 100 });
    expect(cacheableVersion(db)).toBe(before);

    // An edit to a member moves it (and marks the index dirty); re-indexing it moves it no further.
    const audit = createAuditService({ db, clock: manualClock() });
    const recipients = createRecipientsService({ db, clock: manualClock(), audit });
    recipients.updateMember(searchIds(db, listId, '田中').ids[0]!, { fields: { 氏名: '寿司 職人' } }, null);
    const edited = cacheableVersion(db);
    expect(edited).not.toBe(before);
    expect(indexer.runUntilIdle()).toBeGreaterThan(0);
    expect(cacheableVersion(db)).toBe(edited);

    // A write that throws inside outsideContent leaves the version as it was; a write to the
    // content after it moves the version as before.
    expect(() => outsideContent(db, () => { throw new Error('boom'); })).toThrow('boom');
    expect(cacheableVersion(db)).toBe(edited);
    db.prepare('UPDATE lists SET name = ? WHERE id = ?').run('会員2', listId);
    expect(cacheableVersion(db)).not.toBe(edited);
  });

  it('forgets a deleted list and keeps the others exact', async () => {
    const a = await imports.importBuffer({ bytes: csv(80, 1), fileName: 'a.csv', listName: 'a' });
    const b = await imports.importBuffer({ bytes: csv(80, 3), fileName: 'b.csv', listName: 'b' });
    indexer.runUntilIdle();
    db.prepare('DELETE FROM lists WHERE id = ?').run(a.listId);
    expect(db.prepare("SELECT count(*) AS n FROM member_search_lists WHERE list_id = ?").get(a.listId)).toEqual({ n: 0 });
    indexer.runUntilIdle();
    const tables = (db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").pluck().all() as string[]).filter((n) => /^member_search_fts_\d+$/.test(n));
    expect(tables).toEqual([`member_search_fts_${b.listId}`]);
    expectExact(b.listId, 'after another list was deleted');
  });

  it('counts exactly up to the cap and says when there are more', async () => {
    const { listId } = await imports.importBuffer({ bytes: csv(SEARCH_COUNT_CAP + 40, 0), fileName: 'big.csv', listName: 'big' });
    indexer.runUntilIdle();
    const broad = searchMembers(db, listId, 'example', 50, 0);
    expect({ total: broad.total, exact: broad.totalExact }).toEqual({ total: SEARCH_COUNT_CAP, exact: false });
    expect(broad.members.map((m) => m.id)).toEqual(bruteForceIds(db, listId, 'example').slice(0, 50));
    const some = bruteForceIds(db, listId, '丸の内3丁目1');
    expect(searchIds(db, listId, '丸の内3丁目1')).toEqual({ ids: some, total: some.length, exact: true });
  });

  it('keeps the scan\'s meaning: ASCII letters without case, nothing else folded (no NFKC, no kana width)', async () => {
    const rows = ['会員番号,氏名,メールアドレス', '1,ｶﾅ ﾀﾛｳ,Taro@Example.jp', '2,カナ 花子,hanako@example.jp', '3,ＡＢＣ 商店,abc@example.jp', '4,髙橋 一郎,ichiro@example.jp'];
    const { listId } = await imports.importBuffer({ bytes: new TextEncoder().encode(rows.join('\n') + '\n'), fileName: 'w.csv', listName: 'w' });
    indexer.runUntilIdle();
    const names = (q: string) => searchIds(db, listId, q).ids.map((id) => (db.prepare('SELECT name FROM members WHERE id = ?').get(id) as { name: string }).name);
    expect(names('ｶﾅ')).toEqual(['ｶﾅ ﾀﾛｳ']);
    expect(names('カナ')).toEqual(['カナ 花子']);
    expect(names('TARO@EXAMPLE')).toEqual(['ｶﾅ ﾀﾛｳ']);
    expect(names('ＡＢＣ')).toEqual(['ＡＢＣ 商店']);
    expect(names('abc 商')).toEqual([]);
    expect(names('高橋')).toEqual([]);
    expect(names('髙')).toEqual(['髙橋 一郎']);
  });

  it('does not index a list while an import is still filling a pending list', async () => {
    const { listId } = await imports.importBuffer({ bytes: csv(50, 1), fileName: 'a.csv', listName: 'a' });
    db.prepare("INSERT INTO lists (name, pending, created_at, updated_at) VALUES ('importing', 1, 0, 0)").run();
    expect(indexer.step()).toBe(false);
    expect(readyIndex(db, listId)).toBeNull();
    expectExact(listId, 'while an import runs');
  });
});
