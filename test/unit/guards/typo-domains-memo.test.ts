// suggestDomain keeps its answers (typo-domains.ts): a list's ~2,000 domains are asked again on
// every check. The answer for a domain is computed once per set of organisation domains, and is
// the same whether computed or kept.
import { describe, expect, it, vi } from 'vitest';

const distances = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../../shared/guards/edit-distance', async (original) => {
  const actual = await original<typeof import('../../../shared/guards/edit-distance')>();
  return {
    ...actual,
    osaDistance: (...args: Parameters<typeof actual.osaDistance>) => {
      distances.calls++;
      return actual.osaDistance(...args);
    },
  };
});

const { suggestDomain } = await import('../../../shared/guards/typo-domains');

describe('suggestDomain kept answers', () => {
  it('computes a domain once per set of organisation domains and answers the same after', () => {
    distances.calls = 0;
    expect(suggestDomain('gmial.com')).toBe('gmail.com');
    const first = distances.calls;
    expect(first).toBeGreaterThan(0);
    expect(suggestDomain('gmial.com')).toBe('gmail.com');
    expect(distances.calls).toBe(first);
    // Other organisation domains are another question, answered (and kept) on their own.
    expect(suggestDomain('pref.mie.lg.jq')).toBeNull();
    expect(suggestDomain('pref.mie.lg.jq', ['pref.mie.lg.jp'])).toBe('pref.mie.lg.jp');
    const asked = distances.calls;
    expect(suggestDomain('pref.mie.lg.jq', ['pref.mie.lg.jp'])).toBe('pref.mie.lg.jp');
    expect(suggestDomain('pref.mie.lg.jq')).toBeNull();
    expect(distances.calls).toBe(asked);
  });
});
