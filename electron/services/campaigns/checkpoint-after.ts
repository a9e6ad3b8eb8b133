// A freeze of 100k members commits ~12 MB to the WAL; with SQLite's automatic checkpoint (every
// 1000 WAL pages by default) that same commit then copies every page into the database file and
// syncs it, ~50-100 ms more for the requester to wait. The commit is exactly as durable without
// it (WAL, synchronous = NORMAL: promise 5 does not rest on the checkpoint), so the checkpoint runs
// on the next turn of the event loop instead, after the answer has gone back.
import type { Db } from '../../db/connection';

/**
 * Runs `write` (one transaction) with automatic checkpoints off, puts the connection's setting
 * back, and checkpoints right after. While an import has them off (0), nothing is changed: the
 * import checkpoints when it ends. Synchronous, so no other code runs while the setting is changed.
 */
export function checkpointAfter<T>(db: Db, write: () => T): T {
  const pages = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  if (pages <= 0) return write();
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    db.pragma(`wal_autocheckpoint = ${pages}`);
    setImmediate(() => {
      try {
        if (db.open && !db.inTransaction) db.pragma('wal_checkpoint(PASSIVE)');
      } catch {
        // Busy or closing: the next commit past the limit checkpoints as it always did.
      }
    });
  }
}
