// A batch's fields buffer is moved whole to the database thread, which holds a step's batches. A
// cell is given room for six bytes a unit while it is encoded (json-utf8.ts), so one huge cell
// grows the buffer far past what it used; the batches after it must go back to their own size,
// not carry that room along.
import { describe, expect, it } from 'vitest';
import { createPackedParseEngine } from '../../../electron/services/import/parse-engine';

describe('the fields buffer of a batch', () => {
  it('after a huge cell, later batches are sized by what they hold', () => {
    const sizes: number[] = [];
    const engine = createPackedParseEngine({ encoding: 'utf-8', dialect: { delimiter: ',', newline: '\n' } }, (b) => sizes.push(b.fields.buffer.byteLength), 50);
    const rows = ['email,note', `huge@example.jp,${'x'.repeat(3_000_000)}`];
    for (let i = 0; i < 2_000; i++) rows.push(`m${i}@example.jp,note ${i}`);
    engine.push(new TextEncoder().encode(rows.join('\n') + '\n'));
    const { tally } = engine.finish();
    expect(tally.accepted).toBe(2_001);
    // The first batch holds the 3 MB cell (room for 18 MB: a 32 MiB buffer).
    expect(sizes[0]).toBeGreaterThan(16 << 20);
    // Within two batches the buffer is back to its starting size (1 MiB) and stays there.
    expect(Math.max(...sizes.slice(2))).toBe(1 << 20);
  });
});
