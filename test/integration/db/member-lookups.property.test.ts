// Migration 0016: member_emails and member_keys replace members' address and key indexes, kept by
// triggers. On real SQLite files, random writes through the repos and in raw SQL (inserts, chosen
// ids as an undo restores them, edits of the address, key, list and id, deletes, a list's delete
// cascading) keep the lookups exactly the members of every list that is not pending (a pending
// list's import writes its own entries before publishing it). After each sequence, the queries that
// read the lookups answer as the old queries on members answered.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/connection';
import { isMemberAddress } from '../../../electron/db/repos/approval-addresses-repo';
import { membersTouchedBy } from '../../../electron/db/repos/check-recipients-query';
import { findDuplicates } from '../../../electron/db/repos/import-diff-repo';
import { keepReplacedMembers, restoreReplacedMembers } from '../../../electron/db/repos/import-undo-repo';
import { createPendingList, deletePendingList } from '../../../electron/db/repos/lists-repo';
import { findMemberByEmail, findMemberByKey, findMemberByRef, memberInserter, updateMemberRow } from '../../../electron/db/repos/members-repo';
import { iterateRecipients } from '../../../electron/db/repos/recipients-query';
import { suppressedInList } from '../../../electron/db/repos/suppressions-repo';
import { tempDb } from '../../helpers/tmp';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

// Few addresses (two differ only in case) and keys (one empty), so shared ones are common.
const EMAILS = ['a@x.jp', 'A@x.jp', 'b@x.jp', 'c@y.jp'] as const;
const KEYS = [null, '', '1', '2', '3'] as const;
const NAMES = ['青木', '井上'] as const;
/** Lists 1 and 2 are published, 3 is pending (an import running). */
const LISTS = [1, 2, 3] as const;
const PUBLISHED = [1, 2] as const;

const email = fc.constantFrom(...EMAILS);
const key = fc.constantFrom(...KEYS);
const name = fc.constantFrom(...NAMES);
/** A member picked among those present (modulo their count), so edits mostly hit someone. */
const pick = fc.nat({ max: 1000 });

const op = fc.oneof(
  fc.record({ kind: fc.constant('repo-insert' as const), list: fc.constantFrom(...LISTS), email, name, key }),
  fc.record({ kind: fc.constant('raw-insert' as const), list: fc.constantFrom(...LISTS), email, name, key }),
  fc.record({ kind: fc.constant('insert-id' as const), list: fc.constantFrom(...LISTS), gap: fc.integer({ min: 1, max: 5 }), email, key }),
  fc.record({ kind: fc.constant('repo-edit' as const), pick, email, name }),
  fc.record({ kind: fc.constant('set-email' as const), pick, email }),
  fc.record({ kind: fc.constant('set-key' as const), pick, key }),
  fc.record({ kind: fc.constant('set-email-key' as const), pick, email, key }),
  fc.record({ kind: fc.constant('move' as const), pick, list: fc.constantFrom(...PUBLISHED) }),
  fc.record({ kind: fc.constant('renumber' as const), pick, gap: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ kind: fc.constant('no-op-update' as const), pick }),
  fc.record({ kind: fc.constant('delete' as const), pick }),
  fc.record({ kind: fc.constant('delete-list' as const), list: fc.constantFrom(...LISTS) }),
  fc.record({ kind: fc.constant('undo' as const), list: fc.constantFrom(...PUBLISHED), drop: pick, email, key }),
);
type Op = typeof op extends fc.Arbitrary<infer T> ? T : never;

let importIds = 100;

function setUp(db: Db): void {
  for (const id of PUBLISHED) db.prepare("INSERT INTO lists (id, name, created_at, updated_at) VALUES (?, 'l', 0, 0)").run(id);
  recreatePending(db);
  db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES ('b@x.jp', 'manual', 0), ('a@x.jp', 'bounce', 0)").run();
}

function recreatePending(db: Db): void {
  const id = createPendingList(db, 'p', 0);
  db.prepare('UPDATE lists SET id = 3 WHERE id = ?').run(id);
}

function importOf(db: Db, list: number): number {
  const id = ++importIds;
  db.prepare(
    "INSERT INTO imports (id, list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, report_json, created_at) VALUES (?, ?, 'f', 'x', 'utf-8', ',', 0, 0, 0, '{}', 0)",
  ).run(id, list);
  return id;
}

/** Members the edits may touch: those of published lists (only the import writes under a pending list). */
function publishedMember(db: Db, n: number): number | undefined {
  const ids = db.prepare('SELECT m.id FROM members m JOIN lists l ON l.id = m.list_id WHERE l.pending = 0 ORDER BY m.id').pluck().all() as number[];
  return ids.length === 0 ? undefined : ids[n % ids.length];
}

function apply(db: Db, o: Op): void {
  const raw = db.prepare("INSERT INTO members (list_id, line, email, name, member_key, fields_json) VALUES (?, 7, ?, ?, ?, '{}')");
  const maxId = () => (db.prepare('SELECT coalesce(max(id), 0) FROM members').pluck().get() as number);
  switch (o.kind) {
    case 'repo-insert':
      memberInserter(db, o.list, importOf(db, o.list))({ line: 3, email: o.email, name: o.name, key: o.key, fields: { x: '1' }, change: null });
      return;
    case 'raw-insert':
      raw.run(o.list, o.email, o.name, o.key);
      return;
    case 'insert-id':
      db.prepare("INSERT INTO members (id, list_id, line, email, name, member_key, fields_json) VALUES (?, ?, 2, ?, 'n', ?, '{}')").run(maxId() + o.gap, o.list, o.email, o.key);
      return;
    case 'delete-list':
      if (o.list === 3) {
        deletePendingList(db, 3);
        recreatePending(db);
      } else {
        db.prepare('DELETE FROM lists WHERE id = ?').run(o.list);
        db.prepare("INSERT INTO lists (id, name, created_at, updated_at) VALUES (?, 'l', 0, 0)").run(o.list);
      }
      return;
    case 'undo': {
      // An import's undo: the list's members are kept, replaced, then restored under their own ids.
      const imp = importOf(db, o.list);
      keepReplacedMembers(db, { importId: imp, listId: o.list, previousImportId: null, mapping: { columns: [], emailColumn: null, nameColumn: null, keyColumn: null } });
      const id = publishedMember(db, o.drop);
      if (id !== undefined) db.prepare('DELETE FROM members WHERE id = ? AND list_id = ?').run(id, o.list);
      raw.run(o.list, o.email, 'new', o.key);
      restoreReplacedMembers(db, imp, o.list);
      return;
    }
    default:
      break;
  }
  const id = publishedMember(db, o.pick);
  if (id === undefined) return;
  switch (o.kind) {
    case 'repo-edit':
      updateMemberRow(db, id, { email: o.email, name: o.name, fields: {}, change: 'email-changed', editedBy: 'u', editedAt: 1 });
      return;
    case 'set-email':
      db.prepare('UPDATE members SET email = ? WHERE id = ?').run(o.email, id);
      return;
    case 'set-key':
      db.prepare('UPDATE members SET member_key = ? WHERE id = ?').run(o.key, id);
      return;
    case 'set-email-key':
      db.prepare('UPDATE members SET email = ?, member_key = ? WHERE id = ?').run(o.email, o.key, id);
      return;
    case 'move':
      // Its imports stay with the old list: a member moved off them must not point at them (the
      // old list's delete would otherwise leave a dangling foreign key for a later write to trip on).
      db.prepare('UPDATE members SET list_id = ?, first_seen_import = NULL, last_seen_import = NULL WHERE id = ?').run(o.list, id);
      return;
    case 'renumber':
      db.prepare('UPDATE members SET id = ? WHERE id = ?').run(maxId() + o.gap, id);
      return;
    case 'no-op-update':
      db.prepare('UPDATE members SET email = email, member_key = member_key, list_id = list_id, line = line + 1 WHERE id = ?').run(id);
      return;
    case 'delete':
      db.prepare('DELETE FROM members WHERE id = ?').run(id);
      return;
  }
}

function expectLookupsExact(db: Db): void {
  const published = 'FROM members m JOIN lists l ON l.id = m.list_id WHERE l.pending IS NOT 1';
  expect(db.prepare('SELECT list_id, email, member_id FROM member_emails ORDER BY 1, 2, 3').raw().all()).toEqual(
    db.prepare(`SELECT m.list_id, m.email, m.id ${published} ORDER BY 1, 2, 3`).raw().all(),
  );
  expect(db.prepare('SELECT list_id, member_key, member_id FROM member_keys ORDER BY 1, 2, 3').raw().all()).toEqual(
    db.prepare(`SELECT m.list_id, m.member_key, m.id ${published} AND m.member_key IS NOT NULL ORDER BY 1, 2, 3`).raw().all(),
  );
}

/** The queries on the lookups against the queries on members they replaced (order made explicit where an index gave it). */
function expectQueriesAsBefore(db: Db): void {
  for (const list of PUBLISHED) {
    const first = (where: string, arg: string) =>
      db.prepare(`SELECT id FROM members WHERE list_id = ? AND ${where} ORDER BY id LIMIT 1`).pluck().get(list, arg) ?? undefined;
    for (const k of KEYS) if (k !== null) expect(findMemberByKey(db, list, k)?.id).toBe(first('member_key = ?', k));
    for (const e of EMAILS) {
      expect(findMemberByEmail(db, list, e)?.id).toBe(first('email = ?', e));
      expect(findMemberByRef(db, list, `e:${e.toLowerCase()}`)?.id).toBe(first('lower(email) = ?', e.toLowerCase()));
      expect(isMemberAddress(db, list, 999, e)).toBe(first('lower(email) = ?', e.toLowerCase()) !== undefined);
    }
    const groups = 'SELECT email FROM members WHERE list_id = ? GROUP BY email HAVING count(*) > 1';
    const duplicates = (db.prepare(`${groups} ORDER BY min(id) LIMIT 2`).pluck().all(list) as string[]).map((e) => ({
      email: e,
      rows: db.prepare('SELECT line FROM members WHERE list_id = ? AND email = ? ORDER BY line').pluck().all(list, e),
    }));
    expect(findDuplicates(db, list, 2)).toEqual({
      duplicates,
      duplicateCount: db.prepare(`SELECT count(*) FROM (${groups})`).pluck().get(list),
    });
    const ids = db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id LIMIT 2').pluck().all(list) as number[];
    expect(membersTouchedBy(db, list, ids, ['b@x.jp', 'A@x.jp'])).toEqual(
      db
        .prepare(
          `SELECT id FROM members WHERE list_id = ? AND id IN (SELECT value FROM json_each(?))
           UNION SELECT id FROM members WHERE list_id = ? AND email IN ('b@x.jp', 'A@x.jp') ORDER BY id`,
        )
        .pluck()
        .all(list, JSON.stringify(ids), list),
    );
    // members_by_email gave the address order.
    expect(suppressedInList(db, list, 2)).toEqual(
      db
        .prepare('SELECT DISTINCT m.email AS email, s.reason AS reason FROM members m JOIN suppressions s ON s.address = m.email WHERE m.list_id = ? ORDER BY m.email LIMIT 2')
        .all(list),
    );
    // The recipients: the list in id order, less suppressed addresses and rows identical (address
    // and name) to an earlier recipient.
    const rows = db.prepare('SELECT id, email, name FROM members WHERE list_id = ? ORDER BY id').all(list) as { id: number; email: string; name: string }[];
    const suppressed = new Set(['a@x.jp', 'b@x.jp']);
    const seen = new Set<string>();
    const expected: number[] = [];
    for (const r of rows) {
      if (suppressed.has(r.email.toLowerCase())) continue;
      const identity = `${r.email}\u0000${r.name}`;
      if (!seen.has(identity)) expected.push(r.id);
      seen.add(identity);
    }
    expect([...iterateRecipients(db, list, { kind: 'all' })].map((r) => r.memberId)).toEqual(expected);
  }
}

describe('0016 member lookups', () => {
  it('stay exactly the members of every published list through random writes, and the queries on them answer as before', async () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const db = t.db;
    let run = 0;
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 40 }), (ops) => {
        // Each run on a fresh set of lists in the one file (its own savepoint, rolled back).
        db.exec(`SAVEPOINT run${++run}`);
        try {
          setUp(db);
          expectLookupsExact(db);
          for (const o of ops) {
            apply(db, o);
            expectLookupsExact(db);
          }
          expectQueriesAsBefore(db);
        } finally {
          db.exec(`ROLLBACK TO run${run}; RELEASE run${run}`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
