// Text rules: the fast path for values agrees with the plain definition on any input.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isBlank, normaliseBody, oneLine } from '../../../shared/template';
import { presentValue } from '../../../shared/template/text';

const tricky = fc.constantFrom(' ', '　', '\t', '\r', '\n', '\u200b', '\ufeff', '\u00a0', '\u2028', 'a', '山', '\u0085', '\u0000');
const textArb = fc.oneof(fc.string({ unit: 'binary' }), fc.array(tricky, { maxLength: 6 }).map((a) => a.join('')));

describe('text rules', () => {
  it('presentValue is "trimmed value unless blank" for any string', () => {
    fc.assert(
      fc.property(textArb, (s) => {
        expect(presentValue(s)).toBe(isBlank(s) ? undefined : s.trim());
      }),
      { numRuns: 2000 },
    );
  });

  it('oneLine never leaves a control character or line separator', () => {
    fc.assert(
      fc.property(textArb, (s) => {
        expect(oneLine(s)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/);
      }),
      { numRuns: 2000 },
    );
  });

  it('normaliseBody leaves only \\n line endings and no stray controls', () => {
    fc.assert(
      fc.property(textArb, (s) => {
        expect(normaliseBody(s)).not.toMatch(/[\r\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/);
      }),
      { numRuns: 2000 },
    );
    expect(normaliseBody('a\r\n\r\nb\rc')).toBe('a\n\nb\nc');
  });
});
