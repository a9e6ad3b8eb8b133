// One process at a time on a database file. Electron's single-instance lock keeps two windows of
// the app apart, but the browser host (`npm run serve`), a second data-folder copy opened by
// hand, or the app and the browser host together can reach the same file from two processes.
// SQLite keeps each write safe, but much of what the app knows lives in one process: a running
// import's pending list is cleared as "left by a crash" by the other process's start-up, a send
// in one process is a stranded claim to the other. So the second process is refused at start.
//
// The lock is a file beside the database (`tayori.db.lock`) holding the owner's pid and host,
// created exclusively. Node has no portable advisory file lock, so a lock left by a crash is
// recognised by its owner: a pid that no longer runs, or a heartbeat (the file's mtime, touched
// every 30 s) older than two minutes (a pid reused by another program after a restart).
// Another host's process cannot be asked whether it runs, so there the heartbeat alone decides.
// Within one process the lock is shared (tests and the practice switch open a file twice).
import { closeSync, mkdirSync, openSync, readFileSync, realpathSync, rmSync, unlinkSync, utimesSync, writeSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../shared/errors';

const HEARTBEAT_MS = 30_000;
const STALE_AFTER_MS = 120_000;

interface Held {
  readonly file: string;
  readonly token: string;
  readonly timer: NodeJS.Timeout;
  users: number;
}

/** Locks held by this process, by the lock file's real path. */
const held = new Map<string, Held>();

export interface DatabaseLock {
  release(): void;
}

interface LockOwner {
  readonly pid: number;
  readonly host: string;
  readonly token: string;
}

function lockFileOf(dbFile: string): string {
  mkdirSync(dirname(dbFile), { recursive: true });
  // The folder's real path: the same file reached through a symbolic link is the same lock.
  return join(realpathSync(dirname(dbFile)), `${basename(dbFile)}.lock`);
}

function readOwner(file: string): LockOwner | null {
  try {
    const o = JSON.parse(readFileSync(file, 'utf8')) as Partial<LockOwner>;
    return typeof o.pid === 'number' && typeof o.host === 'string' && typeof o.token === 'string' ? (o as LockOwner) : null;
  } catch {
    return null;
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as another user.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The heartbeat is recent. A live owner touches the file every 30 s, so a file not touched for two
 * minutes has no owner; a date far ahead (a clock set back, a file copied from a machine ahead)
 * is no heartbeat either: a live owner's next touch would have brought it back to now.
 */
function beating(file: string, now: number): boolean {
  try {
    return Math.abs(now - statSync(file).mtimeMs) < STALE_AFTER_MS;
  } catch {
    return false;
  }
}

/**
 * The other owner still holds the file: its heartbeat is recent and, on this machine, its process
 * runs. Another host's process cannot be asked, so there the heartbeat alone decides (a folder
 * shared over a network, or this machine under an older name after a rename or a network change).
 * An unreadable file is judged by its heartbeat too: one being written this instant is held.
 */
function stillHeld(file: string, owner: LockOwner | null, now: number): boolean {
  if (!beating(file, now)) return false;
  if (!owner || owner.host !== hostname()) return true;
  return running(owner.pid);
}

/** Removes a lock judged stale, whatever it is (a directory of that name left by a copy, too). */
function removeStale(file: string): void {
  try {
    rmSync(file, { recursive: true, force: true });
  } catch {
    /* removed by another starter */
  }
}

function tryCreate(file: string, token: string): boolean {
  try {
    const fd = openSync(file, 'wx', 0o600);
    try {
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), token }));
    } finally {
      closeSync(fd);
    }
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
}

/**
 * Replaces a lock judged stale, one starter at a time. Without the guard two starters that both
 * judged it stale could both take it: the second's unlink removed the first's fresh lock. Under the
 * guard the lock is judged again, and only a starter holding the guard ever removes a lock file. A
 * guard left by a starter that ended mid-takeover is stale like a lock (its pid is gone).
 */
function takeOver(file: string, token: string): boolean {
  const guard = `${file}.takeover`;
  if (!tryCreate(guard, token)) {
    if (stillHeld(guard, readOwner(guard), Date.now())) return false;
    removeStale(guard);
    if (!tryCreate(guard, token)) return false;
  }
  try {
    if (tryCreate(file, token)) return true;
    if (stillHeld(file, readOwner(file), Date.now())) return false;
    removeStale(file);
    return tryCreate(file, token);
  } finally {
    if (readOwner(guard)?.token === token) unlinkSync(guard);
  }
}

function inUse(dbFile: string, owner: LockOwner | null): AppError {
  return new AppError(
    'data-folder-in-use',
    'Tayori is already open on this data folder in another window or program. Close it and start again; if none is open (after a crash), start again in two minutes.',
    { file: dbFile, ...(owner ? { pid: owner.pid } : {}) },
  );
}

/** Takes the database file for this process, or throws `data-folder-in-use`. */
export function lockDatabase(dbFile: string): DatabaseLock {
  const file = lockFileOf(dbFile);
  let mine = held.get(file);
  if (!mine) {
    const token = `${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    if (!tryCreate(file, token)) {
      const owner = readOwner(file);
      if (stillHeld(file, owner, Date.now())) throw inUse(dbFile, owner);
      // Left by a process that has ended: take it over.
      if (!takeOver(file, token)) throw inUse(dbFile, readOwner(file));
    }
    const timer = setInterval(() => {
      try {
        const t = new Date();
        utimesSync(file, t, t);
      } catch {
        /* the folder is gone (a test's); nothing to keep alive */
      }
    }, HEARTBEAT_MS);
    timer.unref();
    mine = { file, token, timer, users: 0 };
    held.set(file, mine);
  }
  mine.users++;
  const entry = mine;
  let released = false;
  return {
    release() {
      if (released) return;
      released = true;
      if (--entry.users > 0) return;
      clearInterval(entry.timer);
      held.delete(entry.file);
      // Remove it only while it is still ours.
      if (readOwner(entry.file)?.token === entry.token) {
        try {
          unlinkSync(entry.file);
        } catch {
          /* already gone */
        }
      }
    },
  };
}
