// The approval request's read of a notice's recipients in chunks of rows, and the freeze of what
// it read. Reading 100k rows into JavaScript (a string per column per row) cost more than all of
// SQLite's work, so SQLite concatenates each chunk's digest texts (version 3: json_array(email,
// name, fields_json), the text the snapshot stores) into one blob that is hashed as bytes, and
// marks the few rows that may lack a field the template needs; no row passes through JavaScript.
// The freeze then copies each chunk by its member id range (ids with no gap) or by its ids.
import type { Selection } from '../../../shared/recipients';
import type { Db } from '../connection';
import { chosenSql, recipientsSql } from './recipients-query';
import { storedSnapshotHash, type StoredSnapshotHash } from './snapshots-repo';

/** Rows per chunk: a chunk's blob stays ~0.5 MB, and a million rows never sit in one string. */
const CHUNK_ROWS = 4096;

/** A run of recipients in list order, as the freeze copies it. */
export type FrozenChunk =
  /** Every member id from firstId to firstId + count - 1 is a recipient (no gap): copied by range. */
  | { readonly kind: 'range'; readonly firstId: number; readonly count: number }
  /** The recipients' member ids, in order. */
  | { readonly kind: 'ids'; readonly ids: readonly number[] };

export interface RecipientChunk {
  readonly frozen: FrozenChunk;
  readonly count: number;
  /** The rows' digest texts (version 3), concatenated, as the UTF-8 bytes SQLite stores. */
  readonly text: Uint8Array;
  /** Member ids (in order) of rows that may lack a field the template needs: check them exactly. */
  readonly maybeLacking: readonly number[];
}

// A value whose first character is in this GLOB class is present (shared/template/text.ts
// presentValue and isBlank): it is not a space-like or blank character, so the value is not blank
// however it ends. NULL (no such field, JSON null, or fields text that is not an array) fails too.
const PRESENT_VALUE = '[^\u0001-\u0020\u0085\u00a0\u1680\u2000-\u200d\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]*';

/**
 * SQL (with its parameters) true for a member row whose every named field is present as the
 * sender reads it (fieldValueReader: a string, or a number or other value as its text). It reads
 * the fields by position in the layout of the list's first member (fields.ts), the one every row
 * of an import has: a row of another layout (a member edited to other columns) is false, which
 * only marks it for the exact check. "__proto__" is never a field the sender reads: every row is marked.
 */
function presenceSql(db: Db, listId: number, fields: readonly string[] | null): { sql: string; params: unknown[] } {
  if (fields === null || fields.includes('__proto__')) return { sql: '0', params: [] };
  if (fields.length === 0) return { sql: '1', params: [] };
  const layout = db.prepare('SELECT fields_json ->> 0 FROM members WHERE list_id = ? ORDER BY id LIMIT 1').pluck().get(listId);
  if (typeof layout !== 'string') return { sql: '0', params: [] };
  const pathOf = db.prepare('SELECT path FROM field_layout_paths WHERE layout_id = ? AND name = ?').pluck();
  const paths = fields.map((f) => pathOf.get(layout, f) as string | undefined);
  // A name the layout lacks: its rows lack the field (each is marked).
  if (paths.some((p) => p === undefined)) return { sql: '0', params: [] };
  return {
    sql: `(fields_json ->> 0 = ? AND ${paths.map(() => 'coalesce((fields_json ->> ?) GLOB ?, 0)').join(' AND ')})`,
    params: [layout, ...paths.flatMap((p) => [p, PRESENT_VALUE])],
  };
}

/** The statements of a chunked read. */
export interface RecipientChunkQuery {
  /** count, first id, last id, the digest texts as a blob, the marked ids; parameters: chunkParams, then the last id read. */
  readonly chunkSql: string;
  readonly chunkParams: readonly unknown[];
  /** The recipients' ids from one id to another; parameters: idsParams, then the two ids. */
  readonly idsSql: string;
  readonly idsParams: readonly unknown[];
  /** Rows per chunk: a chunk with fewer is the last. */
  readonly chunkRows: number;
}

/**
 * True when no two members of the list share an address: then no row is merged into an identical
 * earlier one (same address and name), and the recipients are the chosen members as they are,
 * with no merge probe per row (~40% of the read). One pass over the list's entries in member_emails. The
 * answer holds for the database as it is now: the read must follow with nothing changed between
 * (the approval request checks that, while-authenticating.ts).
 */
function sharesNoAddress(db: Db, listId: number): boolean {
  return db.prepare('SELECT NOT EXISTS (SELECT 1 FROM member_emails WHERE list_id = ? GROUP BY email HAVING count(*) > 1)').pluck().get(listId) === 1;
}

/** The chosen members' rows, as recipientsSql gives them when nothing is merged. */
function chosenRowsSql(listId: number, s: Selection): { sql: string; params: unknown[] } {
  const chosen = chosenSql(listId, s);
  return { sql: `SELECT m.id AS id, m.email AS email, m.name AS name, m.fields_json AS fields_json FROM members m WHERE ${chosen.sql}`, params: chosen.params };
}

/**
 * The chunked read of the recipients of the list for the selection (the recipients query, in list
 * order): each chunk with its rows' digest texts and the members that may lack one of `fields`
 * (null: mark every row; none: mark no row). `nothingMerged`: the caller knows the recipients
 * query merges no row of this list and selection in the database as it is now (a read of it that
 * merged none, made at the same members version), so the chosen rows are read with no merge probe
 * and no pass over the list's entries in member_emails; the caller must still check the rows are
 * those it knows.
 */
export function recipientChunkQuery(
  db: Db,
  listId: number,
  s: Selection,
  fields: readonly string[] | null,
  chunkRows = CHUNK_ROWS,
  nothingMerged = false,
): RecipientChunkQuery {
  const q = nothingMerged || sharesNoAddress(db, listId) ? chosenRowsSql(listId, s) : recipientsSql(listId, s);
  const p = presenceSql(db, listId, fields);
  // The subquery's LIMIT keeps it from being flattened into the aggregate: it runs as a co-routine
  // handing over its rows in id order, the order group_concat appends them in (an ORDER BY inside
  // group_concat would sort each chunk again, ~25% of the read).
  return {
    chunkSql: `SELECT count(*), min(id), max(id), CAST(group_concat(json_array(email, name, fields_json), '') AS BLOB),
                      group_concat(CASE WHEN ${p.sql} THEN NULL ELSE id END)
               FROM (SELECT id, email, name, fields_json FROM (${q.sql}) WHERE id > ? ORDER BY id LIMIT ${Math.max(1, Math.floor(chunkRows))})`,
    chunkParams: [...p.params, ...q.params],
    idsSql: `SELECT id FROM (${q.sql}) WHERE id BETWEEN ? AND ? ORDER BY id`,
    idsParams: q.params,
    chunkRows: Math.max(1, Math.floor(chunkRows)),
  };
}

/**
 * A chunk as read: count, first id, last id, the digest texts, the marked ids as text ("4,9") or
 * null, and the chunk's ids when they have a gap (else null).
 */
export type RawChunk = [count: number, firstId: number, lastId: number, text: Uint8Array, marked: string | null, ids: number[] | null];

/** Runs a chunked read. */
export function readRawChunks(db: Db, query: RecipientChunkQuery): RawChunk[] {
  const chunk = db.prepare(query.chunkSql).raw();
  const idsIn = db.prepare(query.idsSql).pluck();
  const out: RawChunk[] = [];
  let after = -1;
  for (;;) {
    const r = chunk.get(...query.chunkParams, after) as [number, number, number, Uint8Array, string | null];
    if (r[0] === 0) break;
    out.push([...r, r[2] - r[1] + 1 === r[0] ? null : (idsIn.all(...query.idsParams, r[1], r[2]) as number[])]);
    if (r[0] < query.chunkRows) break;
    after = r[2];
  }
  return out;
}

/** A chunk as read, as the freeze copies it. */
export function recipientChunk([count, firstId, , text, marked, ids]: RawChunk): RecipientChunk {
  const frozen: FrozenChunk = ids === null ? { kind: 'range', firstId, count } : { kind: 'ids', ids };
  return { frozen, count, text, maybeLacking: marked === null ? [] : marked.split(',').map(Number).sort((x, y) => x - y) };
}

/** The stored fields text of members, by id (for the exact check of rows marked above). */
export function memberFieldsTexts(db: Db, ids: readonly number[]): Map<number, string> {
  const rows = db.prepare('SELECT m.id, m.fields_json FROM json_each(?) j JOIN members m ON m.id = j.value').raw().all(JSON.stringify(ids)) as [number, string][];
  return new Map(rows);
}

/**
 * Whether the campaign's snapshot already holds exactly the chunks' rows: its stored hash (which
 * the triggers drop when a row is changed or deleted, and whose row count is checked) is the hash
 * of the rows the chunks were read as, so every position holds the same address, name and fields
 * text, and every position holds the same member id (checked here: the hash leaves ids out). A
 * re-request after an edit of the notice then keeps the rows instead of deleting 100k rows (a
 * trigger and a foreign-key check each) and copying them again. The same conditions as freezeChunks.
 */
export function snapshotHoldsChunks(db: Db, campaignId: number, chunks: readonly FrozenChunk[], hash: StoredSnapshotHash): boolean {
  const stored = storedSnapshotHash(db, campaignId);
  if (!stored || stored.version !== hash.version || stored.recipients !== hash.recipients || stored.rowCount !== hash.rowCount) return false;
  let position = 0;
  for (const c of chunks) {
    if (!memberIdsHeldAt(db, campaignId, position, c)) return false;
    position += rowsOf(c);
  }
  return position === stored.rowCount;
}

const rowsOf = (c: FrozenChunk): number => (c.kind === 'range' ? c.count : c.ids.length);

/** Whether every position of the chunk, from `position` on, holds a row frozen from the chunk's member there. */
function memberIdsHeldAt(db: Db, campaignId: number, position: number, c: FrozenChunk): boolean {
  const same =
    c.kind === 'range'
      ? db.prepare('SELECT count(*) FROM snapshots WHERE campaign_id = ? AND position BETWEEN ? AND ? AND member_id = ? + (position - ?)').pluck().get(campaignId, position, position + c.count - 1, c.firstId, position)
      : db.prepare('SELECT count(*) FROM json_each(?) j JOIN snapshots s ON s.campaign_id = ? AND s.position = ? + j.key WHERE s.member_id = j.value').pluck().get(JSON.stringify(c.ids), campaignId, position);
  return same === rowsOf(c);
}

/**
 * Whether the campaign's snapshot holds, from `position` on, exactly the rows the chunk's members
 * would be frozen as now: at every position a row frozen from the chunk's member there, with its
 * address, name and fields text as stored (compared in SQL, nothing read into JavaScript).
 */
function memberRowsHeldAt(db: Db, campaignId: number, position: number, c: FrozenChunk): boolean {
  const same =
    c.kind === 'range'
      ? db
          .prepare(
            `SELECT count(*) FROM snapshots s JOIN members m ON m.id = s.member_id
             WHERE s.campaign_id = ? AND s.position BETWEEN ? AND ? AND s.member_id = ? + (s.position - ?)
               AND s.email = m.email AND s.name = m.name AND s.fields_json = m.fields_json`,
          )
          .pluck()
          .get(campaignId, position, position + c.count - 1, c.firstId, position)
      : db
          .prepare(
            `SELECT count(*) FROM json_each(?) j JOIN snapshots s ON s.campaign_id = ? AND s.position = ? + j.key JOIN members m ON m.id = j.value
             WHERE s.member_id = j.value AND s.email = m.email AND s.name = m.name AND s.fields_json = m.fields_json`,
          )
          .pluck()
          .get(JSON.stringify(c.ids), campaignId, position);
  return same === rowsOf(c);
}

/**
 * Freezes the chunks as the campaign's snapshot (replacing any earlier one), positions in order;
 * returns how many rows were copied or kept. ONLY for chunks just read by readRawChunks for the
 * campaign's list and selection with the database unchanged since (the approval request checks
 * that): it then copies exactly those members without evaluating the selection again. With
 * `keepHeld`, the leading chunks the earlier snapshot already holds row for row are kept and only
 * the rest is deleted and copied: a re-request after one member's change rewrites from that
 * member's chunk on instead of deleting 100k rows (a trigger and a foreign-key probe each).
 */
export function freezeChunks(db: Db, campaignId: number, listId: number, chunks: readonly FrozenChunk[], keepHeld = false): number {
  let from = 0;
  let position = 0;
  if (keepHeld) {
    while (from < chunks.length && memberRowsHeldAt(db, campaignId, position, chunks[from]!)) {
      position += rowsOf(chunks[from]!);
      from++;
    }
  }
  db.prepare('DELETE FROM snapshots WHERE campaign_id = ? AND position >= ?').run(campaignId, position);
  // `+list_id`: the rows are found by their rowid range, not through members_by_list (which
  // would look each row up again, ~40% of the freeze); the list is only checked.
  const byRange = db.prepare(
    `INSERT INTO snapshots (campaign_id, position, member_id, email, name, fields_json)
     SELECT ?, ? + (id - ?), id, email, name, fields_json FROM members WHERE id BETWEEN ? AND ? AND +list_id = ?`,
  );
  const byIds = db.prepare(
    `INSERT INTO snapshots (campaign_id, position, member_id, email, name, fields_json)
     SELECT ?, ? + j.key, m.id, m.email, m.name, m.fields_json FROM json_each(?) j JOIN members m ON m.id = j.value ORDER BY j.key`,
  );
  for (const c of chunks.slice(from)) {
    if (c.kind === 'range') {
      position += byRange.run(campaignId, position, c.firstId, c.firstId, c.firstId + c.count - 1, listId).changes;
    } else {
      position += byIds.run(campaignId, position, JSON.stringify(c.ids)).changes;
    }
  }
  return position;
}
