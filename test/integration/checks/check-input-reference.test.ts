// The check service reads the recipients lean (check-recipients-query.ts: one array per row, only
// the fields the template names). Its report must be exactly the report of the reader it replaced,
// kept here as the reference (iterateRecipients / the snapshot joined with its members, every field parsed), on
// generated lists: names, addresses with look-alikes, typos and duplicates, missing, blank and
// odd fields, exclusions and suppressions, templates with defaults, conditions and unknown fields,
// UTF-8 and ISO-2022-JP, before the freeze (draft) and after it (frozen rows).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/connection';
import { mustGetCampaign } from '../../../electron/db/repos/campaigns-repo';
import { insertExclusion } from '../../../electron/db/repos/list-rules-repo';
import { iterateRecipients, leftOutCounts } from '../../../electron/db/repos/recipients-query';
import { countSnapshot } from '../../../electron/db/repos/snapshots-repo';
import { parseFields } from '../../../electron/db/fields';
import { suppressedInList, upsertSuppression } from '../../../electron/db/repos/suppressions-repo';
import { createCheckService } from '../../../electron/services/checks';
import { readCheckInput } from '../../../electron/services/checks/check-input';
import { runChecks, type CheckInput, type CheckRecipient, type RecipientChange } from '../../../shared/guards';
import { tempDb } from '../../helpers/tmp';
import { freezeSnapshot, seedCampaign } from './seed';

// ---- The reference: the recipients as check-input.ts read them before (copied as it was). ----
// Each frozen row with what its member row says today (import change, line, editor): the query
// snapshots-repo's snapshotWithMembers ran before the lean reader replaced it.
interface FrozenWithMember {
  position: number;
  member_id: number | null;
  email: string;
  name: string;
  fields_json: string;
  change: string | null;
  line: number | null;
  edited_by: string | null;
}

function referenceFrozen(db: Db, campaignId: number, listId: number): CheckRecipient[] {
  const rows = db
    .prepare(
      `SELECT s.position, s.member_id, s.email, s.name, s.fields_json, m.change AS change, m.line AS line, m.edited_by AS edited_by
       FROM snapshots s LEFT JOIN members m ON m.id = s.member_id AND m.list_id = ?
       WHERE s.campaign_id = ? ORDER BY s.position`,
    )
    .all(listId, campaignId) as FrozenWithMember[];
  return rows.map((r) => ({
    id: r.member_id ?? -(r.position + 1),
    email: r.email,
    name: r.name,
    fields: parseFields(db, r.fields_json),
    change: (r.change as RecipientChange) ?? null,
    ...(r.line !== null ? { line: r.line } : {}),
    ...(r.edited_by !== null ? { editedBy: r.edited_by } : {}),
  }));
}

function referenceDraft(db: Db, campaignId: number): CheckRecipient[] {
  const c = mustGetCampaign(db, campaignId);
  const recipients: CheckRecipient[] = [];
  for (const r of iterateRecipients(db, c.listId, c.selection)) {
    recipients.push({
      id: r.memberId,
      email: r.email,
      name: r.name,
      fields: r.fields,
      change: (r.change as RecipientChange) ?? null,
      line: r.line,
      ...(r.editedBy !== null ? { editedBy: r.editedBy } : {}),
    });
  }
  return recipients;
}

function referenceInput(db: Db, campaignId: number): CheckInput {
  const lean = readCheckInput(db, campaignId);
  const c = mustGetCampaign(db, campaignId);
  // A draft's leftover snapshot (a voided request) is not read: the list as it is now is.
  const frozen = countSnapshot(db, campaignId) > 0 && c.status !== 'draft';
  const recipients = frozen ? referenceFrozen(db, campaignId, c.listId) : referenceDraft(db, campaignId);
  const { leftOut: _lean, ...rest } = lean;
  if (frozen) return { ...rest, recipients, sampleSeed: `campaign:${campaignId}:${recipients.length}` };
  const counts = leftOutCounts(db, c.listId, c.selection);
  const leftOut = {
    merged: counts.chosen - recipients.length,
    excluded: counts.excluded,
    suppressed: suppressedInList(db, c.listId, 20),
    suppressedCount: counts.suppressed,
    missing: [],
    missingCount: 0,
  };
  return { ...rest, recipients, sampleSeed: `campaign:${campaignId}:${recipients.length}`, leftOut };
}
// ---- end of the reference ----

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const LOCALS = ['taro', 'tar0', 'hanako', 'hanak0', 'ichiro', 'ichiro.k', 'yamada', 'yamda', 'a', 'info'];
const DOMAINS = ['gmail.com', 'gmial.com', 'docomo.ne.jp', 'docomo.ne.jo', 'corp.co.jp', 'corp.co.jq', 'example.org', 'ezweb.ne.jp'];
const NAMES = ['田中 太郎', '田中 太朗', '佐藤 花子', 'Sato Hanako', '加藤 一郎', '山田 太郎', '', '伊藤\n二郎', '髙橋 一'];
// Values as stored: present, blank, whitespace only, characters JIS cannot write, absent.
const VALUE = fc.oneof(fc.constantFrom('東地区', '西', ' ', '', '　', '𠮷野', 'A'), fc.constant(undefined));
const TEMPLATES = [
  { subject: 'お知らせ', body: '{{name}} 様\n\n夏祭りは8月3日です。' },
  { subject: '{{district}} のお知らせ', body: '{{name}} 様\n{{district|地区}}\n{{room}}' },
  { subject: '{{district}}', body: '{{#if room}}{{room}}{{/if}}' },
  { subject: '{{nosuch}} x', body: '{{name}} {{constructor}} {{__proto__}}' },
  { subject: '{{name', body: 'broken {{' },
  { subject: ' ', body: '' },
  { subject: '{{room|部屋}}', body: '{{#if district}}{{district}}{{else}}{{name}}{{/if}}' },
];

const member = fc.record({
  local: fc.constantFrom(...LOCALS),
  domain: fc.constantFrom(...DOMAINS),
  name: fc.constantFrom(...NAMES),
  district: VALUE,
  room: VALUE,
  change: fc.constantFrom(null, null, 'new', 'email-changed', 'name-changed'),
  // A row whose stored JSON holds a value that is not text (a hand-edited database).
  oddJson: fc.constantFrom(null, null, null, '{"district": 3, "room": {"toString": ""}}', '{"district": null}', '[]'),
  edited: fc.boolean(),
});

const world = fc.record({
  members: fc.array(member, { minLength: 0, maxLength: 40 }),
  template: fc.constantFrom(...TEMPLATES),
  encoding: fc.constantFrom('utf-8', 'iso-2022-jp'),
  excluded: fc.array(fc.nat(40), { maxLength: 3 }),
  suppressed: fc.array(fc.nat(40), { maxLength: 3 }),
  // The notice's selection: the whole list, or members of some districts.
  selection: fc.constantFrom(null, '{"kind":"conditions","match":"all","conditions":[{"column":"district","op":"one-of","values":["東地区","西"]}]}', '{"kind":"conditions","match":"any","conditions":[{"column":"room","op":"empty","values":[]}]}'),
  frozen: fc.boolean(),
  // After the freeze: a frozen member deleted (its row is known by position) or edited.
  afterFreeze: fc.constantFrom('none', 'delete', 'edit'),
});

type World = typeof world extends fc.Arbitrary<infer T> ? T : never;

function build(w: World) {
  const t = tempDb();
  cleanup = t.cleanup;
  const { db } = t;
  const { campaignId, listId } = seedCampaign(db, {
    members: w.members.map((m) => ({
      email: `${m.local}@${m.domain}`,
      name: m.name,
      fields: Object.fromEntries(Object.entries({ district: m.district, room: m.room }).filter(([, v]) => v !== undefined)) as Record<string, string>,
      change: m.change as RecipientChange,
    })),
    columns: ['email', 'name', 'district', 'room'],
    template: w.template,
    settings: { organisationAddress: 'info@tayori-town.jp' },
  });
  const ids = db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id').pluck().all(listId) as number[];
  w.members.forEach((m, i) => {
    if (m.oddJson) db.prepare('UPDATE members SET fields_json = ? WHERE id = ?').run(m.oddJson, ids[i]);
    if (m.edited) db.prepare("UPDATE members SET edited_by = '鈴木' WHERE id = ?").run(ids[i]);
  });
  db.prepare('UPDATE campaigns SET encoding = ?, selection_json = ? WHERE id = ?').run(w.encoding, w.selection, campaignId);
  for (const i of w.excluded) {
    const m = w.members[i];
    if (m) insertExclusion(db, listId, { ref: `e:${m.local}@${m.domain}`, reason: null, by: null }, 1);
  }
  for (const i of w.suppressed) {
    const m = w.members[i];
    if (m) upsertSuppression(db, { address: `${m.local}@${m.domain}`, reason: 'moved', note: null, addedBy: null }, 1);
  }
  if (w.frozen) {
    freezeSnapshot(db, campaignId, listId);
    if (ids.length && w.afterFreeze === 'delete') {
      db.prepare('DELETE FROM list_exclusions').run();
      db.prepare('UPDATE snapshots SET member_id = NULL WHERE member_id = ?').run(ids[0]);
      db.prepare('DELETE FROM members WHERE id = ?').run(ids[0]);
    }
    if (ids.length && w.afterFreeze === 'edit') db.prepare("UPDATE members SET change = 'name-changed', edited_by = '佐藤', line = 77 WHERE id = ?").run(ids[ids.length - 1]);
  }
  return { db, campaignId };
}

describe('check report from the lean recipients read', () => {
  it('is exactly the reference reader’s report, draft and frozen (property)', () => {
    fc.assert(
      fc.property(world, (w) => {
        const { db, campaignId } = build(w);
        const reference = referenceInput(db, campaignId);
        const lean = readCheckInput(db, campaignId);
        expect(lean.recipients.map((r) => [r.id, r.email, r.name, r.change, r.line, r.editedBy])).toEqual(
          reference.recipients.map((r) => [r.id, r.email, r.name, r.change, r.line, r.editedBy]),
        );
        const expected = (() => {
          try {
            return { ok: runChecks(reference) };
          } catch (e) {
            return { error: String(e) };
          }
        })();
        const actual = (() => {
          try {
            return { ok: runChecks(lean) };
          } catch (e) {
            return { error: String(e) };
          }
        })();
        expect(lean.leftOut).toEqual(reference.leftOut);
        expect(actual).toEqual(expected);
        // The service as the app wires it (member findings cached) gives the same report too.
        if (expected.ok) expect(createCheckService({ db }).checkCampaign(campaignId)).toEqual(expected.ok);
        cleanup?.();
        cleanup = undefined;
      }),
      { numRuns: 120 },
    );
  });
});
