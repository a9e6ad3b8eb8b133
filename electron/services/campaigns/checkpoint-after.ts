// A freeze of 100k members commits ~12 MB to the WAL; with SQLite's automatic checkpoint (every
// 1000 WAL pages by default) that same commit then copies every page into the database file and
// syncs it, ~50-100 ms more for the requester to wait. The commit is exactly as durable without
// it (WAL, synchronous = NORMAL: promise 5 does not rest on the checkpoint), so the checkpointer's
// thread copies those pages afterwards (wal-checkpointer.ts), off the event loop.
import type { Db } from '../../db/connection';
import { holdCheckpoints } from '../../db/wal-checkpointer';

/** Runs `write` (one transaction) without a checkpoint on this connection; the worker copies its pages after. */
export function checkpointAfter<T>(db: Db, write: () => T): T {
  const release = holdCheckpoints(db, 'write');
  try {
    return write();
  } finally {
    release();
  }
}
