// The recipients as the check report reads them, lean: one array per row holding only what the
// check rules read (no member reference, no parsed fields), so 100k rows cost one short-lived
// array each instead of three objects and a parsed record. Draft rows come from the one
// recipients query (recipients-query.ts: its chosen rows, merged here), frozen rows from the campaign's snapshot with the
// change, line and editor of the member they were frozen from (the snapshot joined with its members by member id).
import type { Selection } from '../../../shared/recipients';
import type { Db } from '../connection';
import { chosenSql, leftOutCounts } from './recipients-query';

/** [id, email, name, fields_json, change, line, edited_by] */
export type CheckRecipientRaw = [number, string, string, string, string | null, number | null, string | null];

/**
 * A draft's recipients in list order (the order they would be frozen in): the recipients query
 * (recipients-query.ts) with its merge of identical rows done here instead of in SQL. SQLite reads
 * the chosen members (eligible and selected) in id order, and a row is merged, as recipientsSql
 * merges it, when an earlier chosen row of the list has the same address and name (both compared
 * as SQLite's BINARY collation does: the same text). Those earlier rows are exactly the chosen rows
 * this pass has already read, so one set of (address, name) pairs answers what the SQL asked of the
 * address index once per row (the probe was 40-50% of the read at 100k members). A property test
 * compares it with recipientsSql on generated lists (test/integration/checks/draft-read-merge.test.ts).
 */
export function* iterateDraftCheckRows(db: Db, listId: number, s: Selection): Generator<CheckRecipientRaw> {
  const q = chosenSql(listId, s);
  const rows = db
    .prepare(`SELECT m.id, m.email, m.name, m.fields_json, m.change, m.line, m.edited_by FROM members m WHERE ${q.sql} ORDER BY m.id`)
    .raw()
    .iterate(...q.params) as IterableIterator<CheckRecipientRaw>;
  // The address's length first: no two different pairs give the same key.
  const seen = new Set<string>();
  for (const r of rows) {
    const key = `${r[1].length}:${r[1]}${r[2]}`;
    if (seen.has(key)) continue;
    seen.add(key);
    yield r;
  }
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
