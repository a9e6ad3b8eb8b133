// The seeded sample: deterministic for a seed, distinct members, with the rendered greeting.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/guards';
import { firstLine } from '../../../shared/guards/sample';
import { cleanInput, recipients } from './build-input';

const list = recipients(Array.from({ length: 500 }, (_, i) => `m${i}@town.jp`), Array.from({ length: 500 }, (_, i) => `会員${i}`));

describe('sample', () => {
  it('is the same for the same seed and differs for another', () => {
    const a = runChecks(cleanInput({ recipients: list, sampleSeed: 's1', previous: {} })).sample;
    const b = runChecks(cleanInput({ recipients: list, sampleSeed: 's1', previous: {} })).sample;
    const c = runChecks(cleanInput({ recipients: list, sampleSeed: 's2', previous: {} })).sample;
    expect(a).toEqual(b);
    expect(a.map((x) => x.id)).not.toEqual(c.map((x) => x.id));
    expect(new Set(a.map((x) => x.id)).size).toBe(10);
  });

  it("shows each member's own greeting", () => {
    for (const s of runChecks(cleanInput({ recipients: list, previous: {} })).sample) {
      expect(s.greeting).toBe(`${s.name} 様`);
      expect(s.email).toBe(`m${s.name.slice(2)}@town.jp`);
    }
  });

  it('takes everyone from a short list', () => {
    expect(runChecks(cleanInput()).sample.map((s) => s.id)).toEqual([1, 2, 3]);
  });

  it('finds the first non-empty line', () => {
    expect(firstLine('\n  \r\n  佐藤様\nbody')).toBe('佐藤様');
    expect(firstLine('')).toBe('');
  });
});
