// The life of a pending list (migration 0003): a new list that an import fills while it reads
// the file, invisible to every reader until the import's final transaction publishes it. A
// failed or cancelled import deletes it again; one left by a crash is deleted when the app starts
// (services.ts) and, should that not have finished, by the next import.
import { realpathSync } from 'node:fs';
import type { Db } from '../../db/connection';
import { insertImport } from '../../db/repos/imports-repo';
import { createPendingList, deletePendingList, pendingListIds } from '../../db/repos/lists-repo';
import { deleteSomeMembers } from '../../db/repos/members-repo';

export interface PendingList {
  readonly listId: number;
  /** The import row its members point at; completed by the final transaction. */
  readonly importId: number;
}

/** Pending lists of imports running in this process (keyed by database file), never purged. */
const active = new Set<string>();
/**
 * The database file as the file system knows it: the same folder reached through a symbolic
 * link (or spelled another way) is the same database, whose running imports must be seen.
 */
const fileOf = new WeakMap<Db, string>();
function fileKey(db: Db): string {
  let f = fileOf.get(db);
  if (f === undefined) {
    try {
      f = realpathSync(db.name);
    } catch {
      f = db.name;
    }
    fileOf.set(db, f);
  }
  return f;
}
const keyOf = (db: Db, listId: number): string => `${fileKey(db)}\u0000${listId}`;

export function createPending(db: Db, a: { name: string; fileName: string; encoding: string; delimiter: string; now: number }): PendingList {
  return db.transaction((): PendingList => {
    const listId = createPendingList(db, a.name, a.now);
    const importId = insertImport(db, {
      listId, fileName: a.fileName, sha256: '', encoding: a.encoding, delimiter: a.delimiter,
      totalRows: 0, acceptedRows: 0, rejectedRows: 0, importedBy: null, createdAt: a.now, report: {},
    });
    active.add(keyOf(db, listId));
    return { listId, importId };
  })();
}

/** The import has committed: the list is an ordinary one now. */
export function settlePending(db: Db, p: PendingList): void {
  active.delete(keyOf(db, p.listId));
}

/** Rows deleted per transaction: short steps keep the event loop (IPC, sends) moving. */
const DELETE_STEP = 20_000;

/** Deletes a pending list with its members and import row, in short steps. */
export async function discardPending(db: Db, listId: number): Promise<void> {
  while (deleteSomeMembers(db, listId, DELETE_STEP) > 0) {
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  deletePendingList(db, listId);
  active.delete(keyOf(db, listId));
}

/** The purge under way per database file: the start-up one and an import's share it. */
const purging = new Map<string, Promise<void>>();

/**
 * Deletes pending lists that no running import owns (left by a crash). One purge at a time per
 * database: two running side by side could see the same crashed list, and the slower one would
 * go on deleting "its" list's members after a new import had been given the freed list id.
 */
export function purgeAbandoned(db: Db): Promise<void> {
  const running = purging.get(fileKey(db));
  if (running) return running;
  const work = (async () => {
    for (const id of pendingListIds(db)) {
      if (!active.has(keyOf(db, id))) await discardPending(db, id);
    }
  })().finally(() => purging.delete(fileKey(db)));
  purging.set(fileKey(db), work);
  return work;
}
