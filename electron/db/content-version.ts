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
import type { Db } from './connection';

export type ContentVersion = string;

const totalChanges = new WeakMap<Db, { get(): unknown }>();
/** Per connection: how many of total_changes() outsideContent's writes made. */
const uncounted = new WeakMap<Db, number>();

function changesOf(db: Db): number {
  let changes = totalChanges.get(db);
  if (!changes) {
    changes = db.prepare('SELECT total_changes()').pluck();
    totalChanges.set(db, changes);
  }
  return Number(changes.get());
}

export function contentVersion(db: Db): ContentVersion {
  const changes = changesOf(db) - (uncounted.get(db) ?? 0);
  return `${String(db.pragma('data_version', { simple: true }))}:${String(changes)}`;
}

/**
 * Runs `write`, whose changes touch only tables that no content-versioned cache reads (the search
 * index's), without moving the version. Synchronous, so no other write can fall in between.
 * Only for the same connection's own writes: another connection's commit moves data_version anyway.
 */
export function outsideContent<T>(db: Db, write: () => T): T {
  const before = changesOf(db);
  try {
    return write();
  } finally {
    uncounted.set(db, (uncounted.get(db) ?? 0) + (changesOf(db) - before));
  }
}

/** The version to key a cached value by, or null inside a transaction (nothing may be kept or reused then). */
export function cacheableVersion(db: Db): ContentVersion | null {
  return db.inTransaction ? null : contentVersion(db);
}
