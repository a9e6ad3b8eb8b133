// The sorted lookups of a new list (lookup-sort.ts): whatever the texts (shared prefixes, ties in
// the radix key, units of 254 and above, wide characters arriving late, empty texts, duplicates),
// the chunks hold every entry once, in the order of the text's UTF-16 units and then of the row;
// and the entries that skip the sort are exactly those that come in ascending order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ascendingFilter, chunkText, createLookupCollector, runChunks } from '../../../electron/services/import/lookup-sort';

// By code unit (Uint16Array.from(string) would iterate code points).
const units = (s: string): Uint16Array => Uint16Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
// Code unit order (what < does on strings), then row.
const byUnits = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);

// Texts built from a small alphabet so that prefixes, ties and clamped units (>= 254) are common.
const alphabet = fc.constantFrom('a', 'b', 'm', '0', '9', '@', '.', 'ý', 'þ', 'ÿ', 'Ā', 'あ', '髙', '\uffff', '😀');
const text = fc.array(alphabet, { maxLength: 14 }).map((cs) => cs.join(''));

function collect(entries: Array<{ text: string; row: number }>): Array<[string, number]> {
  const c = createLookupCollector();
  // Batches of up to 7 entries in one buffer with other text around each: add copies only the spans.
  for (let i = 0; i < entries.length; i += 7) {
    const batch = entries.slice(i, i + 7);
    let buffer = '';
    const spans = new Int32Array(batch.length * 2);
    batch.forEach((e, j) => {
      buffer += '<<';
      spans[2 * j] = buffer.length;
      buffer += e.text;
      spans[2 * j + 1] = buffer.length;
      buffer += '>>';
    });
    c.add(units(buffer), spans, batch.length, Int32Array.from(batch, (e) => e.row));
  }
  expect(c.count()).toBe(entries.length);
  const run = c.sorted('email');
  expect(run.count).toBe(entries.length);
  // Chunks of up to 5 entries, as the database thread gets them.
  return [...runChunks(run, 5)].flatMap((ch) => {
    expect(ch.count).toBeLessThanOrEqual(5);
    const text = chunkText(ch);
    return [...ch.ends].map((end, j): [string, number] => [text.slice(j === 0 ? 0 : ch.ends[j - 1]!, end), ch.rows[j]!]);
  });
}

describe('sorted lookup entries', () => {
  it('hold every entry once, in text order then row order (rows 0..n-1)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('', 'member', 'member1', 'x'), text), { maxLength: 300 }), (pairs) => {
        const entries = pairs.map(([prefix, t], row) => ({ text: prefix + t, row }));
        const got = collect(entries);
        expect(got).toEqual(entries.map((e): [string, number] => [e.text, e.row]).sort(byUnits));
      }),
      { numRuns: 300 },
    );
  });

  it('keep the rows given when not every row has an entry', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.integer({ min: 1, max: 5 })), { maxLength: 200 }), (pairs) => {
        let row = 0;
        const entries = pairs.map(([t, gap]) => ({ text: t, row: (row += gap) }));
        expect(collect(entries)).toEqual(entries.map((e): [string, number] => [e.text, e.row]).sort(byUnits));
      }),
      { numRuns: 200 },
    );
  });

  it('take the entries of a column that starts in ascending order, after the probe, until it stops', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(text, fc.constantFrom('m1', 'm10', 'm2', 'm9', 'm', '')), { maxLength: 200 }),
        fc.integer({ min: 0, max: 5 }),
        fc.boolean(),
        (texts, probe, sorted) => {
          // Sorted by code units (the default sort compares them) half the time, to reach the taking.
          const column = sorted ? [...texts].sort() : texts;
          const filter = ascendingFilter(probe);
          let last: string | null = null;
          let inOrder = true;
          column.forEach((t, i) => {
            // Padded so that the entry is a span inside other text, as in a batch.
            const taken = filter.takes(units(`<${t}>`), 1, t.length + 1);
            // Code unit order (what < does on strings); an equal text is in order (its row comes later).
            inOrder &&= last === null || !(t < last);
            last = t;
            expect(taken).toBe(inOrder && i >= probe);
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
