// Who checkpoints the WAL (wal-checkpointer.ts): during a send a worker thread with its own
// connection, never the main connection (its commits would stall the event loop); during an
// import nobody; after either, the worker copies what is left and then the connection's own
// checkpoints come back as they were. Overlapping sends and imports end with the setting the
// connection had before either.
import { afterEach, describe, expect, it } from 'vitest';
import { checkpointStats, holdCheckpoints, stopCheckpoints } from '../../../electron/db/wal-checkpointer';
import type { Db } from '../../../electron/db/connection';
import { tempDb } from '../../helpers/tmp';
import { until } from '../../helpers/until';
import { sendHarness } from '../../helpers/send-harness';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function db(): Db {
  const t = tempDb();
  cleanups.push(t.cleanup);
  cleanups.push(() => stopCheckpoints(t.db));
  t.db.exec('CREATE TABLE pad (x BLOB)');
  return t.db;
}

/** Commits `pages` WAL pages' worth of rows, one transaction each. */
function write(d: Db, pages: number): void {
  const ins = d.prepare('INSERT INTO pad VALUES (randomblob(4000))');
  for (let i = 0; i < pages; i++) ins.run();
}

/** Frames in the WAL not yet copied into the database file, as a reader sees it, without copying. */
const walFrames = (d: Db): number => (d.pragma('wal_checkpoint(NOOP)') as { log: number; checkpointed: number }[]).map((r) => r.log - r.checkpointed)[0] ?? 0;


describe('WAL checkpoints', () => {
  it('during a send the worker checkpoints and the connection never does; afterwards the connection does again', async () => {
    const d = db();
    expect(checkpointStats(d).autocheckpoint).toBe(1000);
    const release = holdCheckpoints(d, 'send');
    expect(checkpointStats(d)).toMatchObject({ autocheckpoint: 0, worker: true });
    write(d, 1500);
    // The worker copies the WAL back while the connection goes on committing.
    await until('the worker has checkpointed', () => checkpointStats(d).lastCopied > 0);
    write(d, 10);
    release();
    await until('the worker has copied what was left', () => !checkpointStats(d).busy);
    expect(checkpointStats(d).autocheckpoint).toBe(1000);
    expect(walFrames(d)).toBe(0);
    // The thread waits for the next send a while instead of starting anew for each.
    expect(checkpointStats(d).worker).toBe(true);
    release(); // a second call does nothing
    expect(checkpointStats(d).autocheckpoint).toBe(1000);
  });

  it('nobody checkpoints during an import; its WAL is copied by the worker after it, not by the next write', async () => {
    const d = db();
    const release = holdCheckpoints(d, 'import');
    write(d, 2500);
    const runs = checkpointStats(d).runs;
    await new Promise((r) => setTimeout(r, 150));
    expect(checkpointStats(d)).toMatchObject({ autocheckpoint: 0, runs });
    expect(walFrames(d)).toBeGreaterThanOrEqual(2500);
    release();
    // The next write does not pay for the import's WAL: the connection checkpoints nothing itself
    // until the worker has copied it all.
    expect(checkpointStats(d).autocheckpoint).toBe(0);
    write(d, 1);
    await until('the import\'s WAL is in the file', () => !checkpointStats(d).busy);
    expect(walFrames(d)).toBe(0);
    expect(checkpointStats(d).autocheckpoint).toBe(1000);
  });

  it('a send and an import that overlap, in either order, end with the connection\'s own setting', async () => {
    for (const order of [['send', 'import'], ['import', 'send']] as const) {
      const d = db();
      d.pragma('wal_autocheckpoint = 2000');
      const first = holdCheckpoints(d, order[0]);
      const second = holdCheckpoints(d, order[1]);
      expect(checkpointStats(d).autocheckpoint).toBe(0);
      first();
      expect(checkpointStats(d).autocheckpoint).toBe(0);
      second();
      await until('the worker is done', () => !checkpointStats(d).busy);
      expect(checkpointStats(d).autocheckpoint).toBe(2000);
    }
  });

  it('a real run hands checkpoints to the worker while sending and gives them back when it ends', async () => {
    const h = await sendHarness({ members: 30, maxConnections: 2 });
    cleanups.push(() => h.cleanup());
    const pages = () => h.db.pragma('wal_autocheckpoint', { simple: true }) as number;
    const seen: number[] = [];
    h.svc.onProgress((p) => {
      if (p.state === 'sending') seen.push(pages());
    });
    h.start();
    await h.svc.settled(h.fx.campaignId);
    expect(h.svc.status(h.fx.campaignId).state).toBe('completed');
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen)).toEqual(new Set([0]));
    await until('the worker is done', () => !checkpointStats(h.db).busy);
    expect(pages()).toBe(1000);
  });
});
