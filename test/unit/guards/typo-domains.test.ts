// Typo-looking domains: near misses of common Japanese and global providers, swapped suffixes,
// and the organisation's own domain; real domains are left alone.
import { describe, expect, it } from 'vitest';
import { runChecks, suggestDomain } from '../../../shared/guards';
import { cleanInput, recipients } from './build-input';

describe('suggestDomain', () => {
  it.each([
    ['docomo.ne.jo', 'docomo.ne.jp'],
    ['gmial.com', 'gmail.com'],
    ['gmail.con', 'gmail.com'],
    ['gmai.com', 'gmail.com'],
    ['ezwed.ne.jp', 'ezweb.ne.jp'],
    ['yahoo.co.jq', 'yahoo.co.jp'],
    ['yahooo.co.jp', 'yahoo.co.jp'],
    ['softbank.ne.jq', 'softbank.ne.jp'],
    ['i.sofbank.jp', 'i.softbank.jp'],
    ['icloud.co', 'icloud.com'],
    ['docomo.co.jp', 'docomo.ne.jp'],
    ['gmail.co.jp', 'gmail.com'],
    ['hotmial.co.jp', 'hotmail.co.jp'],
    ['outlok.jp', 'outlook.jp'],
    ['nifty.cm', 'nifty.com'],
    ['biglobe.ne.jo', 'biglobe.ne.jp'],
  ])('%s -> %s', (typo, fix) => {
    expect(suggestDomain(typo)).toBe(fix);
  });

  it.each(['gmail.com', 'yahoo.co.jp', 'yahoo.com', 'docomo.ne.jp', 'softbank.co.jp', 'example.org', 'city.kiyose.lg.jp', 'tayori-town.jp'])(
    'leaves %s alone',
    (d) => {
      expect(suggestDomain(d)).toBeNull();
    },
  );

  it("suggests the organisation's own domain for a near miss of it", () => {
    expect(suggestDomain('pref.mie.lg.jq', ['pref.mie.lg.jp'])).toBe('pref.mie.lg.jp');
    expect(suggestDomain('pref.mei.lg.jp', ['pref.mie.lg.jp'])).toBe('pref.mie.lg.jp');
    expect(suggestDomain('pref.mie.lg.jp', ['pref.mie.lg.jp'])).toBeNull();
    expect(suggestDomain('kikaku.pref.mie.lg.jp', ['pref.mie.lg.jp'])).toBeNull();
  });
});

describe('typo-domain items', () => {
  it('reports one warning per suspicious domain with its members and suggestion', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['a@docomo.ne.jo', 'b@gmial.com', 'c@docomo.ne.jo', 'd@docomo.ne.jp']), previous: {} }));
    const typos = r.items.filter((i) => i.code === 'typo-domain');
    expect(typos.map((t) => [t.params.domain, t.params.suggestion, t.members])).toEqual([
      ['docomo.ne.jo', 'docomo.ne.jp', [1, 3]],
      ['gmial.com', 'gmail.com', [2]],
    ]);
    expect(typos.every((t) => t.severity === 'warning')).toBe(true);
    expect(typos[0]!.message.en).toContain('docomo.ne.jp');
  });
});
