// Temporary folders for tests that use real files (SQLite databases, CSVs); removed after.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../electron/db/connection';

export function tempDir(prefix = 'tayori-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh, migrated database file in its own temp folder. */
export function tempDb(): { db: Db; file: string; dir: string; cleanup: () => void } {
  const t = tempDir();
  const file = join(t.dir, 'tayori.db');
  const db = openDatabase(file);
  return {
    db,
    file,
    dir: t.dir,
    cleanup: () => {
      db.close();
      t.cleanup();
    },
  };
}
