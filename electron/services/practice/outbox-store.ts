// The practice outbox's folder: one <id>.eml (bytes exactly as received) and one <id>.json
// (envelope, receive time, summary) per message, with an in-memory index for listing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { OutboxEnvelope, OutboxMessage, OutboxSummary } from '../../../shared/practice';
import type { Clock } from '../clock';
import { parseOutboxMessage, toSummary } from './outbox-message';

/** <UTC time to the millisecond>-<sequence>; the only shape `get` accepts (no path tricks). */
const ID_RE = /^\d{8}T\d{9}Z-\d{6,}$/;

interface StoredMeta {
  readonly seq: number;
  readonly summary: OutboxSummary;
}

export interface OutboxStore {
  count(): number;
  list(): OutboxSummary[];
  save(raw: Buffer, envelope: OutboxEnvelope): Promise<OutboxSummary>;
  get(id: string): Promise<OutboxMessage>;
  clear(): void;
  /** Resolves once every save that has started is on disk. */
  settle(): Promise<void>;
}

function stamp(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:.]/g, '');
}

function readIndex(dir: string): Map<string, StoredMeta> {
  const index = new Map<string, StoredMeta>();
  for (const name of readdirSync(dir)) {
    if (!name.endsWith('.json')) continue;
    const id = name.slice(0, -'.json'.length);
    // A message counts only when both files exist: the .json is written last, so a crash in
    // the middle of a save leaves at most an orphan .eml, which is ignored.
    if (!ID_RE.test(id) || !existsSync(join(dir, `${id}.eml`))) continue;
    try {
      const meta = JSON.parse(readFileSync(join(dir, name), 'utf8')) as StoredMeta;
      if (typeof meta.seq === 'number' && meta.summary?.id === id) index.set(id, meta);
    } catch {
      // An unreadable index file is skipped rather than blocking the whole outbox.
    }
  }
  return index;
}

export function openOutboxStore(dir: string, clock: Clock): OutboxStore {
  mkdirSync(dir, { recursive: true });
  const index = readIndex(dir);
  let seq = Math.max(0, ...[...index.values()].map((m) => m.seq));
  const pending = new Set<Promise<unknown>>();

  async function write(raw: Buffer, envelope: OutboxEnvelope): Promise<OutboxSummary> {
    seq += 1;
    const mySeq = seq;
    const receivedAt = clock.now();
    const id = `${stamp(receivedAt)}-${String(mySeq).padStart(6, '0')}`;
    const emlFile = join(dir, `${id}.eml`);
    await writeFile(`${emlFile}.tmp`, raw);
    await rename(`${emlFile}.tmp`, emlFile);
    const summary = toSummary(await parseOutboxMessage(raw, { id, receivedAt, envelope }));
    const meta: StoredMeta = { seq: mySeq, summary };
    const jsonFile = join(dir, `${id}.json`);
    await writeFile(`${jsonFile}.tmp`, JSON.stringify(meta, null, 2));
    await rename(`${jsonFile}.tmp`, jsonFile);
    index.set(id, meta);
    return summary;
  }

  return {
    count: () => index.size,
    list() {
      return [...index.values()]
        .sort((a, b) => b.summary.receivedAt - a.summary.receivedAt || b.seq - a.seq)
        .map((m) => m.summary);
    },
    save(raw, envelope) {
      const p = write(raw, envelope);
      pending.add(p);
      const done = () => pending.delete(p);
      p.then(done, done);
      return p;
    },
    async get(id) {
      const meta = ID_RE.test(id) ? index.get(id) : undefined;
      if (!meta) throw new AppError('not-found', 'No such message in the practice outbox.', { id });
      const raw = await readFile(join(dir, `${id}.eml`));
      const s = meta.summary;
      return parseOutboxMessage(raw, { id, receivedAt: s.receivedAt, envelope: s.envelope });
    },
    clear() {
      for (const name of readdirSync(dir)) {
        const stem = name.replace(/\.(eml|json)(\.tmp)?$/, '');
        if (stem !== name && ID_RE.test(stem)) rmSync(join(dir, name), { force: true });
      }
      index.clear();
    },
    async settle() {
      await Promise.allSettled([...pending]);
    },
  };
}
