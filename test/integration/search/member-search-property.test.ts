// Property: whatever sequence of writes to members (imports that replace a list, edits, undo
// that restores earlier ids, deletions) interleaved with any number of index steps, the search
// finds exactly what a plain filter finds. Rows are written through the repositories the app
// writes with, on a real SQLite file; values come from a tiny alphabet so queries hit often.
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/connection';
import { deleteSomeMembers, memberInserter, updateMemberRow } from '../../../electron/db/repos/members-repo';
import { createSearchIndexService } from '../../../electron/services/search-index/search-index-service';
import { tempDb } from '../../helpers/tmp';
import { bruteForceIds, searchIds } from './search-oracle';

const text = fc.string({ unit: fc.constantFrom('田', '中', 'a', 'A', '1', ' ', '%', '_', '🍣', '"', '\\'), maxLength: 5 });
const row = fc.record({ name: text, email: text, note: text });
type Row = { name: string; email: string; note: string };

const op = fc.oneof(
  fc.record({ kind: fc.constant('import' as const), list: fc.integer({ min: 0, max: 1 }), rows: fc.array(row, { maxLength: 8 }) }),
  fc.record({ kind: fc.constant('edit' as const), pick: fc.nat(), to: row }),
  fc.record({ kind: fc.constant('undo' as const), list: fc.integer({ min: 0, max: 1 }) }),
  fc.record({ kind: fc.constant('delete' as const), list: fc.integer({ min: 0, max: 1 }), n: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constant('index' as const), steps: fc.integer({ min: 1, max: 6 }) }),
);

let t: ReturnType<typeof tempDb>;
let db: Db;
let lists: number[];
let importId: number;
beforeEach(() => {
  t = tempDb();
  db = t.db;
  lists = [1, 2].map((i) => Number(db.prepare("INSERT INTO lists (name, created_at, updated_at) VALUES (?, 0, 0)").run(`l${i}`).lastInsertRowid));
  importId = Number(
    db.prepare(`INSERT INTO imports (list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, report_json, created_at)
                VALUES (?, 'a.csv', 'x', 'utf-8', ',', 0, 0, 0, '{}', 0)`).run(lists[0]).lastInsertRowid,
  );
});
afterEach(() => t.cleanup());

const fields = (r: Row) => ({ 氏名: r.name, メール: r.email, 備考: r.note });

describe('member search index (property)', () => {
  it('always equals a plain filter over the list', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 14 }), fc.array(text.filter((q) => q.trim() !== ''), { minLength: 1, maxLength: 4 }), (ops, queries) => {
        db.exec('DELETE FROM members; DELETE FROM member_search_lists; DELETE FROM member_search_dirty; DELETE FROM member_search_terms');
        const indexer = createSearchIndexService({ db, stepRows: 3 });
        const kept = new Map<number, { id: number; r: Row }[]>(); // what "undo" restores, per list
        for (const o of ops) {
          if (o.kind === 'import') {
            // As replaceMembers: the new rows first (new ids), then the old ones go.
            const listId = lists[o.list]!;
            db.transaction(() => {
              const old = db.prepare('SELECT id, name, email, fields_json FROM members WHERE list_id = ?').all(listId) as { id: number; name: string; email: string; fields_json: string }[];
              kept.set(listId, old.map((m) => ({ id: m.id, r: { name: m.name, email: m.email, note: (JSON.parse(m.fields_json) as { 備考: string }).備考 } })));
              const maxOld = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM members').get() as { m: number }).m;
              const insert = memberInserter(db, listId, importId);
              o.rows.forEach((r, i) => insert({ line: i + 2, email: r.email, name: r.name, key: null, fields: fields(r), change: null }));
              db.prepare('DELETE FROM members WHERE list_id = ? AND id <= ?').run(listId, maxOld);
            })();
          } else if (o.kind === 'undo') {
            // As restoreReplacedMembers: the list's rows go, the kept ones come back under their ids.
            const listId = lists[o.list]!;
            const back = kept.get(listId);
            if (!back) continue;
            // The real undo refuses when another list's rows took any of the ids (never in practice).
            const taken = db.prepare('SELECT count(*) AS n FROM members WHERE id = ? AND list_id <> ?');
            if (back.some((m) => (taken.get(m.id, listId) as { n: number }).n > 0)) continue;
            kept.delete(listId);
            db.transaction(() => {
              db.prepare('DELETE FROM members WHERE list_id = ?').run(listId);
              const put = db.prepare("INSERT INTO members (id, list_id, line, email, name, fields_json) VALUES (?, ?, 2, ?, ?, ?)");
              for (const m of back) put.run(m.id, listId, m.r.email, m.r.name, JSON.stringify(fields(m.r)));
            })();
          } else if (o.kind === 'edit') {
            const ids = db.prepare('SELECT id FROM members ORDER BY id').pluck().all() as number[];
            if (ids.length === 0) continue;
            const id = ids[o.pick % ids.length]!;
            updateMemberRow(db, id, { email: o.to.email, name: o.to.name, fields: fields(o.to), change: null, editedBy: null, editedAt: 0 });
          } else if (o.kind === 'delete') {
            deleteSomeMembers(db, lists[o.list]!, o.n);
          } else {
            for (let i = 0; i < o.steps; i++) indexer.step();
          }
          for (const listId of lists) {
            for (const q of queries) {
              expect(searchIds(db, listId, q).ids).toEqual(bruteForceIds(db, listId, q));
            }
          }
        }
      }),
      { numRuns: Number(process.env.SEARCH_PROPERTY_RUNS ?? 60) },
    );
  }, 600_000);
});
