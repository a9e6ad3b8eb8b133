// Child process of wal-checkpointer-close.test.ts (not a test): writes a big WAL under an import
// hold, releases it (the worker starts copying), waits `waitMs`, then closes as services.close()
// does (stopCheckpoints, then the connection) and prints CLOSED, as the browser host's serve.ts
// does on SIGTERM (the HTTP server is closed first, so nothing else keeps the process alive).
import { openDatabase } from '../../../electron/db/connection';
import { checkpointStats, holdCheckpoints, stopCheckpoints } from '../../../electron/db/wal-checkpointer';

async function main(): Promise<void> {
  const [file, rowsArg, waitArg] = process.argv.slice(2);
  const db = openDatabase(file!);
  db.exec('CREATE TABLE IF NOT EXISTS probe_big (id INTEGER PRIMARY KEY, v BLOB NOT NULL)');
  db.pragma('wal_autocheckpoint = 777');
  const release = holdCheckpoints(db, 'import');
  const insert = db.prepare('INSERT INTO probe_big (v) VALUES (randomblob(2000))');
  db.transaction(() => {
    for (let i = 0; i < Number(rowsArg); i++) insert.run();
  })();
  release();
  console.log('COMMITTED');
  await new Promise((r) => setTimeout(r, Number(waitArg)));
  console.log('STATS', JSON.stringify(checkpointStats(db)));
  await stopCheckpoints(db);
  db.close();
}

void main().then(() => console.log('CLOSED'), (e: unknown) => console.error('FAILED', e));
