// A token that moves whenever the database's content may have changed, for caches of values that
// are pure functions of that content: total_changes() counts every row this connection changed
// (it never goes back, even on rollback) and PRAGMA data_version moves when another connection
// commits. Read it BEFORE reading the content a cache keeps: a commit that lands in between then
// only makes the next call compute afresh.
//
// Inside an open transaction the token cannot vouch for anything: rows this connection wrote and
// later rolls back are counted once, so a value read from them would outlive the rollback. Callers
// neither keep nor reuse a value while db.inTransaction.
//
// Writes that no cached value can depend on (the member search index's own tables, filled in the
// background for about 100 s after a 1M-row import) are run through outsideContent: the changes
// they make are subtracted, so they do not void the check report, the recipient order and the
// preview while the index is being built.
//
// A second, narrower token, the members version, also stands still for the writes of a notice's
// own text and settings (outsideMembers: the campaigns:update handler wraps the campaign service's
// update) and of an approval's own rows (approve: the approval, the status, the audit entry). Only
// caches of what is read from the members, the list's exclusions, the suppressions and the frozen
// snapshots (the draft and frozen recipients of the check report, the recipient order, whether the
// list still gives a snapshot) are kept under it, so an edit of the notice does not make them read
// 100k members again, nor approve the start-of-send check read 100k frozen rows. It is safe by default: any write not
// explicitly wrapped, and any other connection's commit, moves it exactly as it moves the content
// version.
import type { Db } from './connection';

export type ContentVersion = string;

const totalChanges = new WeakMap<Db, { get(): unknown }>();
/** Per connection: how many of total_changes() outsideContent's writes made. */
const uncounted = new WeakMap<Db, number>();
/** Per connection: how many of the changes that count for the content outsideMembers' writes made. */
const uncountedForMembers = new WeakMap<Db, number>();
/**
 * Connections inside an outsideContent or outsideMembers call. A call nested in another runs its
 * write plainly: the outer one subtracts those changes already, and subtracting them twice could
 * bring the version back to a value it had before a write that counts (a stale cache). Running it
 * plainly at worst moves a version for nothing.
 */
const excluding = new WeakSet<Db>();

function changesOf(db: Db): number {
  let changes = totalChanges.get(db);
  if (!changes) {
    changes = db.prepare('SELECT total_changes()').pluck();
    totalChanges.set(db, changes);
  }
  return Number(changes.get());
}

const contentChangesOf = (db: Db): number => changesOf(db) - (uncounted.get(db) ?? 0);

export function contentVersion(db: Db): ContentVersion {
  return `${String(db.pragma('data_version', { simple: true }))}:${String(contentChangesOf(db))}`;
}

/** Like contentVersion, but unmoved by outsideMembers' writes (the notice's own text and settings). */
export function membersVersion(db: Db): ContentVersion {
  const changes = contentChangesOf(db) - (uncountedForMembers.get(db) ?? 0);
  return `${String(db.pragma('data_version', { simple: true }))}:${String(changes)}`;
}

/** Runs `write` and adds the changes `counted` saw it make to `into`, unless already inside such a call. */
function excluded<T>(db: Db, counted: (db: Db) => number, into: WeakMap<Db, number>, write: () => T): T {
  if (excluding.has(db)) return write();
  excluding.add(db);
  const before = counted(db);
  try {
    return write();
  } finally {
    excluding.delete(db);
    into.set(db, (into.get(db) ?? 0) + (counted(db) - before));
  }
}

/**
 * Runs `write`, whose changes touch only tables that no content-versioned cache reads (the search
 * index's), without moving the version. Synchronous, so no other write can fall in between.
 * Only for the same connection's own writes: another connection's commit moves data_version anyway.
 */
export function outsideContent<T>(db: Db, write: () => T): T {
  return excluded(db, changesOf, uncounted, write);
}

/**
 * Runs `write`, which changes nothing that the members-versioned caches read (members, list
 * exclusions, suppressions, snapshots; a notice's templates, name, sender, selection and approval state are
 * not among them: the selection and list are part of those caches' keys), without moving the
 * members version. The content version moves as usual. Synchronous, so no other write can fall in
 * between; another connection's commit moves data_version, hence both versions, anyway.
 */
export function outsideMembers<T>(db: Db, write: () => T): T {
  return excluded(db, contentChangesOf, uncountedForMembers, write);
}

/** The version to key a cached value by, or null inside a transaction (nothing may be kept or reused then). */
export function cacheableVersion(db: Db): ContentVersion | null {
  return db.inTransaction ? null : contentVersion(db);
}

/** The members version to key a cached value by, or null inside a transaction. */
export function cacheableMembersVersion(db: Db): ContentVersion | null {
  return db.inTransaction ? null : membersVersion(db);
}

/**
 * A write known to have changed, of what the members-versioned caches read, only some members of
 * one list: their rows (members:update) or their exclusions (exclusions:add, exclusions:remove),
 * besides what no such cache reads (the audit entry, the search index's dirty mark). The members
 * version before and after it, the list, the members and their addresses before and after. A cache
 * of what is read from the members may then bring a value kept at `before` up to `after` by reading
 * again only the rows this write can have changed, instead of the whole list.
 */
export interface MemberRowEdit {
  readonly before: ContentVersion;
  readonly after: ContentVersion;
  readonly listId: number;
  readonly memberIds: readonly number[];
  readonly emails: readonly string[];
}

/** Per connection: the last few such writes, oldest first. */
const memberEdits = new WeakMap<Db, MemberRowEdit[]>();
const MEMBER_EDITS_KEPT = 32;

/**
 * Runs `write`, which changes nothing that the members-versioned caches read but the rows or the
 * exclusions of the members `rows()` names (read before and after it; all of list `listId`), and
 * records it as a MemberRowEdit. The version moves as for any write: every cache that does not look
 * at the record reads afresh as before. A write that throws is not recorded (the version may have
 * moved: caches read afresh).
 */
export function listRowsChanged<T>(db: Db, listId: number, rows: () => readonly { id: number; list_id: number; email: string }[], write: () => T): T {
  const was = rows();
  const before = membersVersion(db);
  const result = write();
  const after = membersVersion(db);
  const now = rows();
  if ([...was, ...now].every((r) => r.list_id === listId)) {
    let edits = memberEdits.get(db);
    if (!edits) memberEdits.set(db, (edits = []));
    const both = [...was, ...now];
    edits.push({ before, after, listId, memberIds: [...new Set(both.map((r) => r.id))], emails: [...new Set(both.map((r) => r.email))] });
    if (edits.length > MEMBER_EDITS_KEPT) edits.shift();
  }
  return result;
}

/** listRowsChanged for an edit of one member's row (members:update). */
export function memberRowEdited<T>(db: Db, memberId: number, write: () => T): T {
  const rowOf = db.prepare('SELECT id, list_id, email FROM members WHERE id = ?');
  const rows = () => rowOf.all(memberId) as { id: number; list_id: number; email: string }[];
  const listId = rows()[0]?.list_id ?? -1;
  return listRowsChanged(db, listId, rows, write);
}
/**
 * The member-row edits that lead from version `from` to version `to` with nothing counted in
 * between (each edit's `before` is where the previous one, or `from`, left the version), or null
 * when there is no such chain: some other write, or another connection's commit, happened too.
 */
export function memberEditsBetween(db: Db, from: ContentVersion, to: ContentVersion): MemberRowEdit[] | null {
  const edits = memberEdits.get(db) ?? [];
  const start = edits.findIndex((e) => e.before === from);
  if (start < 0) return null;
  const chain: MemberRowEdit[] = [];
  let at = from;
  for (let i = start; i < edits.length && at !== to; i++) {
    const e = edits[i]!;
    if (e.before !== at) return null;
    chain.push(e);
    at = e.after;
  }
  return at === to ? chain : null;
}
