// The sorted lookups of a new list (lookup-sort.ts): whatever the texts (shared prefixes, ties in
// the radix key, units of 254 and above, wide characters arriving late, empty texts, duplicates),
// the chunks hold every entry once, in the order of the text's UTF-16 units and then of the row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkText, createLookupCollector, runChunks } from '../../../electron/services/import/lookup-sort';

// By code unit (Uint16Array.from(string) would iterate code points).
const units = (s: string): Uint16Array => Uint16Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
// Code unit order (what < does on strings), then row.
const byUnits = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);

// Texts built from a small alphabet so that prefixes, ties and clamped units (>= 254) are common.
const alphabet = fc.constantFrom('a', 'b', 'm', '0', '9', '@', '.', 'ý', 'þ', 'ÿ', 'Ā', 'あ', '髙', '\uffff', '😀');
const text = fc.array(alphabet, { maxLength: 14 }).map((cs) => cs.join(''));

function collect(entries: Array<{ text: string; row: number }>, dense: boolean): Array<[string, number]> {
  const c = createLookupCollector(dense);
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
    c.add(units(buffer), spans, batch.length, batch[0]!.row, dense ? null : Int32Array.from(batch, (e) => e.row));
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
  it('hold every entry once, in text order then row order (dense: rows 0..n-1)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('', 'member', 'member1', 'x'), text), { maxLength: 300 }), (pairs) => {
        const entries = pairs.map(([prefix, t], row) => ({ text: prefix + t, row }));
        const got = collect(entries, true);
        expect(got).toEqual(entries.map((e): [string, number] => [e.text, e.row]).sort(byUnits));
      }),
      { numRuns: 300 },
    );
  });

  it('keep the rows given when not every row has an entry (keys)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(text, fc.integer({ min: 1, max: 5 })), { maxLength: 200 }), (pairs) => {
        let row = 0;
        const entries = pairs.map(([t, gap]) => ({ text: t, row: (row += gap) }));
        expect(collect(entries, false)).toEqual(entries.map((e): [string, number] => [e.text, e.row]).sort(byUnits));
      }),
      { numRuns: 200 },
    );
  });

  it('refuse a dense entry out of its row', () => {
    const c = createLookupCollector(true);
    c.add(units('a@b.jp'), Int32Array.of(0, 6), 1, 0, null);
    expect(() => c.add(units('c@d.jp'), Int32Array.of(0, 6), 1, 2, null)).toThrow(/row 2/);
  });
});
