// isPlainAddress is the import's shortcut past normaliseAddress and validateAddress: whenever
// it says yes, the full path must return the address unchanged, with no changes and no reason.
// Generated addresses mix plain ASCII with what the full path handles: upper case, full-width
// and ideographic characters, spaces, dots and hyphens in odd places, long labels and parts.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseAddress, validateAddress } from '../../../shared/address';
import { isPlainAddress } from '../../../electron/services/import/plain-address';

const CHARS = [
  ...'abcxyz', ...'ABZ', ...'0129', ...".-_+!#$%&'*/=?^`{|}~", '@', '@', '.', '.', '-',
  ' ', '\t', '\u3000', '\u00a0', '＠', '．', 'ａ', 'Ａ', '１', '山', 'é', 'ß', '\u0130', 'K', '\u212a', '"', '(', ')',
  ',', ';', ':', '<', '>', '[', ']', '\\', '\x00', '\x7f', '\u200b', '\ufeff', '😀', '\ud800',
];

const anyText = fc.array(fc.constantFrom(...CHARS), { maxLength: 40 }).map((a) => a.join(''));

// Mostly plausible addresses, so that many are accepted and the edges of each rule are hit.
const label = fc.oneof(
  fc.array(fc.constantFrom(...'abz09-'), { minLength: 1, maxLength: 6 }).map((a) => a.join('')),
  fc.constantFrom('example', 'jp', 'co', 'ne', 'docomo', 'x-y', '-a', 'a-', '1', '123', 'a'.repeat(63), 'b'.repeat(64), 'Ex', 'ｊｐ'),
);
const local = fc.oneof(
  fc.array(fc.constantFrom(...".abcAZ09+_-!#'~"), { minLength: 0, maxLength: 10 }).map((a) => a.join('')),
  fc.constantFrom('a'.repeat(64), 'a'.repeat(65), 'taro..yamada', '.taro', 'taro.', 'mailto:taro', ' taro', '山田'),
);
const address = fc
  .tuple(local, fc.constantFrom('@', '@', '@', '＠', '@@', ''), fc.array(label, { minLength: 0, maxLength: 5 }), fc.constantFrom('.', '.', '..', '．'))
  .map(([l, at, labels, dot]) => l + at + labels.join(dot));
const long = fc.tuple(fc.integer({ min: 1, max: 64 }), fc.integer({ min: 1, max: 63 }), fc.integer({ min: 1, max: 5 })).map(
  ([l, n, k]) => 'a'.repeat(l) + '@' + Array.from({ length: k }, () => 'b'.repeat(n)).join('.') + '.jp',
);

function agrees(s: string, prefix: string, suffix: string): boolean {
  // Bounds inside a larger text, as the importer calls it.
  const text = prefix + s + suffix;
  const plain = isPlainAddress(text, prefix.length, prefix.length + s.length);
  if (plain) {
    expect(normaliseAddress(s)).toEqual({ email: s, changes: [] });
    expect(validateAddress(s)).toBeNull();
  }
  return plain;
}

describe('isPlainAddress', () => {
  it('says yes only to addresses the full path keeps as they are and accepts', () => {
    let accepted = 0;
    fc.assert(
      fc.property(fc.oneof(address, long, anyText), fc.constantFrom('', 'x,', '"'), fc.constantFrom('', ',y', '@'), (s, p, q) => {
        if (agrees(s, p, q)) accepted++;
      }),
      { numRuns: 20_000 },
    );
    // Not vacuous: a good share of the generated addresses are plain ones.
    expect(accepted).toBeGreaterThan(1000);
  });

  it('takes the common shapes and leaves the rest to the full path', () => {
    const yes = ['taro@example.jp', "o'brien+tag@mail.example.co.uk", 'a.b.c@x-y.example', 'member123@example.jp', `${'a'.repeat(64)}@example.jp`, 'a@b.c0m'];
    const no = ['Taro@Example.JP', 'taro..yamada@docomo.ne.jp', ' taro@example.jp', 'taro@localhost', 'taro@example.123', `${'a'.repeat(65)}@example.jp`, 'ｔａｒｏ@example.jp', 'taro@例え.jp', 'taro@-x.jp', 'taro@x-.jp', '', '@', 'a@b@c.jp'];
    for (const s of yes) expect([s, agrees(s, '', '')]).toEqual([s, true]);
    for (const s of no) expect([s, agrees(s, '', '')]).toEqual([s, false]);
  });
});
