// normaliseAddress / domainOf: every change to an address is made visibly, and clean ones pass untouched.
import { describe, expect, it } from 'vitest';
import { domainOf, normaliseAddress } from '../../../shared/address';

describe('normaliseAddress', () => {
  it('leaves a clean address alone', () => {
    expect(normaliseAddress('Taro.Yamada+news@example.co.jp')).toEqual({
      email: 'Taro.Yamada+news@example.co.jp',
      changes: [],
    });
  });

  it('maps full-width ＠, letters and digits to ASCII and reports it', () => {
    expect(normaliseAddress('ｙａｍａｄａ１２３＠ｅｘａｍｐｌｅ．ｊｐ')).toEqual({
      email: 'yamada123@example.jp',
      changes: ['full-width'],
    });
    expect(normaliseAddress('taro＠example.jp').email).toBe('taro@example.jp');
  });

  it('trims spaces (incl. ideographic space) and removes inner spaces', () => {
    expect(normaliseAddress('\u3000 taro@example.jp\t')).toEqual({ email: 'taro@example.jp', changes: ['trimmed'] });
    expect(normaliseAddress('taro @ example.jp')).toEqual({ email: 'taro@example.jp', changes: ['removed-spaces'] });
  });

  it('lower-cases the domain but keeps the local part', () => {
    expect(normaliseAddress('Taro@Example.JP')).toEqual({ email: 'Taro@example.jp', changes: ['lower-cased-domain'] });
  });

  it('removes mailto: and angle brackets', () => {
    expect(normaliseAddress('mailto:taro@example.jp')).toEqual({ email: 'taro@example.jp', changes: ['mailto-removed'] });
    expect(normaliseAddress('<taro@example.jp>').changes).toEqual(['angle-brackets-removed']);
  });

  it('converts a Unicode domain to punycode', () => {
    expect(normaliseAddress('info@日本語.jp')).toEqual({ email: 'info@xn--wgv71a119e.jp', changes: ['idn-domain'] });
    expect(normaliseAddress('a@München.DE').email).toBe('a@xn--mnchen-3ya.de');
    // The ideographic full stop separates labels, as IDNA says.
    expect(normaliseAddress('info@例え。jp').email).toBe('info@xn--r8jz45g.jp');
  });

  it('reports several changes in order', () => {
    expect(normaliseAddress(' ＴＡＲＯ＠ＥＸＡＭＰＬＥ．ＪＰ ').changes).toEqual(['trimmed', 'full-width', 'lower-cased-domain']);
  });
});

describe('domainOf', () => {
  it('returns the lower-cased domain, or empty', () => {
    expect(domainOf('a@Example.COM')).toBe('example.com');
    expect(domainOf('"a@b"@c.jp')).toBe('c.jp');
    expect(domainOf('nodomain')).toBe('');
  });
});
