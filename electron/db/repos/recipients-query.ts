// The one SQL definition of "who of a list receives this notice": the list's members, less those
// excluded in the app (list_exclusions) and suppressed addresses (suppressions), filtered by the
// notice's selection, with identical rows (same address and name) merged into the first one.
// Counting, the domain breakdown, the check report, the digest and the frozen snapshot all read
// this one query, so what the approver sees is what is frozen and sent.
import { TRIM_CHARS, trimCell, type Condition, type Selection } from '../../../shared/recipients';
import type { Db } from '../connection';
import { fieldByNameSql, keyedFieldsText, parseFields, type Fields } from '../fields';
import { digestTextEncoder } from './snapshots-repo';

// The characters trimmed from a cell before comparing, as shared/recipients trims them.
const TRIM = TRIM_CHARS;

/** The member's reference (key, else address) as list_exclusions and selections store it, for table alias `a`. */
const refOf = (a: string): string => `(CASE WHEN ${a}.member_key IS NOT NULL AND ${a}.member_key <> '' THEN 'k:' || ${a}.member_key ELSE 'e:' || lower(${a}.email) END)`;
const REF = refOf('m');

interface Clause {
  readonly sql: string;
  readonly params: unknown[];
}

function conditionClause(c: Condition, a: string): Clause {
  // The field by name through its row's layout (fields.ts): the parameter is the column's name.
  const v = `trim(coalesce(${fieldByNameSql(`${a}.fields_json`)}, ''), '${TRIM}')`;
  const name = c.column;
  const first = trimCell(c.values[0] ?? '');
  switch (c.op) {
    case 'equals':
      return { sql: `${v} = ?`, params: [name, first] };
    case 'one-of':
      return { sql: `${v} IN (SELECT value FROM json_each(?))`, params: [name, JSON.stringify(c.values.map(trimCell))] };
    case 'contains':
      return first === '' ? { sql: '0', params: [] } : { sql: `instr(${v}, ?) > 0`, params: [name, first] };
    case 'empty':
      return { sql: `${v} = ''`, params: [name] };
    case 'not-empty':
      return { sql: `${v} <> ''`, params: [name] };
  }
}

/** The selection's filter on the member row of table alias `a` (default `m`). */
function selectionClause(s: Selection, a = 'm'): Clause {
  const parts: Clause[] = [];
  const ref = refOf(a);
  if (s.exclude && s.exclude.length > 0) parts.push({ sql: `${ref} NOT IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(s.exclude)] });
  if (s.kind === 'picked') parts.push({ sql: `${ref} IN (SELECT value FROM json_each(?))`, params: [JSON.stringify(s.refs)] });
  if (s.kind === 'conditions' && s.conditions.length > 0) {
    const cs = s.conditions.map((c) => conditionClause(c, a));
    parts.push({ sql: `(${cs.map((c) => c.sql).join(s.match === 'all' ? ' AND ' : ' OR ')})`, params: cs.flatMap((c) => c.params) });
  }
  return parts.length === 0 ? { sql: '1', params: [] } : { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/**
 * A member row of alias `a` that may receive anything at all (not excluded, not suppressed); the
 * list is its own. Each probe is skipped while its table is empty (often: a list nobody excluded
 * from), as the uncorrelated EXISTS is evaluated once per statement: ~40% of a 100k scan.
 */
const eligibleOf = (a: string): string => `(NOT EXISTS (SELECT 1 FROM list_exclusions)
    OR NOT EXISTS (SELECT 1 FROM list_exclusions x WHERE x.list_id = ${a}.list_id AND x.member_ref = ${refOf(a)}))
  AND (NOT EXISTS (SELECT 1 FROM suppressions) OR NOT EXISTS (SELECT 1 FROM suppressions s WHERE s.address = ${a}.email))`;

/** Members of the list that may receive anything at all (not excluded, not suppressed). */
const ELIGIBLE = `m.list_id = ? AND ${eligibleOf('m')}`;

/** Members the selection chooses (before identical rows are merged): `m` is the member row. */
export function chosenSql(listId: number, s: Selection): Clause {
  const sel = selectionClause(s);
  return { sql: `${ELIGIBLE} AND ${sel.sql}`, params: [listId, ...sel.params] };
}

/**
 * True for a chosen member row `m` that is merged into an earlier chosen row with the same address
 * and name (only the first of identical rows is mailed): one probe of member_emails per row (the
 * list's earlier members with this address, migration 0016), then each such member by id, in list
 * order, with no window to sort and buffer the whole list. CROSS JOIN keeps member_emails outside:
 * members has no index on the address, so the other order would scan the list per row.
 */
function mergedSql(s: Selection): Clause {
  const earlier = selectionClause(s, 'e');
  return {
    sql: `EXISTS (SELECT 1 FROM member_emails ea CROSS JOIN members e ON e.id = ea.member_id
                  WHERE ea.list_id = m.list_id AND ea.email = m.email AND ea.member_id < m.id AND e.name = m.name
                  AND ${eligibleOf('e')} AND ${earlier.sql})`,
    params: earlier.params,
  };
}

/** The recipients' member rows (columns of members plus `ref`); callers add ORDER BY id (check-recipients-query.ts reads it too). */
export function recipientsSql(listId: number, s: Selection): Clause {
  const chosen = chosenSql(listId, s);
  const merged = mergedSql(s);
  return {
    sql: `SELECT m.id AS id, m.email AS email, m.name AS name, m.member_key AS member_key, m.fields_json AS fields_json,
                 m.change AS change, m.line AS line, m.edited_by AS edited_by, ${REF} AS ref
          FROM members m WHERE ${chosen.sql} AND NOT ${merged.sql}`,
    params: [...chosen.params, ...merged.params],
  };
}

export interface RecipientRow {
  readonly memberId: number;
  readonly ref: string;
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
  readonly fields: Fields;
  readonly change: string | null;
  readonly line: number;
  /** Who edited the row in Tayori since its import, or null. */
  readonly editedBy: string | null;
}

interface Row {
  id: number;
  email: string;
  name: string;
  member_key: string | null;
  fields_json: string;
  change: string | null;
  line: number;
  edited_by: string | null;
  ref: string;
}

const toRecipient = (db: Db, r: Row): RecipientRow => ({
  memberId: r.id,
  ref: r.ref,
  email: r.email,
  name: r.name,
  key: r.member_key,
  fields: parseFields(db, r.fields_json),
  change: r.change,
  line: r.line,
  editedBy: r.edited_by,
});

/** The recipients, streamed in list order. */
export function* iterateRecipients(db: Db, listId: number, s: Selection): Generator<RecipientRow> {
  const q = recipientsSql(listId, s);
  for (const r of db.prepare(`${q.sql} ORDER BY id`).iterate(...q.params) as IterableIterator<Row>) yield toRecipient(db, r);
}

export interface RecipientCounts {
  readonly count: number;
  /** Address domains by number of recipients, most first (at most `topDomains`). */
  readonly domains: readonly { readonly domain: string; readonly count: number }[];
  /** Members of the list left out because they are excluded in the app. */
  readonly excluded: number;
  /** Members whose address is on the suppression list. */
  readonly suppressed: number;
  /** Rows merged into an identical earlier row (same address and name). */
  readonly merged: number;
}

export function countRecipients(db: Db, listId: number, s: Selection, topDomains = 10): RecipientCounts {
  const sel = selectionClause(s);
  // One pass over the chosen rows gives the per-domain counts of recipients and the merged
  // duplicates; one more over the list gives the excluded and suppressed (it is typed live).
  const perDomain = db
    .prepare(
      `SELECT domain, sum(dup = 1) AS n, sum(dup > 1) AS merged FROM (
         SELECT lower(substr(m.email, instr(m.email, '@') + 1)) AS domain,
                row_number() OVER (PARTITION BY m.email, m.name ORDER BY m.id) AS dup
         FROM members m WHERE ${ELIGIBLE} AND ${sel.sql})
       GROUP BY domain`,
    )
    .all(listId, ...sel.params) as { domain: string; n: number; merged: number }[];
  const left = db
    .prepare(
      `SELECT coalesce(sum(EXISTS (SELECT 1 FROM list_exclusions x WHERE x.list_id = m.list_id AND x.member_ref = ${REF})), 0) AS excluded,
              coalesce(sum(EXISTS (SELECT 1 FROM suppressions s WHERE s.address = m.email)), 0) AS suppressed
       FROM members m WHERE m.list_id = ?`,
    )
    .get(listId) as { excluded: number; suppressed: number };
  const domains = perDomain
    .filter((d) => d.n > 0)
    .sort((x, y) => y.n - x.n || (x.domain < y.domain ? -1 : 1))
    .slice(0, topDomains)
    .map((d) => ({ domain: d.domain, count: d.n }));
  return {
    count: perDomain.reduce((t, d) => t + d.n, 0),
    domains,
    excluded: left.excluded,
    suppressed: left.suppressed,
    merged: perDomain.reduce((t, d) => t + d.merged, 0),
  };
}

/**
 * One pass over the list for the check report: how many members the selection chooses before
 * identical rows are merged (the caller has the recipients, so merged = chosen - recipients),
 * and how many members are excluded in the app or suppressed. No window, no sort: the recipients
 * query has already done that work once.
 */
export function leftOutCounts(db: Db, listId: number, s: Selection): { chosen: number; excluded: number; suppressed: number } {
  const sel = selectionClause(s);
  return db
    .prepare(
      `SELECT coalesce(sum(ex = 0 AND sup = 0 AND chosen), 0) AS chosen, coalesce(sum(ex), 0) AS excluded, coalesce(sum(sup), 0) AS suppressed FROM (
         SELECT EXISTS (SELECT 1 FROM list_exclusions x WHERE x.list_id = m.list_id AND x.member_ref = ${REF}) AS ex,
                EXISTS (SELECT 1 FROM suppressions s WHERE s.address = m.email) AS sup,
                (${sel.sql}) AS chosen
         FROM members m WHERE m.list_id = ?)`,
    )
    .get(...sel.params, listId) as { chosen: number; excluded: number; suppressed: number };
}

/** Freezes the recipients as the campaign's snapshot inside SQLite (a million rows never sit in memory). */
export function snapshotFromRecipients(db: Db, campaignId: number, listId: number, s: Selection): number {
  const q = recipientsSql(listId, s);
  db.prepare('DELETE FROM snapshots WHERE campaign_id = ?').run(campaignId);
  return db
    .prepare(
      `INSERT INTO snapshots (campaign_id, position, member_id, email, name, fields_json)
       SELECT ?, row_number() OVER (ORDER BY id) - 1, id, email, name, fields_json FROM (${q.sql}) ORDER BY id`,
    )
    .run(campaignId, ...q.params).changes;
}

/** The recipients' member ids in list order (ascending), with no row passed through JavaScript but its id. */
export function recipientIdList(db: Db, listId: number, s: Selection): number[] {
  const q = recipientsSql(listId, s);
  return db.prepare(`SELECT id FROM (${q.sql}) ORDER BY id`).pluck().all(...q.params) as number[];
}

/**
 * A member row read as a recipient, by id. It does NOT check that the member is among anyone's
 * recipients: the caller found the id in recipientIdList's answer for the database as it is now.
 */
export function recipientRowById(db: Db, memberId: number): RecipientRow | undefined {
  const r = db
    .prepare(
      `SELECT m.id AS id, m.email AS email, m.name AS name, m.member_key AS member_key, m.fields_json AS fields_json,
              m.change AS change, m.line AS line, m.edited_by AS edited_by, ${REF} AS ref
       FROM members m WHERE m.id = ?`,
    )
    .get(memberId) as Row | undefined;
  return r && toRecipient(db, r);
}

/**
 * The recipients as the approval digest (version 3) reads a row: the text SQLite stores, encoded
 * by SQLite as `json_array(email, name, fields_json)`, in list order (snapshots-repo encodes frozen
 * rows the same way).
 */
export function iterateRecipientDigestTexts(db: Db, listId: number, s: Selection): IterableIterator<string> {
  const q = recipientsSql(listId, s);
  return db.prepare(`SELECT json_array(email, name, fields_json) FROM (${q.sql}) ORDER BY id`).pluck().iterate(...q.params) as IterableIterator<string>;
}

/**
 * The recipients' digest texts for version 3, with the fields in the keyed form stored before
 * migration 0017 (keyedFieldsText): only to check an approval signed before it. Encoded by SQLite
 * as stored rows are, one row at a time.
 */
export function* iterateRecipientKeyedDigestTexts(db: Db, listId: number, s: Selection): Generator<string> {
  const q = recipientsSql(listId, s);
  const digestText = digestTextEncoder(db);
  for (const [email, name, fields] of db.prepare(`SELECT email, name, fields_json FROM (${q.sql}) ORDER BY id`).raw().iterate(...q.params) as IterableIterator<[string, string, string]>) {
    yield digestText(email, name, keyedFieldsText(db, fields));
  }
}

/**
 * True when the recipients the selection gives now are, row for row in order, the campaign's
 * frozen snapshot (same address, name and fields text). Compared inside SQLite with no window and
 * no sort, so verifying an unchanged approval passes no row through JavaScript. Same text means
 * the same row, so a true here proves the rows' digest unchanged; false says only "look closer".
 *
 * ONLY for a snapshot frozen by snapshotFromRecipients and unchanged since (the caller proves that
 * with the stored hash, which triggers drop on any change): such a snapshot's member ids rise with
 * its positions, and no two of its rows share address and name (identical rows were merged when it
 * was frozen). With C the members the selection chooses now and R the recipients (C less the rows
 * merged into an earlier identical one), it is the same rows in the same order when
 * - every frozen row names a member in R with the same address, name and fields text, and
 * - R has as many rows as the snapshot:
 * the member ids are distinct, so that pairs the snapshot with R one for one, and both are in
 * member id order. The common case is checked first without the merge probes: if every frozen row
 * names an equal member in C and C has as many rows as the snapshot, C is the snapshot's members;
 * their address-and-name pairs are the frozen ones, all different, so nothing is merged and R = C.
 */
export function listStillGivesSnapshot(db: Db, campaignId: number, listId: number, s: Selection): boolean {
  const chosen = chosenSql(listId, s);
  const r = db
    .prepare(
      `SELECT (SELECT count(*) FROM snapshots WHERE campaign_id = ?) AS frozen,
              (SELECT count(*) FROM members m WHERE ${chosen.sql}) AS chosen,
              (SELECT count(*) FROM snapshots f LEFT JOIN members m ON m.id = f.member_id
               WHERE f.campaign_id = ?
                 AND (m.id IS NULL OR m.email IS NOT f.email OR m.name IS NOT f.name OR m.fields_json IS NOT f.fields_json
                      OR NOT coalesce((${chosen.sql}), 0))) AS differ`,
    )
    .get(campaignId, ...chosen.params, campaignId, ...chosen.params) as { frozen: number; chosen: number; differ: number };
  if (r.differ > 0 || r.chosen < r.frozen) return false;
  if (r.chosen === r.frozen) return true;
  // C has more rows than the snapshot: identical rows are merged (or a member joined). Every frozen
  // row is in C; it is a recipient unless merged, and the recipients must number as many.
  const q = recipientsSql(listId, s);
  const merged = mergedSql(s);
  const m = db
    .prepare(
      `SELECT (SELECT count(*) FROM (${q.sql})) AS recipients,
              (SELECT count(*) FROM snapshots f JOIN members m ON m.id = f.member_id WHERE f.campaign_id = ? AND ${merged.sql}) AS merged`,
    )
    .get(...q.params, campaignId, ...merged.params) as { recipients: number; merged: number };
  return m.merged === 0 && m.recipients === r.frozen;
}
