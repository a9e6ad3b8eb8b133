// Probe (round 5, item 1): two processes starting at the same instant on a folder whose lock was
// left by a process that ended (a crash, SIGKILL). Both read the dead owner and judge it stale;
// the comment in lockDatabase says "only one of them creates the new file (wx)". The interleaving
// is made deterministic here: two copies of the module (two `held` maps, as two processes have),
// and the first starter's unlink of the stale file runs the whole second start just before it.
import * as fs from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../../helpers/tmp';
import { endedPid } from '../../helpers/lock-fixtures';

let beforeUnlink: (() => void) | null = null;
vi.mock('node:fs', async (original) => {
  const real = await original<typeof import('node:fs')>();
  return {
    ...real,
    unlinkSync: (path: fs.PathLike) => {
      const hook = beforeUnlink;
      beforeUnlink = null;
      hook?.();
      real.unlinkSync(path);
    },
  };
});

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function freshLockModule() {
  vi.resetModules();
  return import('../../../electron/db/database-lock');
}

describe('database lock, stale takeover race', () => {
  it('two starters that both judge a dead owner\'s lock stale: only one of them holds the folder', async () => {
    // Before the fix: A reads the dead owner, B reads it too; B unlinks it and creates its own
    // lock; A's unlink then removes B's fresh lock and A creates its own: both start on the file.
    // (The same with real processes; the window is between readOwner and unlinkSync.)
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = join(t.dir, 'tayori.db');
    const deadPid = await endedPid();
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: deadPid, host: hostname(), token: 'dead' }));

    const a = await freshLockModule();
    const b = await freshLockModule();
    const results: string[] = [];
    const attempt = (m: typeof a) => {
      try {
        const lock = m.lockDatabase(db);
        cleanups.push(() => lock.release());
        results.push('taken');
      } catch (e) {
        results.push((e as { code?: string }).code ?? String(e));
      }
    };
    beforeUnlink = () => attempt(b);
    attempt(a);
    expect(results.filter((r) => r === 'taken')).toHaveLength(1);
    expect(results).toContain('data-folder-in-use');
    expect(fs.existsSync(`${db}.lock.takeover`)).toBe(false);
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8')).pid).toBe(process.pid);
  });

  it('a takeover guard left by a starter that died mid-takeover does not hold the next start out', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const db = join(t.dir, 'tayori.db');
    const deadPid = await endedPid();
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: deadPid, host: hostname(), token: 'dead' }));
    fs.writeFileSync(`${db}.lock.takeover`, JSON.stringify({ pid: deadPid, host: hostname(), token: 'dead-guard' }));
    const m = await freshLockModule();
    const lock = m.lockDatabase(db);
    expect(fs.existsSync(`${db}.lock.takeover`)).toBe(false);
    lock.release();
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
  });
});
