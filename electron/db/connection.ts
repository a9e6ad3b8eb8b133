// Opens the SQLite file with the settings every part of Tayori relies on, then migrates it.
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Only for tests of the migration runner itself. */
  readonly migrations?: readonly Migration[];
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file);
  try {
    // WAL: readers (preview) never block the sender's status commits; synchronous=NORMAL is
    // durable across application crashes in WAL mode, which is what promise 5 needs.
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    migrate(db, options.migrations ?? migrations);
    return db;
  } catch (e) {
    db.close();
    throw e;
  }
}
