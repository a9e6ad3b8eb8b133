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

  it('warns about leading, trailing or doubled dots', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['taro..hanako@docomo.ne.jp', 'ok@town.jp']), previous: {} }));
    expect(r.items.map((i) => [i.code, i.severity, i.members])).toEqual([['address-unusual-dots', 'warning', [1]]]);
  });
});
