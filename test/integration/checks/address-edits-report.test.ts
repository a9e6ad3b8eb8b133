// After a member's address edited in the app (members:update) or an exclusion added or removed,
// the check service patches its kept draft recipients (draft-recipients-cache.ts) and the address
// part of the member findings (address-index.ts) instead of computing them again. On generated
// lists with identical rows, shared addresses, look-alikes, typo domains and invalid addresses,
// after every step of a random sequence of such edits — with now and then a write the service does
// not know (the whole list is read again) — the report must be exactly the report computed from
// nothing kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { listRowsChanged, memberRowEdited } from '../../../electron/db/content-version';
import { membersSharingRef, membersWithRef } from '../../../electron/db/repos/check-recipients-query';
import { deleteExclusion, insertExclusion } from '../../../electron/db/repos/list-rules-repo';
import { createCheckService } from '../../../electron/services/checks';
import { readCheckInput } from '../../../electron/services/checks/check-input';
import { runChecks } from '../../../shared/guards';
import { tempDb } from '../../helpers/tmp';
import { seedCampaign } from './seed';

const EMAILS = ['taro@gmail.com', 'tar0@gmail.com', 'taro@gmial.com', 'hanako@docomo.ne.jp', 'hanak0@docomo.ne.jp', 'jiro@corp.co.jp', 'jiro@c0rp.co.jp', 'a..b@ezweb.ne.jp', 'bad@', 'TARO@gmail.com'];
const NAMES = ['青木 太郎', '青木　太郎', '馬場 花子', '千葉'];

const step = fc.record({
  kind: fc.constantFrom('address', 'address', 'name', 'exclude', 'include'),
  member: fc.nat(24),
  email: fc.constantFrom(...EMAILS),
  name: fc.constantFrom(...NAMES),
  // A write the check service is not told about first: the whole list is read again.
  other: fc.nat(9).map((n) => n === 0),
});

describe('the check report after address edits and exclusions', () => {
  it('is the report computed from nothing kept, after every step', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ email: fc.constantFrom(...EMAILS), name: fc.constantFrom(...NAMES) }), { minLength: 25, maxLength: 25 }),
        fc.array(step, { minLength: 1, maxLength: 10 }),
        fc.subarray(['taro@gmail.com', 'hanako@docomo.ne.jp']),
        (members, steps, shared) => {
          const t = tempDb();
          try {
            const { db } = t;
            const { campaignId, listId } = seedCampaign(db, { members: members.map((m) => ({ ...m, fields: {} })), template: { subject: 's', body: '{{name}} 様' } });
            for (const a of shared) db.prepare('INSERT INTO list_shared_addresses (list_id, email, marked_at) VALUES (?, ?, 0)').run(listId, a);
            const ids = db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id').pluck().all(listId) as number[];
            const checks = createCheckService({ db });
            // Inside a transaction nothing is kept or reused: the report from nothing kept.
            const fresh = () => db.transaction(() => runChecks(readCheckInput(db, campaignId)))();
            expect(checks.latestReport(campaignId)).toEqual(fresh());
            for (const s of steps) {
              const id = ids[s.member]!;
              if (s.other) db.prepare('UPDATE members SET line = line + 1 WHERE id = ?').run(ids[(s.member + 3) % ids.length]);
              if (s.kind === 'exclude') {
                const ref = `e:${db.prepare('SELECT lower(email) FROM members WHERE id = ?').pluck().get(id) as string}`;
                listRowsChanged(db, listId, () => membersSharingRef(db, listId, id), () => insertExclusion(db, listId, { ref, reason: null, by: null }, 0));
              } else if (s.kind === 'include') {
                const refs = db.prepare('SELECT member_ref FROM list_exclusions WHERE list_id = ? ORDER BY member_ref').pluck().all(listId) as string[];
                const ref = refs[s.member % Math.max(1, refs.length)];
                if (ref !== undefined) listRowsChanged(db, listId, () => membersWithRef(db, listId, ref), () => deleteExclusion(db, listId, ref));
              } else {
                memberRowEdited(db, id, () =>
                  s.kind === 'address'
                    ? db.prepare("UPDATE members SET email = ?, change = 'email-changed', edited_by = '鈴木' WHERE id = ?").run(s.email, id)
                    : db.prepare("UPDATE members SET name = ?, change = 'name-changed', edited_by = '鈴木' WHERE id = ?").run(s.name, id),
                );
              }
              expect(checks.latestReport(campaignId)).toEqual(fresh());
            }
          } finally {
            t.cleanup();
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});
