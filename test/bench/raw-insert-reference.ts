// The import benchmark's reference, run in a process of its own: the same rows inserted with one
// prepared statement, in one transaction, into a plain table of a new database file opened as the
// app opens its own, with the settings the import runs with: a 64 MiB page cache and no automatic
// checkpoint (import-service.ts), the WAL copied back afterwards, untimed, as the import's is.
//
// Until 2026-12-03 the reference ran in the benchmark's process right after the import, and
// whether it paid a checkpoint of its whole WAL (0.3-0.75 s) inside its commit
// depended on what the import had left behind: run from the TypeScript sources, the import handed
// its WAL to the checkpointer's thread, which holds automatic checkpoints off until done, and the
// reference ran at 296,000-324,000 rows/s; bundled for the benchmark (no checkpointer script
// beside the bundle), the connection's own setting came back and the reference paid it, at
// 252,000-293,000, for the same import (which ran at 210,000-260,000 either way).
//
// As a child: `node <tsx loader> raw-insert-reference.ts <db file> <rows> <sequential|random>`;
// prints one JSON line, { rowsPerS, cpuS, checkpointS }.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/db/connection';
import { workerEntry } from '../../electron/worker-entry';
import { removeDatabaseFiles } from '../helpers/tmp';
import { memberCells, randomOrder } from './member-csv';

export interface RawInsert {
  /** Rows per second, wall clock of the insert's transaction. */
  readonly rowsPerS: number;
  /** CPU seconds of the inserting thread (building the cells included, as in its rate). */
  readonly cpuS: number;
  /** Wall seconds of the checkpoint after it, not in its rate (shown beside the import's). */
  readonly checkpointS: number;
}

function insertRaw(dbFile: string, rows: number, random: boolean): RawInsert {
  const order = random ? randomOrder(rows) : null;
  const db = openDatabase(dbFile);
  try {
    db.pragma('cache_size = -65536');
    db.pragma('wal_autocheckpoint = 0');
    // A tenth of the rows first, not timed, as the import is timed after a warm-up import.
    db.exec('CREATE TABLE raw_warm_up (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT)');
    const warm = db.prepare('INSERT INTO raw_warm_up VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < rows / 10; i++) warm.run(memberCells(i, order));
    })();
    db.pragma('wal_checkpoint(TRUNCATE)'); // the timed insert starts with an empty WAL, as the import does
    db.exec('CREATE TABLE raw_rows (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT)');
    const insert = db.prepare('INSERT INTO raw_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const start = performance.now();
    const cpuStart = process.threadCpuUsage();
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(memberCells(i, order));
    })();
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.threadCpuUsage(cpuStart);
    const checkpointStart = performance.now();
    db.pragma('wal_checkpoint(TRUNCATE)');
    return { rowsPerS: rows / seconds, cpuS: (cpu.user + cpu.system) / 1e6, checkpointS: (performance.now() - checkpointStart) / 1000 };
  } finally {
    db.close();
    removeDatabaseFiles(dbFile);
  }
}

/**
 * Runs the reference in a new process: this file through tsx, the way electron/worker-entry.ts
 * starts a worker from the sources (the loader added when this process was not started with it).
 */
export function rawInsertInChild(dbFile: string, rows: number, random: boolean): RawInsert {
  const entry = workerEntry(import.meta.url, './raw-insert-reference.ts', 'raw-insert-reference.cjs');
  if (!entry) throw new Error('the raw insert reference runs from the TypeScript sources only');
  const r = spawnSync(process.execPath, [...entry.execArgv, fileURLToPath(entry.file), dbFile, String(rows), random ? 'random' : 'sequential'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    timeout: 10 * 60_000,
  });
  if (r.error || r.status !== 0) throw new Error(`the raw insert reference failed (${r.error?.message ?? `exit ${r.status ?? r.signal}`})`);
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  if (!line.startsWith('{')) throw new Error(`the raw insert reference printed no figures: ${JSON.stringify(r.stdout.slice(-200))}`);
  return JSON.parse(line) as RawInsert;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dbFile, rows, kind] = process.argv.slice(2);
  console.log(JSON.stringify(insertRaw(dbFile!, Number(rows), kind === 'random')));
}
