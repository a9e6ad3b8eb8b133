// Addresses that differ only by a look-alike domain are paired; real, distinct providers and
// role names spread over many organisations are not.
import { describe, expect, it } from 'vitest';
import { findLookalikes } from '../../../shared/guards';
import { domainsLookAlike, MAX_DOMAINS_PER_LOCAL } from '../../../shared/guards/lookalike-domains';

describe('look-alike domains', () => {
  it.each([
    ['taro.tanaka@gmial.com', 'taro.tanaka@gmail.com'],
    ['hanako@docomo.ne.jo', 'hanako@docomo.ne.jp'],
    ['k.sato@ezwed.ne.jp', 'k.sato@ezweb.ne.jp'],
    ['info@sakura-kensetsu.co.jp', 'info@sakura-kenstsu.co.jp'],
  ])('pairs %s with %s', (a, b) => {
    expect(findLookalikes([a, b, 'someone.else@example.org']).groups).toEqual([[a, b].sort()]);
  });

  it.each([
    ['taro@yahoo.co.jp', 'taro@yahoo.com'], // both real providers
    ['taro@docomo.ne.jp', 'taro@au.com'],
    ['taro@example.jp', 'taro@example.com'], // three edits apart
    ['taro@gmail.com', 'hanako@gmial.com'], // other person: typo-domain's business
  ])('does not pair %s with %s', (a, b) => {
    expect(findLookalikes([a, b]).groups).toEqual([]);
  });

  it('one edit for short domains, two for longer ones', () => {
    expect(domainsLookAlike('ab.jp', 'ac.jp')).toBe(true);
    expect(domainsLookAlike('ab.jp', 'cd.jp')).toBe(false);
    expect(domainsLookAlike('example.jp', 'exampel.co')).toBe(false);
    expect(domainsLookAlike('example.jp', 'exmaple.jp')).toBe(true);
  });

  it('skips a role name used on more organisations than it compares', () => {
    const many = Array.from({ length: MAX_DOMAINS_PER_LOCAL + 1 }, (_, i) => `info@corp${i}.co.jp`);
    expect(findLookalikes(many).groups).toEqual([]);
    expect(findLookalikes(many.slice(0, 3)).groups).toEqual([['info@corp0.co.jp', 'info@corp1.co.jp', 'info@corp2.co.jp']]);
  });
});
