// The parser thread runs ahead of the database side by a bounded number of bytes
// (parse-runner.ts MAX_IN_FLIGHT_BYTES). The main thread hands over chunks only between the
// member sink's synchronous steps, so the worker must be able to hold a step's worth of bytes
// (and the next step's) or it idles through every step and the main thread then waits for rows
// (issue 15: with 3 chunks in flight both threads waited in turn). The bound also caps memory:
// the push that reaches it waits for the worker.
import { describe, expect, it } from 'vitest';
import { STEP_ROWS } from '../../../electron/services/import/member-sink';
import { MAX_IN_FLIGHT_BYTES, createParseRunner } from '../../../electron/services/import/parse-runner';
import type { RowBatch } from '../../../electron/services/import/row-batch';

const MiB = 1 << 20;

/** `count` chunks of exactly 1 MiB of CSV (header first), and the data rows they hold. */
function csvChunks(count: number): { chunks: Uint8Array[]; rows: number } {
  const row = (i: number): string => `member${String(i).padStart(8, '0')}@example.jp,山田 太郎,${String(i).padStart(8, '0')},東京都千代田区丸の内${i % 9}丁目\n`;
  const parts = ['email,name,id,address\n'];
  let size = Buffer.byteLength(parts[0]!);
  let rows = 0;
  while (size < count * MiB) {
    parts.push(row(rows++));
    size += Buffer.byteLength(parts[rows]!);
  }
  const bytes = Buffer.from(parts.join(''));
  // The cut falls inside a row: those rows and the rest go in a last short chunk.
  const chunks = Array.from({ length: count }, (_, i) => new Uint8Array(bytes.subarray(i * MiB, (i + 1) * MiB)));
  chunks.push(new Uint8Array(bytes.subarray(count * MiB)));
  return { chunks, rows };
}

/** Runs only the microtask queue: no message from the worker can arrive meanwhile. */
async function microtasks(): Promise<void> {
  for (let i = 0; i < 20; i++) await Promise.resolve();
}

describe('parse runner pacing', () => {
  it('lets the worker run two steps of rows ahead, and waits for it at the byte bound', { timeout: 60_000 }, async () => {
    const { chunks, rows } = csvChunks(24);
    const rowBytes = (24 * MiB) / rows;
    let received = 0;
    const runner = createParseRunner(
      { encoding: 'utf-8', dialect: { delimiter: ',', newline: '\n' } },
      (b: RowBatch) => void (received += b.count),
      true,
    );
    try {
      // Push without letting the event loop turn: every push that settles now was accepted
      // without any word from the worker.
      let accepted = 0;
      let waiting: Promise<void> | null = null;
      let next = 0;
      while (next < chunks.length && waiting === null) {
        let settled = false;
        const p = runner.push(chunks[next++]!).then(() => void (settled = true));
        await microtasks();
        if (settled) accepted++;
        else waiting = p;
      }
      // Two steps of these rows fit in what the worker may hold, and the bound stops the main
      // thread short of the whole file (24 MiB) until the worker has parsed some of it.
      expect(accepted * MiB).toBeGreaterThanOrEqual(2 * STEP_ROWS * rowBytes);
      expect((accepted + 1) * MiB).toBeGreaterThanOrEqual(MAX_IN_FLIGHT_BYTES);
      expect(accepted * MiB).toBeLessThan(MAX_IN_FLIGHT_BYTES);
      expect(waiting).not.toBeNull();
      await waiting;
      while (next < chunks.length) await runner.push(chunks[next++]!);
      const result = await runner.finish();
      expect(result.tally.accepted).toBe(rows);
      expect(received).toBe(rows);
    } finally {
      runner.close();
    }
  });
});
