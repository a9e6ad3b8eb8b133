// Search and positional queries over a list's members for the preview screen.
// Search is a substring match (ASCII case-insensitive, as SQLite's LIKE) over name, address and
// every field value. The matches come from three disjoint parts, in list (id) order:
// - members with id <= the list's index reach (upto), from the FTS5 index (member-search-index-repo),
//   except members edited since they were indexed;
// - those edited members, by a scan of just them;
// - members above upto (a list whose index is not built yet, or rows added since), by a scan.
// A list without a valid index is thus searched by the scan alone: slower, never different.
// Counting stops at SEARCH_COUNT_CAP + 1 matches, so a broad query stays quick.
import type { Db } from '../connection';
import { fieldValuesSql } from '../fields';
import { countMembers, pageMembers, rowToMember, type Member } from './members-repo';
import { dirtyMemberIds, readyIndex, termsStartingWith } from './member-search-index-repo';
import { indexQuery } from './member-search-tokens';

type MemberRow = Parameters<typeof rowToMember>[1];

function likePattern(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

// Field values are matched one by one (fieldValuesSql: not the layout's id, fields.ts); the cheap
// LIKE on the raw JSON text (with the query JSON-escaped) runs first as a filter.
const MATCH = `(
  name LIKE :p ESCAPE '\\' OR email LIKE :p ESCAPE '\\' OR
  (fields_json LIKE :jp ESCAPE '\\' AND EXISTS (SELECT 1 FROM ${fieldValuesSql('members.fields_json')} AS f WHERE f.value LIKE :p ESCAPE '\\'))
)`;

export interface MemberSearchPage {
  /** How many members match; a lower bound when totalExact is false. */
  total: number;
  /** False when counting stopped at the cap (the UI shows "more than 10,000"). */
  totalExact: boolean;
  /** The requested page of them, in list order. */
  members: Member[];
}

/** Matches are counted exactly up to this many (or up to the requested page's end, if further). */
export const SEARCH_COUNT_CAP = 10_000;

export function searchMembers(db: Db, listId: number, query: string, limit: number, offset: number): MemberSearchPage {
  const q = query.trim();
  if (q === '') {
    return { total: countMembers(db, listId), totalExact: true, members: pageMembers(db, listId, offset, limit) };
  }
  const cap = Math.max(SEARCH_COUNT_CAP, offset + limit) + 1;
  // One read transaction: the index, its reach and the rows are one snapshot.
  return db.transaction((): MemberSearchPage => {
    const ids = firstMatches(db, listId, q, cap);
    const exact = ids.length < cap;
    const byId = db.prepare('SELECT * FROM members WHERE id = ?');
    const members = ids.slice(offset, offset + limit).map((id) => rowToMember(db, byId.get(id) as MemberRow));
    return { total: exact ? ids.length : cap - 1, totalExact: exact, members };
  })();
}

/** The ids of the list's first `cap` matches, in id order. */
function firstMatches(db: Db, listId: number, q: string, cap: number): number[] {
  const params = { listId, p: likePattern(q), jp: likePattern(JSON.stringify(q).slice(1, -1)) };
  const scan = (after: number, n: number): number[] =>
    db.prepare(`SELECT id FROM members WHERE list_id = :listId AND id > :after AND ${MATCH} ORDER BY id LIMIT :n`).pluck().all({ ...params, after, n }) as number[];
  const index = readyIndex(db, listId);
  if (!index) return scan(0, cap);

  const dirty = dirtyMemberIds(db, listId);
  const edited = new Set(dirty);
  const fromIndex = indexMatches(db, listId, index.table, q, cap + edited.size).filter((id) => !edited.has(id));
  const fromEdited = dirty.length
    ? (db
        .prepare(`SELECT id FROM members WHERE list_id = :listId AND id IN (SELECT member_id FROM member_search_dirty WHERE list_id = :listId) AND ${MATCH} ORDER BY id`)
        .pluck()
        .all(params) as number[])
    : [];
  const below = fromEdited.length ? [...fromIndex, ...fromEdited].sort((a, b) => a - b) : fromIndex;
  const ids = below.slice(0, cap);
  // Rows above the index's reach come after every indexed one in id order.
  if (ids.length < cap) ids.push(...scan(index.upto, cap - ids.length));
  return ids;
}

function indexMatches(db: Db, listId: number, table: string, q: string, n: number): number[] {
  const iq = indexQuery(q);
  let match: string;
  if (iq.kind === 'phrase') match = iq.match;
  else {
    const terms = termsStartingWith(db, listId, iq.code);
    if (terms.length === 0) return [];
    match = terms.join(' OR ');
  }
  return db.prepare(`SELECT rowid FROM "${table}" WHERE "${table}" MATCH ? ORDER BY rowid LIMIT ?`).pluck().all(match, n) as number[];
}

/** The member at a 0-based position in list order (walks the (list_id, id) index, no table scan). */
export function memberAtPosition(db: Db, listId: number, index: number): Member | undefined {
  const r = db
    .prepare('SELECT * FROM members WHERE list_id = ? ORDER BY id LIMIT 1 OFFSET ?')
    .get(listId, index) as MemberRow | undefined;
  return r && rowToMember(db, r);
}

/** The member just after or before a given one in list order: one index seek. */
export function adjacentMember(db: Db, listId: number, memberId: number, direction: 'next' | 'previous'): Member | undefined {
  const sql =
    direction === 'next'
      ? 'SELECT * FROM members WHERE list_id = ? AND id > ? ORDER BY id LIMIT 1'
      : 'SELECT * FROM members WHERE list_id = ? AND id < ? ORDER BY id DESC LIMIT 1';
  const r = db.prepare(sql).get(listId, memberId) as MemberRow | undefined;
  return r && rowToMember(db, r);
}
