// The approval request's fast freeze (snapshots-repo snapshotFromMemberIds, fed by the recipients
// read while the PIN is checked) against the freeze it stands in for (snapshotFromRecipients), on a
// real SQLite file: random lists with identical rows to merge, shared addresses, exclusions in the
// app, suppressed addresses and selections. The same rows at the same positions, and the hash of
// the rows as read equals the hash of the rows as frozen (what the request stores).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Selection } from '../../../shared/recipients';
import type { Db } from '../../../electron/db/connection';
import { iterateRecipientDigestRows, snapshotFromRecipients } from '../../../electron/db/repos/recipients-query';
import { iterateSnapshotDigestTexts, snapshotFromMemberIds } from '../../../electron/db/repos/snapshots-repo';
import { hashRowTexts } from '../../../electron/services/campaigns/campaign-digest';
import { tempDb } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

const member = fc.record({
  email: fc.constantFrom('a@x.jp', 'b@x.jp', 'c@y.jp', 'd@y.jp'),
  name: fc.constantFrom('青木', '井上', '"引用"\\名'),
  key: fc.option(fc.constantFrom('1', '2', '3', '4'), { nil: null }),
  ward: fc.constantFrom('A', 'B', '', ' \u3000'),
});
const ref = fc.constantFrom('k:1', 'k:2', 'e:a@x.jp', 'e:c@y.jp');
const selection: fc.Arbitrary<Selection> = fc.oneof(
  fc.record({ kind: fc.constant('all' as const), exclude: fc.array(ref, { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('picked' as const), refs: fc.array(ref, { maxLength: 4 }) }),
  fc.record({
    kind: fc.constant('conditions' as const),
    match: fc.constantFrom('all' as const, 'any' as const),
    conditions: fc.array(fc.record({ column: fc.constant('棟'), op: fc.constant('equals' as const), values: fc.constantFrom(['A'], ['B']) }), { maxLength: 2 }),
  }),
);

const frozenRows = (db: Db, campaignId: number): unknown[] =>
  db.prepare('SELECT position, member_id, email, name, fields_json FROM snapshots WHERE campaign_id = ? ORDER BY position').raw().all(campaignId);

describe('freezing by the member ids read during the PIN check', () => {
  it('freezes what the recipients query freezes, and the rows read hash as the rows frozen', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const { db } = t;
    const campaign = (listId: number): number =>
      Number(db.prepare("INSERT INTO campaigns (list_id, name, created_at, updated_at) VALUES (?, 'c', 0, 0)").run(listId).lastInsertRowid);
    fc.assert(
      fc.property(fc.array(member, { maxLength: 25 }), selection, fc.array(fc.constantFrom('a@x.jp', 'd@y.jp'), { maxLength: 1 }), fc.array(ref, { maxLength: 1 }), (members, s, suppressed, excluded) => {
        db.exec('DELETE FROM suppressions; DELETE FROM list_exclusions;');
        const listId = Number(
          db.prepare("INSERT INTO lists (name, columns_json, email_column, name_column, key_column, created_at, updated_at) VALUES ('l', '[\"棟\"]', 'email', 'name', 'key', 0, 0)").run().lastInsertRowid,
        );
        for (const m of members) {
          db.prepare('INSERT INTO members (list_id, line, email, name, member_key, fields_json) VALUES (?, 0, ?, ?, ?, ?)').run(listId, m.email, m.name, m.key, JSON.stringify({ 棟: m.ward, 名: m.name }));
        }
        for (const a of suppressed) db.prepare("INSERT OR IGNORE INTO suppressions (address, reason, added_at) VALUES (?, 'manual', 0)").run(a);
        for (const r of excluded) db.prepare('INSERT OR IGNORE INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (?, ?, 0)').run(listId, r);
        const read = [...iterateRecipientDigestRows(db, listId, s)];
        const byQuery = campaign(listId);
        const byIds = campaign(listId);
        expect(snapshotFromRecipients(db, byQuery, listId, s)).toBe(read.length);
        expect(snapshotFromMemberIds(db, byIds, read.map(([, , id]) => id))).toBe(read.length);
        expect(frozenRows(db, byIds)).toEqual(frozenRows(db, byQuery));
        expect(hashRowTexts(read.map(([text]) => text))).toEqual(hashRowTexts(iterateSnapshotDigestTexts(db, byIds)));
        // Freezing again replaces the earlier rows.
        expect(snapshotFromMemberIds(db, byIds, read.map(([, , id]) => id))).toBe(read.length);
        expect(frozenRows(db, byIds)).toEqual(frozenRows(db, byQuery));
      }),
      { numRuns: 150 },
    );
  });
});
