// Invalid addresses block; odd dots (old carrier addresses) only warn.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/guards';
import { cleanInput, recipients } from './build-input';

describe('address validity', () => {
  it('blocks invalid addresses with a summary of reasons', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['ok@town.jp', 'no-at-sign', 'two@@town.jp', 'x@nodot']), previous: {} }));
    const i = r.items.find((x) => x.code === 'invalid-address')!;
    expect(i.severity).toBe('blocking');
    expect(i.members).toEqual([2, 3, 4]);
    expect(String(i.params.reasons)).toContain('no-at:1');
  });

  it('warns about leading, trailing or doubled dots outside carrier domains (a list from before they were refused)', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['taro..hanako@town.example.jp', 'ok@town.jp']), previous: {} }));
    expect(r.items.map((i) => [i.code, i.severity, i.members])).toEqual([['address-unusual-dots', 'warning', [1]]]);
  });

  it('accepts old dotted carrier addresses, and counts carrier members in one plain warning', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['taro..hanako@docomo.ne.jp', 'hanako.@ezweb.ne.jp', 'k@au.com', 'ok@town.jp']), previous: {} }));
    expect(r.items.map((i) => [i.code, i.severity, i.members])).toEqual([['carrier-recipients', 'warning', [1, 2, 3]]]);
    const item = r.items[0]!;
    expect(item.params).toMatchObject({ memberCount: 3, carriers: 'au 2, docomo 1' });
    expect(item.message.ja).toContain('携帯電話のアドレスの会員が3人');
  });
});
