// The import benchmark's reference, run in a process of its own: the same rows inserted with one
// prepared statement, in one transaction, into a plain table of a new database file opened as the
// app opens its own. A process of its own because the reference's rate depended on what had run
// before it in the benchmark's process: on 2026-12-03, right after an import from the TypeScript
// sources it ran at 296,000-324,000 rows/s, after the same import bundled at 262,000-293,000, and
// in a fresh process at 255,000-307,000 (minutes apart, same machine).
//
// As a child: `node <tsx loader> raw-insert-reference.ts <db file> <rows> <sequential|random>`;
// prints one JSON line, { rowsPerS, cpuS }.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '../../electron/db/connection';
import { memberCells, randomOrder } from './member-csv';

export interface RawInsert {
  /** Rows per second, wall clock of the insert's transaction. */
  readonly rowsPerS: number;
  /** CPU seconds of the inserting thread (building the cells included, as in its rate). */
  readonly cpuS: number;
}

function insertRaw(dbFile: string, rows: number, random: boolean): RawInsert {
  const order = random ? randomOrder(rows) : null;
  const db = openDatabase(dbFile);
  try {
    // A tenth of the rows first, not timed, as the import is timed after a warm-up import.
    db.exec('CREATE TABLE raw_warm_up (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT)');
    const warm = db.prepare('INSERT INTO raw_warm_up VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    db.transaction(() => {
      for (let i = 0; i < rows / 10; i++) warm.run(memberCells(i, order));
    })();
    db.exec('CREATE TABLE raw_rows (c1 TEXT, c2 TEXT, c3 TEXT, c4 TEXT, c5 TEXT, c6 TEXT, c7 TEXT, c8 TEXT)');
    const insert = db.prepare('INSERT INTO raw_rows VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const start = performance.now();
    const cpuStart = process.threadCpuUsage();
    db.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run(memberCells(i, order));
    })();
    const cpu = process.threadCpuUsage(cpuStart);
    return { rowsPerS: rows / ((performance.now() - start) / 1000), cpuS: (cpu.user + cpu.system) / 1e6 };
  } finally {
    db.close();
    for (const ext of ['', '-wal', '-shm']) rmSync(dbFile + ext, { force: true });
  }
}

/** Runs the reference in a new process (this file, through the loader this process runs under). */
export function rawInsertInChild(dbFile: string, rows: number, random: boolean): RawInsert {
  const self = fileURLToPath(import.meta.url);
  const r = spawnSync(process.execPath, [...process.execArgv, self, dbFile, String(rows), random ? 'random' : 'sequential'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  if (r.status !== 0) throw new Error(`the raw insert reference failed (exit ${r.status ?? r.signal})`);
  const line = r.stdout.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as RawInsert;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dbFile, rows, kind] = process.argv.slice(2);
  console.log(JSON.stringify(insertRaw(dbFile!, Number(rows), kind === 'random')));
}
