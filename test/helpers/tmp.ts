// Temporary folders for tests that use real files (SQLite databases, CSVs); removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/db/connection';
import { stopCheckpoints } from '../../electron/db/wal-checkpointer';

export function tempDir(prefix = 'tayori-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // Retries: a WAL checkpointer thread (wal-checkpointer.ts) still starting or ending may create
  // or remove a -wal/-shm file while the folder is being removed.
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 }) };
}

/** Removes a closed database file with its WAL and shared-memory files. */
export function removeDatabaseFiles(file: string): void {
  for (const ext of ['', '-wal', '-shm']) rmSync(file + ext, { force: true });
}

/** A fresh, migrated database file in its own temp folder. */
export function tempDb(): { db: Db; file: string; dir: string; cleanup: () => Promise<void> } {
  const t = tempDir();
  const file = join(t.dir, 'tayori.db');
  const db = openDatabase(file);
  return {
    db,
    file,
    dir: t.dir,
    // Async: the checkpointer's thread (if an import, a send or an approval started one) has its
    // own connection to the file and is ended first; removing the folder under it raced its files.
    cleanup: async () => {
      await stopCheckpoints(db);
      db.close();
      t.cleanup();
    },
  };
}
