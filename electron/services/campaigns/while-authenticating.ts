// Read-only work done while a PIN (or a mailed code) is checked. The PIN's scrypt runs in libuv's
// thread pool, so the main thread is free for ~200 ms: the approval reads and hashes what it will
// need meanwhile, and uses that only if the database is provably unchanged when the PIN has
// verified (content-version.ts: nothing written by this connection, nothing committed by another).
// The work writes nothing, so a wrong PIN still changes nothing but what the PIN gate records (the
// failed attempt, its audit row, a lock), and every attempt goes through the gate exactly as before.
import { contentVersion, type ContentVersion } from '../../db/content-version';
import type { Db } from '../../db/connection';

/** A value computed from the database as it stood at `version`. */
export interface EarlyResult<T> {
  readonly value: T;
  readonly version: ContentVersion;
}

/**
 * Starts `authenticate`, lets it reach its hashing, runs `work` on the main thread meanwhile, then
 * waits for the verdict. `early` is null when the work was not done (the check had already failed,
 * e.g. a locked user, or the database is inside a transaction) or threw (the caller then does the
 * work again after the PIN, where the error surfaces as it always did). A failed authentication
 * rejects as `authenticate` does.
 */
export async function whileAuthenticating<U, T>(
  db: Db,
  authenticate: () => Promise<U>,
  work: () => T,
): Promise<{ user: U; early: EarlyResult<T> | null }> {
  let settled = false;
  const verdict = authenticate();
  verdict.then(
    () => (settled = true),
    () => (settled = true),
  );
  // The PIN gate starts the hash a microtask or two later; a locked or unknown user is refused by
  // then, and the work is not worth doing.
  await new Promise<void>((resolve) => setImmediate(resolve));
  let early: EarlyResult<T> | null = null;
  if (!settled && !db.inTransaction) {
    // Read BEFORE the work (content-version.ts): a commit landing in between only voids the result.
    const version = contentVersion(db);
    try {
      early = { value: work(), version };
    } catch {
      early = null;
    }
  }
  return { user: await verdict, early };
}

/**
 * The early value if the database has not changed since it was computed, else undefined. Call it
 * where the value is used, with nothing written in between (inside the writing transaction, before
 * its first write; an IMMEDIATE one, so no other connection can commit after the check).
 */
export function stillValid<T>(db: Db, early: EarlyResult<T> | null): T | undefined {
  return early !== null && contentVersion(db) === early.version ? early.value : undefined;
}
