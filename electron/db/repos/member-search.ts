// Search and positional queries over a list's members for the preview screen.
// Search is a substring match (ASCII case-insensitive) over name, address and every field value.
// It scans the list rather than using an FTS5 index on purpose: a trigram index kept in sync by
// triggers measured 8x slower imports (185k -> 23k rows/s), import speed is a stated target, and
// trigram search cannot find the 1-2 character queries Japanese names need (田中). The scan stops
// at a count cap, so broad queries are quick; a rare one costs one pass over the list.
import type { Db } from '../connection';
import { countMembers, pageMembers, rowToMember, type Member } from './members-repo';

type MemberRow = Parameters<typeof rowToMember>[0];

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Field values are matched with json_each so that a column name ("住所") does not match every
// row; the cheap LIKE on the raw JSON text (with the query JSON-escaped) runs first as a filter.
const MATCH = `list_id = :listId AND (
  name LIKE :p ESCAPE '\\' OR email LIKE :p ESCAPE '\\' OR
  (fields_json LIKE :jp ESCAPE '\\' AND EXISTS (SELECT 1 FROM json_each(members.fields_json) AS f WHERE f.value LIKE :p ESCAPE '\\'))
)`;

export interface MemberSearchPage {
  /** How many members match; a lower bound when totalExact is false. */
  total: number;
  /** False when counting stopped at the cap (the UI shows "1,000+"): a broad query then costs a
   * short partial scan instead of a full one. */
  totalExact: boolean;
  /** The requested page of them, in list order. */
  members: Member[];
}

/** Matches are counted exactly up to this many (or up to the requested page's end, if further). */
export const SEARCH_COUNT_CAP = 1000;

export function searchMembers(db: Db, listId: number, query: string, limit: number, offset: number): MemberSearchPage {
  const q = query.trim();
  if (q === '') {
    return { total: countMembers(db, listId), totalExact: true, members: pageMembers(db, listId, offset, limit) };
  }
  // One pass: the ids of the first `cap` matches in list order. The scan stops at the cap, so
  // common queries are quick and a rare one costs a single scan (no separate count query).
  const cap = Math.max(SEARCH_COUNT_CAP, offset + limit) + 1;
  const ids = db
    .prepare(`SELECT id FROM members WHERE ${MATCH} ORDER BY id LIMIT :cap`)
    .pluck()
    .all({ listId, p: likePattern(q), jp: likePattern(JSON.stringify(q).slice(1, -1)), cap }) as number[];
  const exact = ids.length < cap;
  const byId = db.prepare('SELECT * FROM members WHERE id = ?');
  const members = ids.slice(offset, offset + limit).map((id) => rowToMember(byId.get(id) as MemberRow));
  return { total: exact ? ids.length : cap - 1, totalExact: exact, members };
}

/** The member at a 0-based position in list order (walks the (list_id, id) index, no table scan). */
export function memberAtPosition(db: Db, listId: number, index: number): Member | undefined {
  const r = db
    .prepare('SELECT * FROM members WHERE list_id = ? ORDER BY id LIMIT 1 OFFSET ?')
    .get(listId, index) as MemberRow | undefined;
  return r && rowToMember(r);
}

/** The member just after or before a given one in list order: one index seek. */
export function adjacentMember(db: Db, listId: number, memberId: number, direction: 'next' | 'previous'): Member | undefined {
  const sql =
    direction === 'next'
      ? 'SELECT * FROM members WHERE list_id = ? AND id > ? ORDER BY id LIMIT 1'
      : 'SELECT * FROM members WHERE list_id = ? AND id < ? ORDER BY id DESC LIMIT 1';
  const r = db.prepare(sql).get(listId, memberId) as MemberRow | undefined;
  return r && rowToMember(r);
}
