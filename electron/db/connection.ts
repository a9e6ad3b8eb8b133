// Opens the SQLite file with the settings every part of Tayori relies on, then migrates it.
import Database from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations, type Migration } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Only for tests of the migration runner itself. */
  readonly migrations?: readonly Migration[];
}

/** The page size of a new database file. */
export const PAGE_SIZE = 8192;

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  const db = new Database(file);
  try {
    // WAL: readers (preview) never block the sender's status commits; synchronous=NORMAL is
    // durable across application crashes in WAL mode, which is what promise 5 needs.
    // A new file gets 8 KiB pages (SQLite's default is 4 KiB); an existing file keeps its own, as
    // SQLite changes the size only before the first table. A member row with its fields is some
    // 370 bytes: importing 1M rows with 8 KiB pages wrote half as many WAL frames and took
    // 0.3-0.4 s less of the database thread (README, Performance, round 8). 16 KiB saved more
    // there but made each send's commit write 16 KiB a page: send_vs_bare fell to 0.90-0.93.
    db.pragma(`page_size = ${PAGE_SIZE}`);
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
