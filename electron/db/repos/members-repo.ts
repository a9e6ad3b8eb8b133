// Repository for the members table: the current rows of a list, one per accepted CSV row.
import type { Db } from '../connection';
import { fieldsEncoder, parseFields, type Fields } from '../fields';

export type MemberChange = 'new' | 'email-changed' | 'name-changed' | null;

export interface Member {
  readonly id: number;
  readonly listId: number;
  /** The row's Excel row number in the file it was imported from (the header is row 1). */
  readonly line: number;
  /** Normalised address. */
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
  /** Every column of the row, as text, keyed by header. */
  readonly fields: Fields;
  readonly change: MemberChange;
  /** Who changed the row in Tayori since it was imported, and when (null: as imported). */
  readonly edited: { readonly by: string | null; readonly at: number } | null;
}

export type NewMember = Pick<Member, 'line' | 'email' | 'name' | 'key' | 'fields' | 'change'>;

interface MemberRow {
  id: number;
  list_id: number;
  line: number;
  email: string;
  name: string;
  member_key: string | null;
  fields_json: string;
  change: string | null;
  edited_at: number | null;
  edited_by: string | null;
}

export function rowToMember(db: Db, r: MemberRow): Member {
  return {
    id: r.id,
    listId: r.list_id,
    line: r.line,
    email: r.email,
    name: r.name,
    key: r.member_key,
    fields: parseFields(db, r.fields_json),
    change: (r.change as MemberChange) ?? null,
    edited: r.edited_at === null || r.edited_at === undefined ? null : { by: r.edited_by, at: r.edited_at },
  };
}

/** Prepared inserter for bulk imports; call inside the import's transaction. */
export function memberInserter(db: Db, listId: number, importId: number): (m: NewMember) => void {
  const stmt = db.prepare(
    `INSERT INTO members (list_id, line, email, name, member_key, fields_json, change, first_seen_import, last_seen_import)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const encode = fieldsEncoder(db);
  return (m) => {
    stmt.run(listId, m.line, m.email, m.name, m.key, encode(m.fields), m.change, importId, importId);
  };
}

/** Deletes up to `limit` of the list's members (lowest ids first); returns how many went. */
export function deleteSomeMembers(db: Db, listId: number, limit: number): number {
  return db.prepare('DELETE FROM members WHERE id IN (SELECT id FROM members WHERE list_id = ? ORDER BY id LIMIT ?)').run(listId, limit).changes;
}

export function getMember(db: Db, id: number): Member | undefined {
  const r = db.prepare('SELECT * FROM members WHERE id = ?').get(id) as MemberRow | undefined;
  return r && rowToMember(db, r);
}

export function countMembers(db: Db, listId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM members WHERE list_id = ?').get(listId) as { n: number }).n;
}

/** A page of members in list order (by id), for browsing. */
export function pageMembers(db: Db, listId: number, offset: number, limit: number): Member[] {
  return (
    db
      .prepare('SELECT * FROM members WHERE list_id = ? ORDER BY id LIMIT ? OFFSET ?')
      .all(listId, limit, offset) as MemberRow[]
  ).map((r) => rowToMember(db, r));
}

/** Every member of a list, in order, without holding them all in memory at once. */
export function* iterateMembers(db: Db, listId: number): Generator<Member> {
  const stmt = db.prepare('SELECT * FROM members WHERE list_id = ? ORDER BY id');
  for (const r of stmt.iterate(listId) as IterableIterator<MemberRow>) yield rowToMember(db, r);
}

/** The list's first member (lowest id), or null for an empty list: the default test target. */
export function firstMemberId(db: Db, listId: number): number | null {
  return (db.prepare('SELECT id FROM members WHERE list_id = ? ORDER BY id LIMIT 1').get(listId) as { id: number } | undefined)?.id ?? null;
}

// Members has no index on the address or the key: the lookups are member_emails and member_keys
// (migration 0016), one entry per member in (list, address or key, id) order.

/** The list's member with this key (lowest id if several), for mapping an earlier send to today's list. */
export function findMemberByKey(db: Db, listId: number, key: string): Member | undefined {
  const r = db
    .prepare('SELECT m.* FROM member_keys k CROSS JOIN members m ON m.id = k.member_id WHERE k.list_id = ? AND k.member_key = ? ORDER BY k.member_id LIMIT 1')
    .get(listId, key) as MemberRow | undefined;
  return r && rowToMember(db, r);
}

export function findMemberByEmail(db: Db, listId: number, email: string): Member | undefined {
  const r = db
    .prepare('SELECT m.* FROM member_emails e CROSS JOIN members m ON m.id = e.member_id WHERE e.list_id = ? AND e.email = ? ORDER BY e.member_id LIMIT 1')
    .get(listId, email) as MemberRow | undefined;
  return r && rowToMember(db, r);
}

/** A member's row after an edit in Tayori; `change` marks it for the next check report, `edited` for the list. */
export function updateMemberRow(
  db: Db,
  id: number,
  m: { email: string; name: string; fields: Fields; change: MemberChange; editedBy: string | null; editedAt: number },
): void {
  db.prepare('UPDATE members SET email = ?, name = ?, fields_json = ?, change = ?, edited_by = ?, edited_at = ? WHERE id = ?').run(
    m.email, m.name, fieldsEncoder(db)(m.fields), m.change, m.editedBy, m.editedAt, id,
  );
}

/** The list's members with this reference (k:key or e:address), for showing exclusions by name. */
export function findMemberByRef(db: Db, listId: number, ref: string): Member | undefined {
  if (ref.startsWith('k:')) return findMemberByKey(db, listId, ref.slice(2));
  // Address references are in lower case (shared/recipients memberRef): a pass over the list's
  // addresses in member_emails (narrower than its rows), then the one member by id.
  const r = db
    .prepare('SELECT * FROM members WHERE id = (SELECT min(member_id) FROM member_emails WHERE list_id = ? AND lower(email) = ?)')
    .get(listId, ref.slice(2)) as MemberRow | undefined;
  return r && rowToMember(db, r);
}

/** How many of the list's members come before this one (its 0-based position in list order). */
export function countMembersBefore(db: Db, listId: number, memberId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM members WHERE list_id = ? AND id < ?').get(listId, memberId) as { n: number }).n;
}
