// Probe (round 4, item 5): the WAL checkpointer (electron/db/wal-checkpointer.ts). Probed:
// - closing (stopCheckpoints, then the connection, as services.close() does) while the worker
//   copies a big WAL: the process exits, nothing committed is lost, the database opens whole;
// - a kill of the process while the worker copies: the same after reopening;
// - holds overlapping in every order (send, import, a big write, one taken during the drain):
//   the connection's own wal_autocheckpoint is what it was before, once the drain is done;
// - a long run of commits under a send hold: the WAL file stays bounded (the worker's passive
//   checkpoints let it restart), it does not grow with the run (80 MB written, < 30 MB of WAL).
import { spawn } from 'node:child_process';
import { statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { checkpointStats, holdCheckpoints, stopCheckpoints } from '../../../electron/db/wal-checkpointer';
import { tempDir } from '../../helpers/tmp';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

const ROWS = 40_000;
const mod = (path: string) => JSON.stringify(pathToFileURL(resolve(path)).href);

/**
 * The child process: writes a big WAL under an import hold, releases it (the worker starts
 * copying), waits, then closes as services.close() does (stopCheckpoints, then the connection)
 * and prints CLOSED — as the browser host's serve.ts does on SIGTERM, where the HTTP server is
 * closed first and nothing else keeps the process alive. (Inline: knip lists only fixed entries.)
 */
const CHILD = `
const { openDatabase } = await import(${mod('electron/db/connection.ts')});
const { checkpointStats, holdCheckpoints, stopCheckpoints } = await import(${mod('electron/db/wal-checkpointer.ts')});
async function main() {
  const [file, rowsArg, waitArg] = process.argv.slice(1);
  const db = openDatabase(file);
  db.exec('CREATE TABLE IF NOT EXISTS probe_big (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
  db.pragma('wal_autocheckpoint = 777');
  const release = holdCheckpoints(db, 'import');
  const insert = db.prepare('INSERT INTO probe_big (v) VALUES (randomblob(2000))');
  db.transaction(() => { for (let i = 0; i < Number(rowsArg); i++) insert.run(); })();
  release();
  console.log('COMMITTED');
  await new Promise((r) => setTimeout(r, Number(waitArg)));
  console.log('STATS', JSON.stringify(checkpointStats(db)));
  await stopCheckpoints(db);
  db.close();
}
void main().then(() => console.log('CLOSED'), (e) => console.error('FAILED', e));
`;

function runChild(file: string, waitMs: number, killOn?: string): Promise<{ code: number | null; signal: string | null; out: string; err: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', CHILD, file, String(ROWS), String(waitMs)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const timer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  child.stdout!.on('data', (d: Buffer) => {
    out += d.toString();
    if (killOn && out.includes(killOn)) setTimeout(() => child.kill('SIGKILL'), waitMs);
  });
  child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
  return new Promise((resolve) =>
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err });
    }),
  );
}

function expectWhole(file: string): void {
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM probe_big').pluck().get()).toBe(ROWS);
  } finally {
    db.close();
  }
}

describe('probe: the WAL checkpointer at close and crash', () => {
  for (const waitMs of [0, 150, 600]) {
    it(`closing ${waitMs} ms after a big WAL was released: the process exits and nothing is lost`, async () => {
      const t = tempDir();
      cleanups.push(t.cleanup);
      const file = join(t.dir, 'tayori.db');
      const r = await runChild(file, waitMs);
      expect(r.out).toContain('COMMITTED');
      expect(r.signal).toBeNull();
      expectWhole(file);
    }, 120_000);
  }

  // Was a defect (low), fixed (stopCheckpoints refs the worker and its 2 s limit while it waits):
  // stopCheckpoints waited for the worker's 'closed' reply, but the worker and the
  // 2 s fallback timer are both unref'd. In a Node process with nothing else alive (the browser
  // host's serve.ts closes the HTTP server, then the core, on SIGTERM) the process exits before
  // the reply: services.close() never resolves, the app's own connection is never closed, and
  // whatever follows the close never runs. (Seen: no CLOSED, exit code 0; as a top-level await,
  // exit code 13 "unsettled top-level await" at stopCheckpoints.) Once the worker is idle its reply
  // may come in time, so only the close right after the release is asserted. Nothing committed
  // is lost (tests above).
  it('closing right after a big WAL was released (the worker starting): the close completes', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const r = await runChild(join(t.dir, 'tayori.db'), 0);
    expect(r.out).toContain('CLOSED');
  }, 120_000);

  it('a kill while the worker copies a big WAL: the database opens whole', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'tayori.db');
    const r = await runChild(file, 100, 'COMMITTED');
    expect(r.signal).toBe('SIGKILL');
    expectWhole(file);
  }, 120_000);
});

describe('probe: overlapping holds leave the connection\'s setting as it was', () => {
  async function drained(db: ReturnType<typeof openDatabase>): Promise<void> {
    for (let i = 0; i < 1000 && checkpointStats(db).busy; i++) await new Promise((r) => setTimeout(r, 10));
    expect(checkpointStats(db).busy).toBe(false);
  }
  const orders: [string, (db: ReturnType<typeof openDatabase>) => Promise<void>][] = [
    ['send, import, send released first', async (db) => {
      const s = holdCheckpoints(db, 'send');
      const i = holdCheckpoints(db, 'import');
      s();
      i();
    }],
    ['import, send, import released first', async (db) => {
      const i = holdCheckpoints(db, 'import');
      const s = holdCheckpoints(db, 'send');
      i();
      s();
    }],
    ['send released, an import taken during the drain', async (db) => {
      const s = holdCheckpoints(db, 'send');
      db.exec('WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000) INSERT INTO probe_w (v) SELECT randomblob(1000) FROM n');
      s();
      const i = holdCheckpoints(db, 'import');
      await new Promise((r) => setTimeout(r, 20));
      const w = holdCheckpoints(db, 'write');
      i();
      w();
      w();
    }],
  ];
  for (const [name, run] of orders) {
    it(name, async () => {
      const t = tempDir();
      cleanups.push(t.cleanup);
      const db = openDatabase(join(t.dir, 'tayori.db'));
      cleanups.push(() => db.close(), () => stopCheckpoints(db));
      db.exec('CREATE TABLE probe_w (id INTEGER PRIMARY KEY, v BLOB)');
      db.pragma('wal_autocheckpoint = 777');
      await run(db);
      await drained(db);
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(777);
    }, 60_000);
  }

  it('a long run of commits under a send hold keeps the WAL bounded', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    const file = join(t.dir, 'tayori.db');
    const db = openDatabase(file);
    cleanups.push(() => db.close(), () => stopCheckpoints(db));
    db.exec('CREATE TABLE probe_w (id INTEGER PRIMARY KEY, v BLOB)');
    const release = holdCheckpoints(db, 'send');
    const insert = db.prepare('INSERT INTO probe_w (v) VALUES (randomblob(4000))');
    let maxWal = 0;
    // ~80 MB committed in 20 rounds; after each the test waits for the worker's next checkpoint
    // (one a second), so the bound does not depend on how loaded the machine is.
    for (let round = 0; round < 20; round++) {
      db.transaction(() => {
        for (let i = 0; i < 1000; i++) insert.run();
      })();
      db.prepare('DELETE FROM probe_w WHERE id <= ?').run(round * 1000 - 500);
      maxWal = Math.max(maxWal, statSync(`${file}-wal`).size);
      const runs = checkpointStats(db).runs;
      for (let i = 0; i < 3000 && checkpointStats(db).runs === runs; i++) await new Promise((r) => setTimeout(r, 10));
    }
    release();
    expect(checkpointStats(db).runs).toBeGreaterThanOrEqual(20);
    // A round writes ~5 MB; a WAL that restarted after each checkpoint holds about two rounds.
    expect(maxWal).toBeLessThan(30 * 1024 * 1024);
  }, 120_000);
});
