// How often SQLite checkpoints the WAL while a send runs. Every checkpoint copies pages back into
// the database file and syncs both files; better-sqlite3 is synchronous, so the event loop, and
// with it every SMTP connection of the pool, stands still meanwhile (the send-timeline bench
// measured about half of the loop's commit time in such stalls). A status commit writes a
// handful of WAL pages, so the default (a checkpoint every 1000 pages) came every ~200 messages.
// During a send the connection checkpoints every RUN_PAGES instead: fewer stalls, and the hot
// pages (the sends rows, the status index, the audit tail) are copied once per checkpoint instead
// of once per 1000 pages. Commits are exactly as durable; the WAL just grows to ~16 MB first.
import type { Db } from '../../db/connection';

/** SQLite's default, what the connection uses outside a send. */
const DEFAULT_PAGES = 1000;
const RUN_PAGES = 4000;

const pages = (db: Db): number => db.pragma('wal_autocheckpoint', { simple: true }) as number;

/**
 * Called when the first run starts and when the last one ends. Only the default is raised, and only
 * RUN_PAGES is put back: anything else was set by another part of Tayori (an import turns automatic
 * checkpoints off while it runs, and puts back what it found) and is left alone. Should an import
 * that started during a send put RUN_PAGES back after the send ended, the next send's end resets it.
 */
export function sendCheckpoints(db: Db, sending: boolean): void {
  const now = pages(db);
  if (sending && now === DEFAULT_PAGES) db.pragma(`wal_autocheckpoint = ${RUN_PAGES}`);
  if (!sending && now === RUN_PAGES) db.pragma(`wal_autocheckpoint = ${DEFAULT_PAGES}`);
}
