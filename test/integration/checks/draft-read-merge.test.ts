// The check report's draft read merges identical rows in JavaScript (check-recipients-query.ts)
// instead of asking SQLite once per row: on generated lists with repeated addresses and names (in
// other letter cases too), exclusions by key and by address, suppressions in any case and every
// kind of selection, it must give exactly the rows, in the order, that the recipients query
// (recipientsSql, what the freeze takes) gives.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterateDraftCheckRows } from '../../../electron/db/repos/check-recipients-query';
import { recipientsSql } from '../../../electron/db/repos/recipients-query';
import type { Selection } from '../../../shared/recipients';
import { tempDb } from '../../helpers/tmp';

let t: ReturnType<typeof tempDb>;
beforeAll(() => {
  t = tempDb();
  t.db.exec("INSERT INTO lists (id, name, columns_json, email_column, name_column, created_at, updated_at) VALUES (1, 'a', '[]', 'email', 'name', 0, 0), (2, 'b', '[]', 'email', 'name', 0, 0)");
});
afterAll(() => t.cleanup());

const email = fc.constantFrom('a@x.jp', 'A@x.jp', 'b@x.jp', 'c@y.jp', 'a@x.jp ', 'd@y.jp');
const name = fc.constantFrom('青木', '青木 ', 'Aoki', 'aoki', '', '馬場');
const member = fc.record({ list: fc.constantFrom(1, 1, 1, 2), email, name, key: fc.option(fc.constantFrom('k1', 'k2', 'k3'), { nil: null }), room: fc.constantFrom('A', 'B', '') });
const ref = fc.constantFrom('e:a@x.jp', 'e:b@x.jp', 'e:c@y.jp', 'k:k1', 'k:k2');
const selection: fc.Arbitrary<Selection> = fc.oneof(
  fc.record({ kind: fc.constant('all' as const), exclude: fc.array(ref, { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('picked' as const), refs: fc.array(ref, { maxLength: 4 }), exclude: fc.array(ref, { maxLength: 1 }) }),
  fc.record({
    kind: fc.constant('conditions' as const),
    match: fc.constantFrom('all' as const, 'any' as const),
    conditions: fc.array(fc.record({ column: fc.constant('room'), op: fc.constantFrom('equals' as const, 'not-empty' as const), values: fc.constant(['A']) }), { maxLength: 2 }),
  }),
);

describe('the draft read of the check report', () => {
  it('merges identical rows exactly as the recipients query does', () => {
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 30 }),
        fc.array(ref, { maxLength: 2 }),
        fc.array(fc.constantFrom('A@X.JP', 'c@y.jp', 'b@x.jp'), { maxLength: 2 }),
        selection,
        (members, excluded, suppressed, s) => {
          t.db.exec('DELETE FROM members; DELETE FROM list_exclusions; DELETE FROM suppressions');
          const insert = t.db.prepare("INSERT INTO members (list_id, line, email, name, member_key, fields_json) VALUES (?, ?, ?, ?, ?, ?)");
          members.forEach((m, i) => insert.run(m.list, i + 2, m.email, m.name, m.key, JSON.stringify({ email: m.email, name: m.name, room: m.room })));
          for (const r of new Set(excluded)) t.db.prepare('INSERT INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (1, ?, 0)').run(r);
          for (const a of new Set(suppressed.map((x) => x.toLowerCase()))) t.db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES (?, 'x', 0)").run(a);
          const q = recipientsSql(1, s);
          const expected = t.db.prepare(`SELECT id, email, name, fields_json, change, line, edited_by FROM (${q.sql}) ORDER BY id`).raw().all(...q.params);
          expect([...iterateDraftCheckRows(t.db, 1, s)]).toEqual(expected);
        },
      ),
      { numRuns: 300 },
    );
  });
});
