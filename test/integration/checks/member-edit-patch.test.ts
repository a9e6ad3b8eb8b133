// After a member's edit in the app (members:update, recorded by memberRowEdited) or an exclusion
// added or removed (recorded by listRowsChanged) the check
// report's kept draft recipients are brought up to date by reading again only the rows the edit
// can have changed (draft-recipients-cache.ts, check-input.ts). On generated lists with identical
// rows (merged into the first), exclusions, suppressions and selections, after every sequence of
// edits of addresses, names and cells and of exclusions by key or address — with now and then another write in between, which must
// make the read start afresh — the recipients and left-out figures must be exactly a fresh read's.
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/connection';
import { listRowsChanged, memberRowEdited } from '../../../electron/db/content-version';
import { membersSharingRef, membersWithRef } from '../../../electron/db/repos/check-recipients-query';
import { deleteExclusion, insertExclusion } from '../../../electron/db/repos/list-rules-repo';
import { readCheckInput } from '../../../electron/services/checks/check-input';
import type { Selection } from '../../../shared/recipients';
import { tempDb } from '../../helpers/tmp';
import { seedCampaign } from './seed';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const EMAILS = ['a@x.jp', 'b@x.jp', 'c@y.jp', 'd@y.jp', 'A@x.jp'];
const NAMES = ['青木', '馬場', '千葉'];
const ROOMS = ['A', 'B', ''];

/** The read as the check screen gets it (kept, perhaps brought up to date), and the same from nothing kept. */
function reads(db: Db, campaignId: number) {
  const kept = () => readCheckInput(db, campaignId);
  // Inside a transaction nothing is kept or reused (cacheableMembersVersion): a fresh read.
  const fresh = () => db.transaction(() => readCheckInput(db, campaignId))();
  return { kept, fresh };
}

const edit = fc.record({
  // An edit of the member's row (members:update), or an exclusion of it added or removed.
  kind: fc.constantFrom('edit', 'edit', 'exclude', 'include'),
  member: fc.nat(29),
  email: fc.option(fc.constantFrom(...EMAILS), { nil: undefined }),
  name: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
  room: fc.option(fc.constantFrom(...ROOMS), { nil: undefined }),
  // Another write first (a member changed outside members:update): the chain is broken.
  other: fc.nat(9).map((n) => n < 3),
});
const selection: fc.Arbitrary<Selection> = fc.constantFrom<Selection>(
  { kind: 'all' },
  { kind: 'all', exclude: ['e:b@x.jp'] },
  { kind: 'conditions', match: 'all', conditions: [{ column: 'room', op: 'equals', values: ['A'] }] },
  { kind: 'picked', refs: ['e:a@x.jp', 'e:c@y.jp', 'e:d@y.jp'] },
);

describe('the draft recipients after members:update', () => {
  it('are brought up to date exactly as a fresh read gives them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ email: fc.constantFrom(...EMAILS), name: fc.constantFrom(...NAMES), room: fc.constantFrom(...ROOMS) }), { minLength: 30, maxLength: 30 }),
        fc.array(edit, { minLength: 1, maxLength: 12 }),
        selection,
        fc.boolean(),
        (members, edits, s, leftOut) => {
          const t = tempDb();
          try {
            const { db } = t;
            const { campaignId, listId } = seedCampaign(db, {
              members: members.map((m) => ({ email: m.email, name: m.name, fields: { room: m.room } })),
              columns: ['email', 'name', 'room'],
              template: { subject: '{{room}}', body: '{{name}} 様 {{room|-}}' },
            });
            db.prepare('UPDATE campaigns SET selection_json = ? WHERE id = ?').run(JSON.stringify(s), campaignId);
            if (leftOut) {
              db.prepare("INSERT INTO list_exclusions (list_id, member_ref, excluded_at) VALUES (?, 'e:d@y.jp', 0)").run(listId);
              db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES ('C@Y.JP', 'moved', 0)").run();
            }
            const ids = db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id').pluck().all(listId) as number[];
            // Some members have a key: their exclusions are by key, the others' by address.
            for (const id of ids.filter((_, i) => i % 4 === 0)) db.prepare("UPDATE members SET member_key = 'k' || (id % 3) WHERE id = ?").run(id);
            const { kept, fresh } = reads(db, campaignId);
            kept();
            for (const e of edits) {
              const id = ids[e.member]!;
              if (e.other) db.prepare("UPDATE members SET line = line + 1 WHERE id = ?").run(ids[(e.member + 7) % ids.length]);
              if (e.kind === 'exclude') {
                listRowsChanged(db, listId, () => membersSharingRef(db, listId, id), () => {
                  const ref = db.prepare("SELECT CASE WHEN member_key IS NOT NULL AND member_key <> '' THEN 'k:' || member_key ELSE 'e:' || lower(email) END FROM members WHERE id = ?").pluck().get(id) as string;
                  insertExclusion(db, listId, { ref, reason: null, by: null }, 0);
                });
              } else if (e.kind === 'include') {
                const ref = (db.prepare('SELECT member_ref FROM list_exclusions WHERE list_id = ? ORDER BY member_ref').pluck().all(listId) as string[])[e.member % 3];
                if (ref !== undefined) listRowsChanged(db, listId, () => membersWithRef(db, listId, ref), () => deleteExclusion(db, listId, ref));
              } else {
                memberRowEdited(db, id, () => {
                  const m = db.prepare('SELECT email, name, fields_json FROM members WHERE id = ?').get(id) as { email: string; name: string; fields_json: string };
                  const fields = { ...(JSON.parse(m.fields_json) as Record<string, string>), ...(e.room !== undefined ? { room: e.room } : {}) };
                  const email = e.email ?? m.email;
                  const name = e.name ?? m.name;
                  db.prepare("UPDATE members SET email = ?, name = ?, fields_json = ?, change = 'email-changed', edited_by = '鈴木' WHERE id = ?").run(
                    email,
                    name,
                    JSON.stringify({ ...fields, email, name }),
                    id,
                  );
                });
              }
              const got = kept();
              const want = fresh();
              expect(got.recipients).toEqual(want.recipients);
              expect(got.leftOut).toEqual(want.leftOut);
              expect(got.sampleSeed).toBe(want.sampleSeed);
            }
          } finally {
            t.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('read again only the rows an edit can have changed; any other write reads the whole list', () => {
    const t = tempDb();
    cleanup = t.cleanup;
    const { db } = t;
    const { campaignId, listId } = seedCampaign(db, {
      members: [
        { email: 'a@x.jp', name: '青木' },
        { email: 'a@x.jp', name: '青木' }, // identical to the first: merged
        { email: 'b@x.jp', name: '馬場' },
        { email: 'c@y.jp', name: '千葉' },
      ],
    });
    const [first, second, third, fourth] = db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id').pluck().all(listId) as number[];
    const { kept, fresh } = reads(db, campaignId);
    const before = kept();
    expect(before.recipients.map((r) => r.id)).toEqual([first, third, fourth]);
    // The first row's address changes: the second is no longer merged into it.
    memberRowEdited(db, first!, () => db.prepare("UPDATE members SET email = 'a2@x.jp', edited_by = '鈴木' WHERE id = ?").run(first));
    const after = kept();
    expect(after.recipients.map((r) => r.id)).toEqual([first, second, third, fourth]);
    expect(after.leftOut?.merged).toBe(0);
    expect(after.recipients).toEqual(fresh().recipients);
    // The rows the edit cannot have changed are the very rows kept before: not read again.
    expect(after.recipients[2]).toBe(before.recipients[1]);
    expect(after.recipients[3]).toBe(before.recipients[2]);
    // A write not recorded as a member's edit: the whole list is read again.
    db.prepare("UPDATE members SET name = '千葉 三郎' WHERE id = ?").run(fourth);
    const reread = kept();
    expect(reread.recipients[2]).not.toBe(after.recipients[2]);
    expect(reread.recipients).toEqual(fresh().recipients);
  });
});
