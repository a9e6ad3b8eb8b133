// The first write after an import (wal-checkpointer.ts): an import leaves its whole WAL (hundreds
// of MB at 1M rows) uncopied. Before the checkpointer, the connection's own automatic checkpoint
// came back at the import's end, so whatever wrote next (a click, a send's first claim) copied it
// all while the event loop stood still. Now the checkpointer's thread copies it and the next
// write is an ordinary commit. Both ways in the same run, alternating, on the same amount of WAL.
import { performance } from 'node:perf_hooks';
import type { Db } from '../../electron/db/connection';
import { checkpointStats, holdCheckpoints, stopCheckpoints } from '../../electron/db/wal-checkpointer';
import { tempDb } from '../helpers/tmp';
import type { Report } from './report';

/** WAL pages an import leaves (4 KiB each): ~160 MB, what about 500k members write. */
const PAGES = Number(process.env.BENCH_CHECKPOINT_PAGES ?? 40_000);
const ROUNDS = 2;

function fill(db: Db): void {
  db.exec('CREATE TABLE IF NOT EXISTS pad (x BLOB)');
  const ins = db.prepare('INSERT INTO pad VALUES (randomblob(4000))');
  // In steps like an import's, each its own commit.
  for (let done = 0; done < PAGES; done += 2_000) db.transaction(() => { for (let i = 0; i < 2_000; i++) ins.run(); })();
}

/** The next small commit after the import, timed on this thread. */
function nextWrite(db: Db): number {
  const s = performance.now();
  db.prepare('INSERT INTO pad VALUES (1)').run();
  return performance.now() - s;
}

async function before(): Promise<number> {
  const t = tempDb();
  try {
    t.db.pragma('wal_autocheckpoint = 0');
    fill(t.db);
    t.db.pragma('wal_autocheckpoint = 1000');
    return nextWrite(t.db);
  } finally {
    t.cleanup();
  }
}

async function now(): Promise<{ write: number; drained: number }> {
  const t = tempDb();
  try {
    const release = holdCheckpoints(t.db, 'import');
    fill(t.db);
    const end = performance.now();
    release();
    const write = nextWrite(t.db);
    while (checkpointStats(t.db).busy) await new Promise((r) => setTimeout(r, 10));
    return { write, drained: performance.now() - end };
  } finally {
    await stopCheckpoints(t.db);
    t.cleanup();
  }
}

export async function run(report: Report): Promise<void> {
  const old: number[] = [];
  const cur: number[] = [];
  const drained: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    old.push(await before());
    const n = await now();
    cur.push(n.write);
    drained.push(n.drained);
  }
  const min = (a: number[]) => Math.min(...a);
  report('write_after_import_ms', min(cur), `ms the first write after an import of ${PAGES} WAL pages blocks the event loop (best of ${ROUNDS})`);
  report('write_after_import_connection_checkpoint_ms', min(old), 'ms the same write blocked when it checkpointed the import\'s WAL itself (reference, same run)');
  report('import_wal_copied_after_ms', min(drained), 'ms until the checkpointer\'s thread had copied the import\'s WAL (off the event loop)');
}
