// The WAL checkpointer's thread (wal-checkpointer.ts): its own connection to the database file,
// copying committed WAL frames back into the file when asked. A PASSIVE checkpoint never waits
// for and never blocks the main connection's readers or writers; it only copies what no open
// read still needs. Running it here keeps the copying and the file syncs off the event loop
// that drives the SMTP connections and answers the screen.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

export type CheckpointRequest = { type: 'checkpoint' } | { type: 'close' };
export type CheckpointReply =
  | { type: 'checkpointed'; busy: number; log: number; checkpointed: number; ms: number }
  | { type: 'closed' };

const port = parentPort!;
const db = new Database((workerData as { file: string }).file, { fileMustExist: true });
// Checkpoints sync as the main connection's commits do (synchronous=NORMAL in WAL mode).
db.pragma('synchronous = NORMAL');

port.on('message', (m: CheckpointRequest) => {
  if (m.type === 'close') {
    db.close();
    port.postMessage({ type: 'closed' } satisfies CheckpointReply);
    return;
  }
  const started = performance.now();
  const [r] = db.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
  port.postMessage({ type: 'checkpointed', busy: r!.busy, log: r!.log, checkpointed: r!.checkpointed, ms: performance.now() - started } satisfies CheckpointReply);
});
