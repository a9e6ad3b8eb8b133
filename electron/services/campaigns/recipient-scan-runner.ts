// Runs the approval request's read of the recipients (snapshot-chunks-repo.ts readRawChunks) in a
// worker thread on its own read-only connection when the database is a file, else on this
// thread. On the 2-core target the PIN's scrypt takes one core and the worker the other, so the
// main thread (IPC, the window) is free until the freeze; what the worker read is used only if
// the database is unchanged since before it started (while-authenticating.ts), so its connection
// saw exactly what this one sees. The worker is a few lines of plain JavaScript run from source
// (no bundle to find, no TypeScript loader to start: ~30 ms); a worker that cannot start or fails
// is replaced by the same read here.
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from '../../db/connection';
import { readRawChunks, type RawChunk, type RecipientChunkQuery } from '../../db/repos/snapshot-chunks-repo';

/** readRawChunks, as the worker runs it; posts the chunks, or an error message. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { sqlite, file, query } = workerData;
try {
  const db = new (require(sqlite))(file, { readonly: true, fileMustExist: true });
  try {
    const chunk = db.prepare(query.chunkSql).raw();
    const idsIn = db.prepare(query.idsSql).pluck();
    const out = [];
    let after = -1;
    for (;;) {
      const r = chunk.get(...query.chunkParams, after);
      if (r[0] === 0) break;
      out.push([...r, r[2] - r[1] + 1 === r[0] ? null : idsIn.all(...query.idsParams, r[1], r[2])]);
      if (r[0] < query.chunkRows) break;
      after = r[2];
    }
    parentPort.postMessage({ ok: true, chunks: out });
  } finally {
    db.close();
  }
} catch (e) {
  parentPort.postMessage({ ok: false, message: String(e && e.message) });
}
`;

/** better-sqlite3's entry, resolved here: a worker run from source has no folder of its own to resolve from. */
function sqliteEntry(): string | null {
  try {
    const from = (import.meta.url as string | undefined) ?? (typeof __filename === 'string' ? __filename : undefined);
    return from ? createRequire(from).resolve('better-sqlite3') : null;
  } catch {
    return null;
  }
}

/** The chunked read, in a worker thread if it can run there. */
export function readChunksAside(db: Db, query: RecipientChunkQuery): Promise<RawChunk[]> {
  const sqlite = db.memory ? null : sqliteEntry();
  if (sqlite === null) return Promise.resolve().then(() => readRawChunks(db, query));
  return new Promise<RawChunk[]>((resolve, reject) => {
    let settled = false;
    const here = (): void => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      try {
        resolve(readRawChunks(db, query));
      } catch (e) {
        reject(e);
      }
    };
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { sqlite, file: db.name, query } });
    worker.once('message', (m: { ok: true; chunks: RawChunk[] } | { ok: false; message: string }) => {
      if (!m.ok) return here();
      settled = true;
      resolve(m.chunks);
    });
    worker.once('error', here);
    worker.once('exit', here);
  });
}
