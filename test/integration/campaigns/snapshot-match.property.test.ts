// The comparison that lets approving and starting a send skip hashing the list (issue 15):
// listStillGivesSnapshot may say "unchanged" only when the recipients the list gives now are, row
// for row and in order, the frozen snapshot. Checked for any list (with identical rows that are
// merged, excluded members, suppressed addresses, a selection) and any change to it (fast-check),
// against the recipients hashed the slow way. The recipients query's merge of identical rows (an
// index probe, no window) is checked against a plain reading of the rule as well.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { iterateRecipientDigestTexts, iterateRecipients, listStillGivesSnapshot, snapshotFromRecipients } from '../../../electron/db/repos/recipients-query';
import { iterateSnapshotDigestTexts } from '../../../electron/db/repos/snapshots-repo';
import { memberRef, selectionMatches, type Selection } from '../../../shared/recipients';
import { tempDb } from '../../helpers/tmp';
import { seedCampaign } from '../checks/seed';

// Few addresses and names, so that identical rows (merged into the first) are common.
const EMAILS = ['a@x.example', 'b@x.example', 'c@x.example', 'A@x.example'];
const NAMES = ['青木', '馬場', ''];
const ROOMS = ['1', '2', ' 1'];

const member = fc.record({ email: fc.constantFrom(...EMAILS), name: fc.constantFrom(...NAMES), room: fc.constantFrom(...ROOMS) });
const selection: fc.Arbitrary<Selection> = fc.oneof(
  fc.constant({ kind: 'all' as const }),
  fc.record({ kind: fc.constant('all' as const), exclude: fc.subarray(EMAILS.map((e) => `e:${e.toLowerCase()}`), { minLength: 1 }) }),
  fc.record({
    kind: fc.constant('conditions' as const),
    match: fc.constant('all' as const),
    conditions: fc.tuple(fc.constantFrom(...ROOMS)).map(([v]) => [{ column: 'room', op: 'equals' as const, values: [v] }]),
  }),
);

/** One change to the list after the freeze (or none). */
const change = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('room' as const), at: fc.nat(), room: fc.constantFrom(...ROOMS) }),
  fc.record({ kind: fc.constant('name' as const), at: fc.nat(), name: fc.constantFrom(...NAMES) }),
  fc.record({ kind: fc.constant('email' as const), at: fc.nat(), email: fc.constantFrom(...EMAILS) }),
  fc.record({ kind: fc.constant('same-text' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('insert' as const), m: member }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('exclude' as const), email: fc.constantFrom(...EMAILS) }),
  fc.record({ kind: fc.constant('suppress' as const), email: fc.constantFrom(...EMAILS) }),
  fc.record({ kind: fc.constant('unsuppress' as const) }),
);

let t: ReturnType<typeof tempDb>;
beforeAll(() => {
  t = tempDb();
});
afterAll(() => t.cleanup());

function reset(): void {
  t.db.exec(
    'DELETE FROM snapshots; DELETE FROM campaigns; DELETE FROM members; DELETE FROM imports; DELETE FROM list_exclusions; DELETE FROM lists; DELETE FROM suppressions; DELETE FROM users; DELETE FROM smtp_profiles',
  );
}

const suppress = (email: string): void => {
  t.db.prepare('INSERT OR IGNORE INTO suppressions (address, reason, added_at) VALUES (?, ?, 0)').run(email, 'manual');
};

type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

function applyChange(listId: number, c: Change): void {
  const ids = t.db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id').pluck().all(listId) as number[];
  const pick = (at: number): number | undefined => (ids.length === 0 ? undefined : ids[at % ids.length]);
  switch (c.kind) {
    case 'none':
      return;
    case 'room':
    case 'name':
    case 'email': {
      const id = pick(c.at);
      if (id === undefined) return;
      const col = c.kind === 'room' ? 'room' : c.kind;
      const value = c.kind === 'room' ? c.room : c.kind === 'name' ? c.name : c.email;
      if (c.kind !== 'room') t.db.prepare(`UPDATE members SET ${c.kind} = ? WHERE id = ?`).run(value, id);
      t.db.prepare(`UPDATE members SET fields_json = json_set(fields_json, '$.${col}', ?) WHERE id = ?`).run(value, id);
      return;
    }
    case 'same-text': {
      const id = pick(c.at);
      if (id !== undefined) t.db.prepare('UPDATE members SET fields_json = fields_json WHERE id = ?').run(id);
      return;
    }
    case 'insert':
      t.db
        .prepare("INSERT INTO members (list_id, line, email, name, fields_json) VALUES (?, 99, ?, ?, ?)")
        .run(listId, c.m.email, c.m.name, JSON.stringify({ email: c.m.email, name: c.m.name, room: c.m.room }));
      return;
    case 'delete': {
      const id = pick(c.at);
      if (id !== undefined) t.db.prepare('DELETE FROM members WHERE id = ?').run(id);
      return;
    }
    case 'exclude':
      t.db.prepare('INSERT OR IGNORE INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (?, ?, 0)').run(listId, memberRef({ key: null, email: c.email }));
      return;
    case 'suppress':
      suppress(c.email);
      return;
    case 'unsuppress':
      t.db.exec('DELETE FROM suppressions');
      return;
  }
}

describe('the list still gives the frozen snapshot', () => {
  it('is said only when the recipients now are the frozen rows, and always when nothing changed', () => {
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 0, maxLength: 10 }),
        selection,
        fc.subarray(EMAILS),
        change,
        (rows, sel, suppressed, c) => {
          reset();
          const members = rows.map((r) => ({ email: r.email, name: r.name, fields: { room: r.room } }));
          const { listId, campaignId } = seedCampaign(t.db, { members, columns: ['email', 'name', 'room'] });
          for (const e of suppressed) suppress(e);
          snapshotFromRecipients(t.db, campaignId, listId, sel);
          expect(listStillGivesSnapshot(t.db, campaignId, listId, sel)).toBe(true);
          applyChange(listId, c);
          const frozen = [...iterateSnapshotDigestTexts(t.db, campaignId)];
          const now = [...iterateRecipientDigestTexts(t.db, listId, sel)];
          if (listStillGivesSnapshot(t.db, campaignId, listId, sel)) expect(now).toEqual(frozen);
          if (c.kind === 'none' || c.kind === 'same-text') expect(listStillGivesSnapshot(t.db, campaignId, listId, sel)).toBe(true);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('merges a chosen row into the first chosen row with the same address and name, as the rule says', () => {
    fc.assert(
      fc.property(fc.array(member, { minLength: 0, maxLength: 12 }), selection, fc.subarray(EMAILS), (rows, sel, suppressed) => {
        reset();
        const members = rows.map((r) => ({ email: r.email, name: r.name, fields: { room: r.room } }));
        const { listId } = seedCampaign(t.db, { members, columns: ['email', 'name', 'room'] });
        for (const e of suppressed) suppress(e);
        const seen = new Set<string>();
        const expected = members
          // Suppressed addresses compare without ASCII case (the table's NOCASE).
          .filter((m) => !suppressed.some((e) => e.toLowerCase() === m.email.toLowerCase()))
          .filter((m) => selectionMatches(sel, { key: null, email: m.email, fields: { email: m.email, name: m.name, ...m.fields } }))
          .filter((m) => {
            const k = `${m.email}\u0000${m.name}`;
            if (seen.has(k)) return false;
            seen.add(k);
            return true;
          })
          .map((m) => [m.email, m.name, m.fields.room]);
        expect([...iterateRecipients(t.db, listId, sel)].map((r) => [r.email, r.name, r.fields['room']])).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
