// validateAddress: RFC 5321/5322 basics with one reason code per kind of mistake.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseAddress, punycodeEncode, validateAddress } from '../../../shared/address';
import { validateAddressDetailed } from '../../../shared/address/validate';

describe('validateAddress', () => {
  it.each([
    'taro@example.jp',
    "o'brien+tag@mail.example.co.uk",
    'a.b.c@x-y.example',
    'info@xn--wgv71a119e.jp',
    'info@日本語.jp',
    `${'a'.repeat(64)}@example.jp`,
    // Old carrier addresses: the carriers deliver to them (sent with a quoted local part).
    'taro..yamada@docomo.ne.jp',
    'hanako.@ezweb.ne.jp',
    '.jiro@softbank.ne.jp',
  ])('accepts %s', (email) => {
    expect(validateAddress(email)).toBeNull();
  });

  it.each([
    ['', 'empty'],
    ['taro.example.jp', 'no-at'],
    ['a@b@example.jp', 'multiple-at'],
    ['@example.jp', 'local-empty'],
    [`${'a'.repeat(65)}@example.jp`, 'local-too-long'],
    ['ta(ro)@example.jp', 'local-invalid'],
    ['taro..yamada@example.jp', 'local-dots'],
    ['taro.@mail.example.jp', 'local-dots'],
    // A carrier's look-alike is not a carrier.
    ['taro..@docomo.ne.jp.example.com', 'local-dots'],
    ['.taro@example.jp', 'local-dots'],
    ['"taro yamada"@example.jp', 'quoted-local'],
    ['山田@example.jp', 'non-ascii-local'],
    ['taro@', 'domain-empty'],
    ['taro@[127.0.0.1]', 'domain-literal'],
    ['taro@localhost', 'domain-invalid'],
    ['taro@-example.jp', 'domain-invalid'],
    ['taro@example..jp', 'domain-invalid'],
    ['taro@example.jp.', 'domain-invalid'],
    ['taro@exa_mple.jp', 'domain-invalid'],
    ['taro@1.2.3.4', 'domain-invalid'],
    [`taro@${'a'.repeat(64)}.jp`, 'domain-invalid'],
    [`${'a'.repeat(64)}@${Array(4).fill('b'.repeat(62)).join('.')}.jp`, 'domain-invalid'],
    [`${'a'.repeat(64)}@${Array(3).fill('b'.repeat(62)).join('.')}.${'c'.repeat(60)}`, 'too-long'],
  ])('rejects %j as %s', (email, reason) => {
    expect(validateAddress(email)).toBe(reason);
  });

  it('punycode matches RFC 3492 sample strings', () => {
    // RFC 3492 section 7.1 (J) Japanese "Pafii de Ru-pu" and (L) "3nen B gumi kinpachi sensei".
    expect(punycodeEncode('パフィーdeルンバ')).toBe('de-jg4avhby1noc0d');
    expect(punycodeEncode('3年B組金八先生')).toBe('3B-ww4c5e180e575a65lsy2b');
  });

  it('every normalised full-width form of a valid ASCII address is valid and equal', () => {
    const atext = fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789+_-'.split(''));
    const word = fc.array(atext, { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
    const label = fc.array(fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'.split('')), { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
    const toWide = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 3 }), fc.array(label, { minLength: 1, maxLength: 3 }), (locals, labels) => {
        const email = `${locals.join('.')}@${labels.join('.')}.jp`;
        expect(validateAddress(email)).toBeNull();
        const n = normaliseAddress(` ${toWide(email)}\u3000`);
        expect(n.email).toBe(email);
        expect(validateAddress(n.email)).toBeNull();
      }),
    );
  });
});

describe('the fast path', () => {
  it('accepts exactly what the detailed rules accept', () => {
    const chars = fc.constantFrom(...'aZ09.-_+@@..!"(xn--é日\u3000'.split(''), '', 'example', 'com', 'a'.repeat(63));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 20 }).map((a) => a.join('')), (s) => {
        expect(validateAddress(s) === null).toBe(validateAddressDetailed(s) === null);
      }),
      { numRuns: 5000 },
    );
  });
});
