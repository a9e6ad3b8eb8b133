// Migration 0017 (issue 15): member fields are stored as an array after their layout's id, the
// column names once per layout. Members and undo copies are rewritten, frozen snapshots are not,
// and an approval signed before it (digest version 3, the keyed text) still holds after it.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/connection';
import { layoutIdOf } from '../../../electron/db/field-layout-id';
import { keyedFieldsText, parseFields } from '../../../electron/db/fields';
import { migrations } from '../../../electron/db/migrations';
import { iterateSnapshotDigestTexts, storeSnapshotHash } from '../../../electron/db/repos/snapshots-repo';
import { digestOf, hashRowTexts } from '../../../electron/services/campaigns/campaign-digest';
import { digestHeader } from '../../../electron/services/campaigns/campaign-sources';
import { campaignFixture } from '../campaigns/campaign-fixture';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

// Keyed fields texts as Tayori wrote them before 0017 (JSON.stringify of each name and value, in
// file order), with what is awkward to carry over: escapes, a name that looks like an index (an
// object would put it first), "__proto__", an empty record, a value that is not a string.
const KEYED = [
  `{"会員番号":"1","氏名":${JSON.stringify('山田 "太郎"')},"備考":${JSON.stringify('a\\b\u2028c 😀\u0000')}}`,
  '{"会員番号":"2","氏名":"佐藤","備考":""}',
  '{"氏名":"鈴木","2024":"出席","__proto__":"p"}',
  '{}',
  '{"氏名":"田中","部屋":101}',
];

function oldDatabase(): { file: string; old: Db } {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const file = join(t.dir, 'd.db');
  return { file, old: openDatabase(file, { migrations: migrations.slice(0, 16) }) };
}

describe('0017 field layouts', () => {
  it('rewrites members and undo copies as arrays that read back as the same fields and the same keyed text', () => {
    const { file, old } = oldDatabase();
    old.exec(`INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'l', 0, 0);
      INSERT INTO imports (id, list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, report_json, created_at)
        VALUES (1, 1, 'a.csv', '', 'utf-8', ',', 0, 0, 0, '{}', 0);
      INSERT INTO import_undo (import_id, list_id, previous_import_id, mapping_json) VALUES (1, 1, NULL, '{}');
      INSERT INTO campaigns (id, list_id, name, created_at, updated_at) VALUES (1, 1, 'c', 0, 0);`);
    const member = old.prepare("INSERT INTO members (list_id, line, email, name, fields_json) VALUES (1, ?, ?, '', ?)");
    const undo = old.prepare("INSERT INTO import_undo_members (import_id, member_id, line, email, name, fields_json) VALUES (1, ?, 0, 'u@example.jp', '', ?)");
    KEYED.forEach((k, i) => {
      member.run(i + 2, `m${i}@example.jp`, k);
      undo.run(i + 1, k);
    });
    old.prepare("INSERT INTO snapshots (campaign_id, position, email, name, fields_json) VALUES (1, 0, 'm0@example.jp', '', ?)").run(KEYED[0]);
    // An indexed list: the rewrite must not mark every member as edited for the search index.
    old.exec("INSERT INTO member_search_lists (list_id, upto, valid) VALUES (1, 1000, 1)");
    const before = KEYED.map((k) => parseFields(old, k));
    old.close();

    const db = openDatabase(file);
    cleanups.push(() => db.close());
    const stored = db.prepare('SELECT fields_json FROM members ORDER BY line').pluck().all() as string[];
    const undone = db.prepare('SELECT fields_json FROM import_undo_members ORDER BY member_id').pluck().all() as string[];
    for (const texts of [stored, undone]) {
      texts.forEach((s, i) => {
        expect(Array.isArray(JSON.parse(s)), s).toBe(true);
        expect(parseFields(db, s)).toEqual(before[i]);
        // The keyed text an approval signed before 0017 hashed comes back byte for byte.
        expect(keyedFieldsText(db, s)).toBe(KEYED[i]);
      });
    }
    // One layout per distinct list of names, stored once, with the id an import of those columns
    // writes (so re-importing the same file after the update stores the same text).
    expect(db.prepare('SELECT count(*) FROM field_layouts').pluck().get()).toBe(4);
    const namesInTextOrder = db.prepare('SELECT json_group_array(key ORDER BY id) FROM json_each(?)').pluck();
    stored.forEach((s, i) => expect((JSON.parse(s) as string[])[0]).toBe(layoutIdOf(JSON.parse(namesInTextOrder.get(KEYED[i]) as string) as string[])));
    expect(stored[0]!.length).toBeLessThan(KEYED[0]!.length);
    // Frozen rows keep the text they were frozen (and hashed) with; the search index is not dirtied.
    expect(db.prepare('SELECT fields_json FROM snapshots').pluck().get()).toBe(KEYED[0]);
    expect(db.prepare('SELECT count(*) FROM member_search_dirty').pluck().get()).toBe(0);
    // A layout never changes and never goes.
    expect(() => db.prepare("UPDATE field_layouts SET columns_json = '[]'").run()).toThrow(/never changes/);
    expect(() => db.prepare('DELETE FROM field_layouts').run()).toThrow(/never deleted/);
  });

  it('reads odd old values as before: true and false, null, nested JSON, and arrays (no fields)', () => {
    const { file, old } = oldDatabase();
    old.exec("INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'l', 0, 0)");
    const odd = ['{"flag":true,"off":false,"n":null,"o":{"k":1},"a":[1,"2"],"x":1.5}', '["not","fields"]', '[]', 'null', '"s"', 'not json'];
    odd.forEach((j, i) => old.prepare("INSERT INTO members (list_id, line, email, name, fields_json) VALUES (1, ?, ?, '', ?)").run(i, `o${i}@example.jp`, j));
    // As parseFields read them before 0017: an object's entries as text, any other JSON as no fields.
    const before = [{ flag: 'true', off: 'false', n: '', o: '{"k":1}', a: '[1,"2"]', x: '1.5' }, {}, {}, {}, {}, 'throws'];
    old.close();
    const db = openDatabase(file);
    cleanups.push(() => db.close());
    const after = (db.prepare('SELECT fields_json FROM members ORDER BY line').pluck().all() as string[]).map((j) => {
      try {
        return parseFields(db, j);
      } catch {
        return 'throws';
      }
    });
    expect(after).toEqual(before);
  });

  it('keeps an approval signed with digest version 3 (keyed fields text) valid, and voids it on a change', async () => {
    const f = await campaignFixture();
    cleanups.push(f.cleanup);
    const c = await f.approved();
    // The database as 0017 leaves one approved before it: the frozen rows in their keyed text with
    // their version 3 hash, the approval signed over that, the members rewritten as arrays.
    const rows = f.db.prepare('SELECT id, fields_json FROM snapshots WHERE campaign_id = ?').raw().all(c.id) as [number, string][];
    for (const [id, json] of rows) f.db.prepare('UPDATE snapshots SET fields_json = ? WHERE id = ?').run(keyedFieldsText(f.db, json), id);
    const v3 = hashRowTexts(iterateSnapshotDigestTexts(f.db, c.id), 3);
    storeSnapshotHash(f.db, c.id, v3);
    const campaign = f.campaigns.getCampaign(c.id);
    const signed = digestOf(digestHeader(f.db, campaign, () => ({ items: [] })), v3).digest;
    f.db.prepare('UPDATE approvals SET digest = ? WHERE campaign_id = ?').run(signed, c.id);
    expect(f.db.prepare('SELECT fields_json FROM snapshots WHERE campaign_id = ? ORDER BY position').pluck().get(c.id)).toMatch(/^\{"メール":/);

    expect(f.approvals.assertApproved(c.id).digest).toBe(signed);
    // A member's field changed after the approval: the keyed text of the list differs, so it is void.
    const m = f.db.prepare('SELECT id, fields_json FROM members WHERE list_id = ? ORDER BY id').raw().get(f.listId) as [number, string];
    f.db.prepare('UPDATE members SET fields_json = ? WHERE id = ?').run(m[1].replace('101', '109'), m[0]);
    expect(() => f.approvals.assertApproved(c.id)).toThrowError(expect.objectContaining({ code: 'approval-void' }));
  });
});
