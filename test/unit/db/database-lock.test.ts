// One process at a time on a database file (electron/db/database-lock.ts): a second process is
// refused while the first runs; a lock left by a process that ended, or whose heartbeat stopped,
// is taken over; within one process the lock is shared and the file goes with the last release.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { lockDatabase } from '../../../electron/db/database-lock';
import { tempDir } from '../../helpers/tmp';
import { lockOutcome, endedPid } from '../../helpers/lock-fixtures';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function setUp() {
  const t = tempDir();
  cleanups.push(t.cleanup);
  const db = join(t.dir, 'data', 'tayori.db');
  return { db, lockFile: `${db}.lock` };
}

const writeOwner = (file: string, owner: object) => writeFileSync(file, JSON.stringify(owner));

/** A process that runs until the test ends: a pid that is alive and not ours. */
function otherProcess(): number {
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
  cleanups.push(() => child.kill());
  return child.pid!;
}

const code = lockOutcome;

describe('database lock', () => {
  it('creates the folder and the lock file, shares it within the process, and removes it with the last release', () => {
    const { db, lockFile } = setUp();
    const a = lockDatabase(db);
    expect(JSON.parse(readFileSync(lockFile, 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    const b = lockDatabase(db);
    a.release();
    a.release(); // twice is once
    expect(existsSync(lockFile)).toBe(true);
    b.release();
    expect(existsSync(lockFile)).toBe(false);
  });

  it('refuses while another running process on this machine holds it, in plain words', () => {
    const { db, lockFile } = setUp();
    lockDatabase(db).release(); // the folder exists
    writeOwner(lockFile, { pid: otherProcess(), host: hostname(), token: 'other' });
    let error: { code?: string; message?: string } = {};
    try {
      lockDatabase(db);
    } catch (e) {
      error = e as typeof error;
    }
    expect(error.code).toBe('data-folder-in-use');
    expect(error.message).toMatch(/already open on this data folder/);
    // Still the other's: the refused one took nothing away.
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).token).toBe('other');
  });

  it('takes over a lock whose process has ended', async () => {
    const { db, lockFile } = setUp();
    lockDatabase(db).release();
    const childPid = await endedPid();
    writeOwner(lockFile, { pid: childPid, host: hostname(), token: 'dead' });
    const lock = lockDatabase(db);
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('takes over a lock whose heartbeat stopped two minutes ago (a pid reused after a restart)', () => {
    const { db, lockFile } = setUp();
    lockDatabase(db).release();
    writeOwner(lockFile, { pid: otherProcess(), host: hostname(), token: 'old' });
    const old = new Date(Date.now() - 3 * 60_000);
    utimesSync(lockFile, old, old);
    expect(code(() => lockDatabase(db).release())).toBe('taken');
  });

  it('another machine\'s lock (a folder shared over the network, or this machine under an older name) is held while its heartbeat beats, and so is a fresh unreadable one', () => {
    const { db, lockFile } = setUp();
    lockDatabase(db).release();
    writeOwner(lockFile, { pid: 1, host: 'another-machine', token: 'x' });
    expect(code(() => lockDatabase(db))).toBe('data-folder-in-use');
    writeFileSync(lockFile, '{"pid": 12');
    expect(code(() => lockDatabase(db))).toBe('data-folder-in-use');
    const old = new Date(Date.now() - 10 * 60_000);
    utimesSync(lockFile, old, old);
    expect(code(() => lockDatabase(db).release())).toBe('taken');
    writeOwner(lockFile, { pid: 1, host: 'another-machine', token: 'x' });
    utimesSync(lockFile, old, old);
    expect(code(() => lockDatabase(db).release())).toBe('taken');
  });

  it('a release does not remove a lock that another process has taken over meanwhile', () => {
    const { db, lockFile } = setUp();
    const lock = lockDatabase(db);
    writeOwner(lockFile, { pid: otherProcess(), host: hostname(), token: 'theirs' });
    lock.release();
    expect(JSON.parse(readFileSync(lockFile, 'utf8')).token).toBe('theirs');
  });
});
