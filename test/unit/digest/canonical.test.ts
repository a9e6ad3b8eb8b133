import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalEncode, CanonicalError, type Canonical } from '../../../shared/digest/canonical';

// Plain JSON-ish values the encoder accepts: integers, strings (any UTF-16), booleans, null, arrays, objects.
const value: fc.Arbitrary<Canonical> = fc.letrec<{ v: Canonical }>((tie) => ({
  v: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.maxSafeInteger(),
    fc.string({ unit: 'binary' }),
    fc.array(tie('v'), { maxLength: 4 }),
    fc.dictionary(fc.string({ unit: 'binary', maxLength: 6 }), tie('v'), { maxKeys: 4 }),
  ),
})).v;

function shuffledCopy(v: Canonical): Canonical {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(shuffledCopy);
  const out: Record<string, Canonical> = {};
  for (const k of Object.keys(v).reverse()) out[k] = shuffledCopy((v as Record<string, Canonical>)[k]!);
  return out;
}

describe('canonicalEncode', () => {
  it('gives the same text whatever the key order', () => {
    expect(canonicalEncode({ b: 1, a: 'x' })).toBe(canonicalEncode({ a: 'x', b: 1 }));
    fc.assert(fc.property(value, (v) => canonicalEncode(v) === canonicalEncode(shuffledCopy(v))));
  });

  it('keeps types apart: 1, "1", true, "t", null, "n", [] and {} all differ', () => {
    const all = [1, '1', true, 't', null, 'n', [], {}, [null], { '': null }, '', 0].map((v) => canonicalEncode(v as Canonical));
    expect(new Set(all).size).toBe(all.length);
  });

  it('does not collide on concatenation tricks', () => {
    expect(canonicalEncode(['ab', 'c'])).not.toBe(canonicalEncode(['a', 'bc']));
    expect(canonicalEncode({ a: 'b,c' })).not.toBe(canonicalEncode({ 'a": "b': 'c' }));
    expect(canonicalEncode([1, 23])).not.toBe(canonicalEncode([12, 3]));
  });

  it('is injective on random pairs (different values, different encodings)', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const same = canonicalEncode(a) === canonicalEncode(b);
        return same === (JSON.stringify(sortDeep(a)) === JSON.stringify(sortDeep(b)));
      }),
      { numRuns: 2000 },
    );
  });

  it('distinguishes lone surrogates from the replacement character', () => {
    expect(canonicalEncode('\ud800')).not.toBe(canonicalEncode('\ufffd'));
    expect(canonicalEncode('\ud800')).toBe('s"\\ud800"');
  });

  it('refuses values with no single encoding', () => {
    for (const bad of [1.5, Number.NaN, Infinity, 2 ** 60, undefined, () => 1, new Date(0), { a: undefined }]) {
      expect(() => canonicalEncode(bad as unknown as Canonical)).toThrow(CanonicalError);
    }
  });

  it('has a fixed, documented form', () => {
    expect(canonicalEncode({ z: [1, -2], a: { k: 'v' }, n: null, t: true })).toBe('{"a"{"k"s"v"}"n"n"t"t"z"[i1;i-2;]}');
  });
});

function sortDeep(v: Canonical): unknown {
  if (v === null || typeof v !== 'object') return v;
  // Tagged, so that the oracle itself never confuses [] with {}.
  if (Array.isArray(v)) return ['array', v.map(sortDeep)];
  const obj = v as Record<string, Canonical>;
  return ['object', Object.keys(obj).sort().map((k) => [k, sortDeep(obj[k]!)])];
}
