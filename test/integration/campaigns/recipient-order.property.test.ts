// The kept recipients' order (electron/db/recipient-order.ts) against the recipients query it
// replaces on the check screen, on real SQLite files: random lists with identical rows to merge,
// exclusions in the app, suppressed addresses and selections (all, picked, conditions, each with
// excluded refs). For every position the same member, for every member the same position, the
// same count — and still so after a random write made once the order was kept (the cache must be
// dropped by every change it depends on), inside a transaction, and when the check report primed it.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Selection } from '../../../shared/recipients';
import { recipientOrder, recordRecipientOrder } from '../../../electron/db/recipient-order';
import { iterateRecipients, recipientRowById } from '../../../electron/db/repos/recipients-query';
import type { Db } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/tmp';

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});

interface Member {
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
  readonly ward: string;
}

const member: fc.Arbitrary<Member> = fc.record({
  // Few addresses and names, so identical rows (merged) and shared addresses are common.
  email: fc.constantFrom('a@x.jp', 'b@x.jp', 'c@y.jp', 'd@y.jp', 'e@z.jp'),
  name: fc.constantFrom('青木', '井上', '上田'),
  key: fc.option(fc.constantFrom('1', '2', '3', '4', '5', '6'), { nil: null }),
  ward: fc.constantFrom('A', 'B', ''),
});

const ref = fc.oneof(fc.constantFrom('k:1', 'k:2', 'k:3', 'k:4'), fc.constantFrom('e:a@x.jp', 'e:c@y.jp', 'e:e@z.jp'));

const selection: fc.Arbitrary<Selection> = fc.oneof(
  fc.record({ kind: fc.constant('all' as const), exclude: fc.array(ref, { maxLength: 2 }) }),
  fc.record({ kind: fc.constant('picked' as const), refs: fc.array(ref, { maxLength: 5 }), exclude: fc.array(ref, { maxLength: 1 }) }),
  fc.record({
    kind: fc.constant('conditions' as const),
    match: fc.constantFrom('all' as const, 'any' as const),
    conditions: fc.array(
      fc.oneof(
        fc.record({ column: fc.constant('棟'), op: fc.constant('equals' as const), values: fc.tuple(fc.constantFrom('A', 'B')).map((v) => [...v]) }),
        fc.record({ column: fc.constant('棟'), op: fc.constant('empty' as const), values: fc.constant([] as string[]) }),
        fc.record({ column: fc.constant('棟'), op: fc.constant('not-empty' as const), values: fc.constant([] as string[]) }),
      ),
      { maxLength: 2 },
    ),
  }),
);

/** A write the order depends on (or not), made after the order was kept. */
const write = fc.oneof(
  fc.record({ kind: fc.constant('suppress' as const), email: member.map((m) => m.email) }),
  fc.record({ kind: fc.constant('unsuppress' as const) }),
  fc.record({ kind: fc.constant('exclude' as const), ref }),
  fc.record({ kind: fc.constant('unexclude' as const) }),
  fc.record({ kind: fc.constant('add' as const), m: member }),
  fc.record({ kind: fc.constant('rename' as const), at: fc.nat(30), name: fc.constantFrom('青木', '井上') }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(30) }),
);
type Write = typeof write extends fc.Arbitrary<infer W> ? W : never;

function listOf(db: Db, members: readonly Member[]): number {
  const listId = Number(
    db.prepare("INSERT INTO lists (name, columns_json, email_column, name_column, key_column, created_at, updated_at) VALUES ('l', '[\"棟\"]', 'email', 'name', 'key', 0, 0)").run().lastInsertRowid,
  );
  members.forEach((m) => addMember(db, listId, m));
  return listId;
}

function addMember(db: Db, listId: number, m: Member): void {
  db.prepare('INSERT INTO members (list_id, line, email, name, member_key, fields_json) VALUES (?, 0, ?, ?, ?, ?)').run(listId, m.email, m.name, m.key, JSON.stringify({ 棟: m.ward }));
}

function apply(db: Db, listId: number, w: Write): void {
  const nth = (at: number) => db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id LIMIT 1 OFFSET ?').pluck().get(listId, at) as number | undefined;
  switch (w.kind) {
    case 'suppress':
      db.prepare("INSERT OR IGNORE INTO suppressions (address, reason, added_at) VALUES (?, 'manual', 0)").run(w.email);
      return;
    case 'unsuppress':
      db.prepare('DELETE FROM suppressions WHERE rowid = (SELECT min(rowid) FROM suppressions)').run();
      return;
    case 'exclude':
      db.prepare('INSERT OR IGNORE INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (?, ?, 0)').run(listId, w.ref);
      return;
    case 'unexclude':
      db.prepare('DELETE FROM list_exclusions WHERE rowid = (SELECT min(rowid) FROM list_exclusions)').run();
      return;
    case 'add':
      addMember(db, listId, w.m);
      return;
    case 'rename':
      db.prepare('UPDATE members SET name = ? WHERE id = ?').run(w.name, nth(w.at) ?? -1);
      return;
    case 'delete':
      db.prepare('DELETE FROM members WHERE id = ?').run(nth(w.at) ?? -1);
      return;
  }
}

/** The kept order answers exactly as the recipients query does, position by position. */
function expectSameAsQuery(db: Db, listId: number, s: Selection): void {
  const expected = [...iterateRecipients(db, listId, s)];
  const order = recipientOrder(db, listId, s);
  expect(order.count).toBe(expected.length);
  expected.forEach((r, i) => {
    expect(order.idAt(i)).toBe(r.memberId);
    expect(order.positionOf(r.memberId)).toBe(i);
    expect(recipientRowById(db, r.memberId)).toEqual(r);
  });
  expect(order.idAt(expected.length)).toBeUndefined();
  const all = db.prepare('SELECT id FROM members WHERE list_id = ?').pluck().all(listId) as number[];
  for (const id of all) if (!expected.some((r) => r.memberId === id)) expect(order.positionOf(id)).toBeUndefined();
}

function freshDb(): Db {
  const t = tempDb();
  cleanups.push(t.cleanup);
  return t.db;
}

describe('the kept recipients order', () => {
  it('gives the same member at each position as the recipients query, before and after any write', () => {
    const db = freshDb();
    fc.assert(
      fc.property(
        fc.array(member, { maxLength: 25 }),
        fc.array(member.map((m) => m.email), { maxLength: 2 }),
        fc.array(ref, { maxLength: 2 }),
        selection,
        fc.array(write, { minLength: 1, maxLength: 3 }),
        (members, suppressed, excluded, s, writes) => {
          db.exec('DELETE FROM suppressions; DELETE FROM list_exclusions');
          const listId = listOf(db, members);
          for (const e of suppressed) apply(db, listId, { kind: 'suppress', email: e });
          for (const r of excluded) apply(db, listId, { kind: 'exclude', ref: r });
          expectSameAsQuery(db, listId, s);
          // Kept now; each write must drop it.
          for (const w of writes) {
            recipientOrder(db, listId, s);
            apply(db, listId, w);
            expectSameAsQuery(db, listId, s);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('is dropped by a commit of another connection to the same file', () => {
    const t = tempDb();
    cleanups.push(t.cleanup);
    const listId = listOf(t.db, [
      { email: 'a@x.jp', name: '青木', key: '1', ward: 'A' },
      { email: 'b@x.jp', name: '井上', key: '2', ward: 'B' },
    ]);
    const s: Selection = { kind: 'all' };
    expect(recipientOrder(t.db, listId, s).count).toBe(2);
    const other = new (t.db.constructor as new (file: string) => Db)(t.file);
    try {
      other.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES ('a@x.jp', 'manual', 0)").run();
    } finally {
      other.close();
    }
    expect(recipientOrder(t.db, listId, s).count).toBe(1);
    expectSameAsQuery(t.db, listId, s);
  });

  it('neither keeps nor reuses an order inside a transaction (a rollback would outlive it)', () => {
    const db = freshDb();
    const listId = listOf(db, [
      { email: 'a@x.jp', name: '青木', key: '1', ward: 'A' },
      { email: 'b@x.jp', name: '井上', key: '2', ward: 'B' },
    ]);
    const s: Selection = { kind: 'all' };
    expect(recipientOrder(db, listId, s).count).toBe(2);
    try {
      db.transaction(() => {
        db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES ('a@x.jp', 'manual', 0)").run();
        expect(recipientOrder(db, listId, s).count).toBe(1);
        throw new Error('roll back');
      })();
    } catch (e) {
      expect(String(e)).toContain('roll back');
    }
    expect(recipientOrder(db, listId, s).count).toBe(2);
    expectSameAsQuery(db, listId, s);
  });

  it('serves the order the check report recorded while nothing changed, and not after a write', () => {
    const db = freshDb();
    const listId = listOf(db, [
      { email: 'a@x.jp', name: '青木', key: '1', ward: 'A' },
      { email: 'b@x.jp', name: '井上', key: '2', ward: 'B' },
    ]);
    const s: Selection = { kind: 'all' };
    const recorder = recordRecipientOrder(db, listId, s);
    // A recorder fed a wrong order shows which answer is served: the recorded one while unchanged.
    recorder.add(-7);
    recorder.done();
    expect(recipientOrder(db, listId, s).idAt(0)).toBe(-7);
    db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES ('zz@x.jp', 'manual', 0)").run();
    expectSameAsQuery(db, listId, s);
  });
});
