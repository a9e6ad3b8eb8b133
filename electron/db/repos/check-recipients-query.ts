// The recipients as the check report reads them, lean: one array per row holding only what the
// check rules read (no member reference, no parsed fields), so 100k rows cost one short-lived
// array each instead of three objects and a parsed record. Draft rows come from the one
// recipients query (recipients-query.ts), frozen rows from the campaign's snapshot with the
// change, line and editor of the member they were frozen from (the snapshot joined with its members by member id).
import type { Selection } from '../../../shared/recipients';
import type { Db } from '../connection';
import { chosenSql, leftOutCounts, recipientsSql } from './recipients-query';

/** [id, email, name, fields_json, change, line, edited_by] */
export type CheckRecipientRaw = [number, string, string, string, string | null, number | null, string | null];

/** A draft's recipients in list order (the order they would be frozen in). */
export function iterateDraftCheckRows(db: Db, listId: number, s: Selection): IterableIterator<CheckRecipientRaw> {
  const q = recipientsSql(listId, s);
  return db
    .prepare(`SELECT id, email, name, fields_json, change, line, edited_by FROM (${q.sql}) ORDER BY id`)
    .raw()
    .iterate(...q.params) as IterableIterator<CheckRecipientRaw>;
}

/**
 * A campaign's frozen rows in position order. The id is the member id; a row whose member is gone
 * (re-imported since) gets -(position + 1), so ids stay unique and never collide with a member's.
 */
export function iterateFrozenCheckRows(db: Db, campaignId: number, listId: number): IterableIterator<CheckRecipientRaw> {
  return db
    .prepare(
      `SELECT coalesce(s.member_id, -(s.position + 1)), s.email, s.name, s.fields_json, m.change, m.line, m.edited_by
       FROM snapshots s LEFT JOIN members m ON m.id = s.member_id AND m.list_id = ?
       WHERE s.campaign_id = ? ORDER BY s.position`,
    )
    .raw()
    .iterate(listId, campaignId) as IterableIterator<CheckRecipientRaw>;
}

/**
 * leftOutCounts for the check report, without its pass over the whole list when nothing can be
 * left out: with no exclusion in this list and no suppressed address at all, no member is excluded
 * or suppressed, and the chosen members are counted on the list's index.
 */
export function checkLeftOutCounts(db: Db, listId: number, s: Selection): { chosen: number; excluded: number; suppressed: number } {
  const any = db
    .prepare('SELECT EXISTS (SELECT 1 FROM list_exclusions WHERE list_id = ?) OR EXISTS (SELECT 1 FROM suppressions)')
    .pluck()
    .get(listId) as number;
  if (any) return leftOutCounts(db, listId, s);
  const chosen = chosenSql(listId, s);
  return { chosen: db.prepare(`SELECT count(*) FROM members m WHERE ${chosen.sql}`).pluck().get(...chosen.params) as number, excluded: 0, suppressed: 0 };
}

/**
 * The members of the list whose place among a draft's recipients an edit of these members can
 * have changed: the members themselves, and every member with one of these addresses (an
 * identical row, same address and name, is merged into the first: recipientsSql).
 */
export function membersTouchedBy(db: Db, listId: number, memberIds: readonly number[], emails: readonly string[]): number[] {
  return db
    .prepare(
      `SELECT id FROM members WHERE list_id = ? AND id IN (SELECT value FROM json_each(?))
       UNION SELECT member_id FROM member_emails WHERE list_id = ? AND email IN (SELECT value FROM json_each(?))`,
    )
    .pluck()
    .all(listId, JSON.stringify(memberIds), listId, JSON.stringify(emails)) as number[];
}

/** Of these members, those who are a draft's recipients, as iterateDraftCheckRows reads them, in list order. */
export function draftCheckRowsOf(db: Db, listId: number, s: Selection, memberIds: readonly number[]): CheckRecipientRaw[] {
  const q = recipientsSql(listId, s);
  return db
    .prepare(`SELECT id, email, name, fields_json, change, line, edited_by FROM (${q.sql}) WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .raw()
    .all(...q.params, JSON.stringify(memberIds)) as CheckRecipientRaw[];
}

/** A member's reference as list_exclusions stores it (recipients-query.ts refOf: k:key, else e:address in lower case). */
const REF = `(CASE WHEN m.member_key IS NOT NULL AND m.member_key <> '' THEN 'k:' || m.member_key ELSE 'e:' || lower(m.email) END)`;

/** The list's members an exclusion by this reference names (one pass over the list). */
export function membersWithRef(db: Db, listId: number, ref: string): { id: number; list_id: number; email: string }[] {
  return db.prepare(`SELECT m.id, m.list_id, m.email FROM members m WHERE m.list_id = ? AND ${REF} = ?`).all(listId, ref) as { id: number; list_id: number; email: string }[];
}

/** The list's members an exclusion of this member names: those with its reference. */
export function membersSharingRef(db: Db, listId: number, memberId: number): { id: number; list_id: number; email: string }[] {
  const ref = db.prepare(`SELECT ${REF} FROM members m WHERE m.id = ? AND m.list_id = ?`).pluck().get(memberId, listId) as string | undefined;
  return ref === undefined ? [] : membersWithRef(db, listId, ref);
}
