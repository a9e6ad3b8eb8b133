// The bounded OSA distance agrees with a plain dynamic-programming reference up to its bound.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { osaDistance } from '../../../shared/guards/edit-distance';

function reference(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[a.length]![b.length]!;
}

describe('osaDistance', () => {
  it('counts a transposition as one edit', () => {
    expect(osaDistance('gmial.com', 'gmail.com', 2)).toBe(1);
    expect(osaDistance('docomo.ne.jo', 'docomo.ne.jp', 2)).toBe(1);
    expect(osaDistance('abc', 'xyz', 2)).toBe(3);
  });

  it('matches the reference, capped at max + 1', () => {
    const s = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '.'), maxLength: 9 });
    fc.assert(
      fc.property(s, s, fc.integer({ min: 0, max: 3 }), (a, b, max) => {
        expect(osaDistance(a, b, max)).toBe(Math.min(reference(a, b), max + 1));
      }),
      { numRuns: 500 },
    );
  });
});
