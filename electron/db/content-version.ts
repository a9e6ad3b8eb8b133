// A token that moves whenever the database's content may have changed, for caches of values that
// are pure functions of that content: total_changes() counts every row this connection changed
// (it never goes back, even on rollback) and PRAGMA data_version moves when another connection
// commits. Read it BEFORE reading the content a cache keeps: a commit that lands in between then
// only makes the next call compute afresh.
//
// Inside an open transaction the token cannot vouch for anything: rows this connection wrote and
// later rolls back are counted once, so a value read from them would outlive the rollback. Callers
// neither keep nor reuse a value while db.inTransaction.
import type { Db } from './connection';

export type ContentVersion = string;

const totalChanges = new WeakMap<Db, { get(): unknown }>();

export function contentVersion(db: Db): ContentVersion {
  let changes = totalChanges.get(db);
  if (!changes) {
    changes = db.prepare('SELECT total_changes()').pluck();
    totalChanges.set(db, changes);
  }
  return `${String(db.pragma('data_version', { simple: true }))}:${String(changes.get())}`;
}

/** The version to key a cached value by, or null inside a transaction (nothing may be kept or reused then). */
export function cacheableVersion(db: Db): ContentVersion | null {
  return db.inTransaction ? null : contentVersion(db);
}
