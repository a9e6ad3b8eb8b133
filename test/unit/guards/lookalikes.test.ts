// Look-alike addresses inside one list: one or two edits, transpositions and confusable
// characters on the same domain; distinct people on different domains are not paired.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLookalikes, runChecks } from '../../../shared/guards';
import { osaDistance } from '../../../shared/guards/edit-distance';
import { skeleton } from '../../../shared/guards/lookalike-skeleton';
import { cleanInput, recipients } from './build-input';

const pair = (a: string, b: string) => findLookalikes([a, b]).groups;

describe('findLookalikes', () => {
  it.each([
    ['yamada.taro@example.jp', 'yamada.tar0@example.jp'], // 0/o
    ['hiroshi@example.jp', 'hlroshi@example.jp'], // i/l
    ['kimura@example.jp', 'kirnura@example.jp'], // rn/m
    ['suzuki@example.jp', 'suzuik@example.jp'], // transposition
    ['tanaka@example.jp', 'tanaka1@example.jp'], // one insertion
    ['takahashi@example.jp', 'takahasi@example.jp'], // one deletion
    ['watanabe@example.jp', 'watanabi@example.jp'], // one substitution
    ['t.yamamoto@example.jp', 'tyamamoto@example.jp'], // punctuation only
    ['nakamura@example.jp', 'nakanure@example.jp'], // two edits, one each side of a deletion index
  ])('%s ~ %s', (a, b) => {
    expect(pair(a, b)).toEqual([[a, b].sort()]);
  });

  it.each([
    ['tanaka@example.jp', 'tanaka@example.com'], // other domain: typo-domain's business
    ['sato@example.jp', 'kato.hanako@example.jp'],
    ['yamada@example.jp', 'yamada@example.jp'], // the same address is a duplicate, not a look-alike
    ['abc@example.jp', 'xyz@example.jp'],
  ])('%s is not paired with %s', (a, b) => {
    expect(pair(a, b)).toEqual([]);
  });

  it('groups chains into one group and keeps unrelated addresses out', () => {
    const r = findLookalikes(['sato1@x.jp', 'sato2@x.jp', 'sato3@x.jp', 'ogawa.kenji@x.jp']);
    expect(r.groups).toEqual([['sato1@x.jp', 'sato2@x.jp', 'sato3@x.jp']]);
    expect(r.examples.length).toBe(2);
  });

  // Small domains are compared pair by pair, larger ones through the deletion index: both paths.
  it.each([
    ['pairwise', 2, 25],
    ['deletion index', 70, 120],
  ])('finds every pair brute force finds within two edits (%s, property)', (_path, minLength, maxLength) => {
    const local = fc.string({ unit: fc.constantFrom('a', 'b', 'k', 't', 'o', 'm', '.'), minLength: 4, maxLength: 9 });
    fc.assert(
      fc.property(fc.uniqueArray(local, { minLength, maxLength }), (locals) => {
        const emails = locals.map((l) => `${l}@x.jp`);
        const grouped = findLookalikes(emails).groups;
        const together = (a: string, b: string) => grouped.some((g) => g.includes(a) && g.includes(b));
        for (let i = 0; i < locals.length; i++) {
          for (let j = i + 1; j < locals.length; j++) {
            const [a, b] = [skeleton(locals[i]!), skeleton(locals[j]!)];
            const d = osaDistance(a, b, 2);
            const expected = d === 0 || (d === 1 && Math.min(a.length, b.length) >= 4) || (d <= 2 && Math.min(a.length, b.length) >= 7);
            if (expected) expect(together(emails[i]!, emails[j]!)).toBe(true);
          }
        }
        // Nothing is grouped without a chain of close pairs: each member has a partner within two edits.
        for (const g of grouped) {
          for (const e of g) {
            const s = skeleton(e.split('@')[0]!);
            expect(g.some((o) => o !== e && osaDistance(s, skeleton(o.split('@')[0]!), 2) <= 2)).toBe(true);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('uses one-deletion matching on very large domains', () => {
    const many = Array.from({ length: 5000 }, (_, i) => `member${i.toString(36)}x@big.jp`);
    const r = findLookalikes([...many, 'nakamura@big.jp', 'nakanure@big.jp']);
    // Two substitutions on a 5,000-address domain are beyond the one-deletion index.
    expect(r.groups.some((g) => g.includes('nakamura@big.jp'))).toBe(false);
  });
});

describe('lookalike-addresses item', () => {
  it('is a warning naming the members and an example pair', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['kimura@town.jp', 'kirnura@town.jp', 'abe@town.jp']) }));
    const item = r.items.find((i) => i.code === 'lookalike-addresses')!;
    expect(item.severity).toBe('warning');
    expect(item.members).toEqual([1, 2]);
    expect(item.params.examples).toContain('kirnura@town.jp');
  });
});
