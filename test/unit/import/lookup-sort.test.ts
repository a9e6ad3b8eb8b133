// The sorted lookups of a new list (lookup-sort.ts): whatever the texts (shared prefixes, ties in
// the radix key, units of 254 and above, wide characters arriving late, empty texts, duplicates),
// the chunks hold every entry once, in the order of the text's UTF-16 units and then of the row.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createLookupCollector, type LookupChunk } from '../../../electron/services/import/lookup-sort';

// By code unit (Uint16Array.from(string) would iterate code points).
const units = (s: string): Uint16Array => Uint16Array.from({ length: s.length }, (_, i) => s.charCodeAt(i));
const decode = (c: LookupChunk): Array<[string, number]> => {
  const out: Array<[string, number]> = [];
  let start = 0;
  for (let j = 0; j < c.count; j++) {
    out.push([String.fromCharCode(...c.units.subarray(start, c.ends[j]!)), c.rows[j]!]);
    start = c.ends[j]!;
  }
  return out;
};
// Code unit order (what < does on strings), then row.
const byUnits = (a: [string, number], b: [string, number]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]);

// Texts built from a small alphabet so that prefixes, ties and clamped units (>= 254) are common.
const alphabet = fc.constantFrom('a', 'b', 'm', '0', '9', '@', '.', 'ý', 'þ', 'ÿ', 'Ā', 'あ', '髙', '\uffff', '😀');
const text = fc.array(alphabet, { maxLength: 14 }).map((cs) => cs.join(''));

function collect(entries: Array<{ text: string; row: number }>, dense: boolean, chunkSize: number): Array<[string, number]> {
  const c = createLookupCollector(dense);
  // A buffer with other text around the entry: add copies only [start, end).
  for (const e of entries) c.add(units(`<<${e.text}>>`), 2, 2 + e.text.length, e.row);
  expect(c.count()).toBe(entries.length);
  return [...c.chunks('email', chunkSize)].flatMap((ch) => {
    expect(ch.count).toBeLessThanOrEqual(chunkSize);
    return decode(ch);
  });
}

describe('sorted lookup entries', () => {
  it('hold every entry once, in text order then row order (dense: rows 0..n-1)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('', 'member', 'member1', 'x'), text), { maxLength: 300 }), fc.integer({ min: 1, max: 50 }), (pairs, chunkSize) => {
        const entries = pairs.map(([prefix, t], row) => ({ text: prefix + t, row }));
        const got = collect(entries, true, chunkSize);
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
        expect(collect(entries, false, 7)).toEqual(entries.map((e): [string, number] => [e.text, e.row]).sort(byUnits));
      }),
      { numRuns: 200 },
    );
  });

  it('refuse a dense entry out of its row', () => {
    const c = createLookupCollector(true);
    c.add(units('a@b.jp'), 0, 6, 0);
    expect(() => c.add(units('c@d.jp'), 0, 6, 2)).toThrow(/row 2/);
  });
});
