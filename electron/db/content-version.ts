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
