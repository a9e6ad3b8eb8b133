// The approval request's read of the recipients in chunks (snapshot-chunks-repo.ts: SQLite
// concatenates each chunk's digest texts and marks rows that may lack a field; no merge probes when
// no two members share an address) and its freeze by id ranges and ids,
// against what they stand in for, on a real SQLite file: random lists with identical rows to
// merge, shared addresses, exclusions, suppressed addresses, selections, deleted members (gaps in
// the ids) and another list's members in between, tiny chunks so that every kind of chunk occurs.
// - the freeze gives the rows snapshotFromRecipients gives, at the same positions;
// - the hash is the version 3 hash of the rows as read into strings (what verification computes);
// - every row the template cannot render from is marked (the mark may say more, never less), and
//   the scan's positions are the rows' positions;
// - read as the chosen members with no merge probe (`nothingMerged`, which the request uses only
//   when the check screen's read merged no row), the chunks hold the recipients' members position
//   by position exactly when no row is merged, and are then the chunks read with the probe;
// - the frozen rows hold positions 0..n-1, so the largest earlier snapshot (its last position + 1)
//   is the largest count.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Selection } from '../../../shared/recipients';
import { compileTemplate, missingFieldsOf } from '../../../shared/template';
import type { Db } from '../../../electron/db/connection';
import { fieldValueReader } from '../../../electron/db/fields';
import { storedFields } from '../../helpers/stored-fields';
import { chosenSql, iterateRecipientDigestTexts, iterateRecipients, snapshotFromRecipients } from '../../../electron/db/repos/recipients-query';
import { largestEarlierSnapshot } from '../../../electron/db/repos/snapshots-repo';
import { freezeChunks, readRawChunks, recipientChunkQuery } from '../../../electron/db/repos/snapshot-chunks-repo';
import { hashRowTexts } from '../../../electron/services/campaigns/campaign-digest';
import { chunksHoldMembers, scanRecipientChunks } from '../../../electron/services/campaigns/recipient-scan';
import { tempDb } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

// Values that are present, blank, spaced, escaped in JSON, or not strings at all.
const value = fc.constantFrom<unknown>('A', 'B', '', ' ', '\u3000', ' \u3000', '\u3000x', 'x ', '\u200b', '\u200ex', '\n', '\\', '"', '𠮷', '0', 12, 0, null, true, { a: 1 }, [], undefined);
const member = fc.record({
  email: fc.constantFrom('a@x.jp', 'b@x.jp', 'c@y.jp', 'd@y.jp'),
  name: fc.constantFrom('青木', '井上', '"引用"\\名'),
  key: fc.option(fc.constantFrom('1', '2', '3', '4'), { nil: null }),
  ward: value,
  room: value,
  deleted: fc.boolean(),
  otherListAfter: fc.boolean(),
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
const template = fc.constantFrom(
  { subject: '{{名}}様', body: '{{棟}}棟 {{部屋}}号室' },
  { subject: 'お知らせ', body: '{{#if 部屋}}{{部屋}}号室{{/if}} {{棟}}' },
  { subject: 'お知らせ', body: '全員へ' },
  { subject: '{{名}}', body: '{{__proto__}}' },
);

const frozenRows = (db: Db, campaignId: number): unknown[] =>
  db.prepare('SELECT position, member_id, email, name, fields_json FROM snapshots WHERE campaign_id = ? ORDER BY position').raw().all(campaignId);


describe('the approval request reads in chunks and freezes by id ranges', () => {
  it('freezes what the recipients query freezes, hashes as the rows read, and marks every row lacking a field', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const { db } = t;
    const list = (): number =>
      Number(db.prepare("INSERT INTO lists (name, columns_json, email_column, name_column, key_column, created_at, updated_at) VALUES ('l', '[\"棟\",\"部屋\"]', 'email', 'name', 'key', 0, 0)").run().lastInsertRowid);
    const campaign = (listId: number): number =>
      Number(db.prepare("INSERT INTO campaigns (list_id, name, created_at, updated_at) VALUES (?, 'c', 0, 0)").run(listId).lastInsertRowid);
    const other = list();
    let checked = 0;
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 25 }),
        selection,
        template,
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.constantFrom('a@x.jp', 'd@y.jp'), { maxLength: 1 }),
        fc.array(ref, { maxLength: 1 }),
        fc.constantFrom('name', 'member', 'tail', 'extra'),
        fc.nat(),
        (members, s, tpl, chunkRows, suppressed, excluded, perturb, at) => {
          db.exec('DELETE FROM suppressions; DELETE FROM list_exclusions;');
          const listId = list();
          const insert = db.prepare('INSERT INTO members (list_id, line, email, name, member_key, fields_json) VALUES (?, 0, ?, ?, ?, ?)');
          for (const m of members) {
            const fields: Record<string, unknown> = { 名: m.name };
            if (m.ward !== undefined) fields['棟'] = m.ward;
            if (m.room !== undefined) fields['部屋'] = m.room;
            const id = insert.run(listId, m.email, m.name, m.key, storedFields(db, fields)).lastInsertRowid;
            if (m.deleted) db.prepare('DELETE FROM members WHERE id = ?').run(id);
            if (m.otherListAfter) insert.run(other, m.email, m.name, m.key, storedFields(db, fields));
          }
          for (const a of suppressed) db.prepare("INSERT OR IGNORE INTO suppressions (address, reason, added_at) VALUES (?, 'manual', 0)").run(a);
          for (const r of excluded) db.prepare('INSERT OR IGNORE INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (?, ?, 0)').run(listId, r);

          const compiled = compileTemplate(tpl);
          const missingOf = missingFieldsOf(compiled, fieldValueReader(db));
          const query = recipientChunkQuery(db, listId, s, compiled.fields, chunkRows);
          const raw = readRawChunks(db, query);
          const scan = scanRecipientChunks(raw);

          const byQuery = campaign(listId);
          const byChunks = campaign(listId);
          const n = snapshotFromRecipients(db, byQuery, listId, s);
          expect(scan.hash.rowCount).toBe(n);
          expect(freezeChunks(db, byChunks, listId, scan.chunks)).toBe(n);
          expect(frozenRows(db, byChunks)).toEqual(frozenRows(db, byQuery));
          expect(scan.hash).toEqual(hashRowTexts(iterateRecipientDigestTexts(db, listId, s)));

          const lacking = [...iterateRecipients(db, listId, s)].flatMap((r, position) =>
            missingOf(JSON.parse(db.prepare('SELECT fields_json FROM members WHERE id = ?').pluck().get(r.memberId) as string)) ? [{ memberId: r.memberId, position }] : [],
          );
          const marked = new Map(scan.marked.map((m) => [m.memberId, m.position]));
          for (const l of lacking) expect(marked.get(l.memberId)).toBe(l.position);
          checked += lacking.length;

          // Without the merge probe: the recipients' members exactly when nothing is merged.
          const chosen = chosenSql(listId, s);
          const merged = (db.prepare(`SELECT count(*) FROM members m WHERE ${chosen.sql}`).pluck().get(...chosen.params) as number) - n;
          const recipients = [...iterateRecipients(db, listId, s)].map((r) => ({ id: r.memberId! }));
          const unprobed = readRawChunks(db, recipientChunkQuery(db, listId, s, compiled.fields, chunkRows, true));
          expect(chunksHoldMembers(scanRecipientChunks(unprobed).chunks, recipients)).toBe(merged === 0);
          expect(chunksHoldMembers(scan.chunks, recipients)).toBe(true);
          if (merged === 0) expect(unprobed).toEqual(raw);

          // Freezing again replaces the earlier rows.
          expect(freezeChunks(db, byChunks, listId, scan.chunks)).toBe(n);
          expect(frozenRows(db, byChunks)).toEqual(frozenRows(db, byQuery));

          // Keeping what it holds, the freeze keeps the leading chunks the snapshot holds and
          // rewrites the rest: whatever differs (a row's text, its member, rows missing or beyond
          // the end), the snapshot comes out as the recipients query freezes it.
          const position = n === 0 ? 0 : at % n;
          if (perturb === 'name') db.prepare("UPDATE snapshots SET name = name || '*' WHERE campaign_id = ? AND position = ?").run(byChunks, position);
          if (perturb === 'member') db.prepare('UPDATE snapshots SET member_id = member_id + 1000 WHERE campaign_id = ? AND position = ?').run(byChunks, position);
          if (perturb === 'tail') db.prepare('DELETE FROM snapshots WHERE campaign_id = ? AND position >= ?').run(byChunks, position);
          if (perturb === 'extra') {
            db.prepare("INSERT INTO snapshots (campaign_id, position, member_id, email, name, fields_json) VALUES (?, ?, NULL, 'z@z.jp', 'z', '{}')").run(byChunks, n + (at % 3));
          }
          expect(freezeChunks(db, byChunks, listId, scan.chunks, true)).toBe(n);
          expect(frozenRows(db, byChunks)).toEqual(frozenRows(db, byQuery));
          const counted = db
            .prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM snapshots s JOIN campaigns c ON c.id = s.campaign_id WHERE c.list_id = ? GROUP BY c.id)')
            .pluck()
            .get(listId) as number | null;
          expect(largestEarlierSnapshot(db, listId, byChunks + 1)).toBe(counted ?? undefined);
        },
      ),
      { numRuns: 120 },
    );
    // The lists did have rows lacking fields (the property was not vacuous).
    expect(checked).toBeGreaterThan(0);
  }, 180_000);
});
