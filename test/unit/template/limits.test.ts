// Hostile templates: nesting past the cap is a clear syntax error (never a stack overflow), the
// parser reads each character a bounded number of times however many tags share a line, and
// "did you mean" is bounded however many unknown fields there are. No timings: work is counted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkTemplate, compileTemplate, renderMessage, usedFields } from '../../../shared/template';
import { AppError } from '../../../shared/errors';
import { MAX_SUGGESTED_FIELDS } from '../../../shared/template/check';
import { MAX_IF_DEPTH, parseTemplate } from '../../../shared/template/parse';
import { boundedDistance, codePoints } from '../../../shared/template/suggest';
import { lineColumn, lineIndex } from '../../../shared/template/text';

const nested = (depth: number) => '{{#if a}}'.repeat(depth) + 'x' + '{{/if}}'.repeat(depth);

/**
 * A string that counts the characters the code under test looks at: one per indexed read or
 * charCodeAt, and the span each slice, indexOf or startsWith covers.
 */
function countingString(s: string): { value: string; reads: () => number } {
  let reads = 0;
  const cost = (name: string, args: unknown[], result: unknown): number => {
    const from = typeof args[1] === 'number' ? args[1] : 0;
    switch (name) {
      case 'indexOf':
        return ((result as number) < 0 ? s.length : (result as number)) - from + String(args[0]).length;
      case 'slice':
      case 'substring':
        return (result as string).length;
      case 'startsWith':
        return String(args[0]).length;
      default:
        return name === 'toString' || name === 'valueOf' ? s.length : 1;
    }
  };
  const proxy = new Proxy(Object(s) as object, {
    get(_target, prop) {
      if (prop === 'length') return s.length;
      if (typeof prop === 'string' && /^\d+$/.test(prop)) {
        reads++;
        return s[Number(prop)];
      }
      const v = (String.prototype as unknown as Record<string | symbol, unknown>)[prop];
      if (typeof v !== 'function') return v;
      return (...args: unknown[]) => {
        const r = (v as (...a: unknown[]) => unknown).apply(s, args);
        reads += cost(String(prop), args, r);
        return r;
      };
    },
  });
  return { value: proxy as unknown as string, reads: () => reads };
}

describe('nesting', () => {
  it(`accepts ${MAX_IF_DEPTH} nested {{#if}} and renders them`, () => {
    expect(renderMessage({ subject: '', body: nested(MAX_IF_DEPTH) }, { a: '1' })).toEqual({ ok: true, subject: '', body: 'x' });
  });

  it('refuses deeper nesting with a syntax error at the first {{#if}} too deep, also at 3,000 levels', () => {
    for (const depth of [MAX_IF_DEPTH + 1, 3000]) {
      const body = nested(depth);
      const issues = checkTemplate({ subject: '', body }, ['a']);
      expect(issues).toEqual([
        expect.objectContaining({ code: 'template-syntax', part: 'body', offset: MAX_IF_DEPTH * 9, line: 1, column: MAX_IF_DEPTH * 9 + 1 }),
      ]);
      expect(issues[0]!.code === 'template-syntax' && issues[0]!.message).toMatch(/nested more than 32 deep/);
      let error: unknown;
      try {
        compileTemplate({ subject: '', body });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).code).toBe('template-syntax');
      expect(usedFields({ subject: '', body })).toEqual([]);
    }
  });

  it('renders long chains of siblings and else-branches at the cap in order', () => {
    const body = Array.from({ length: 500 }, (_, i) => `{{#if f${i % 3}}}${i}{{else}}-{{/if}}`).join('');
    const out = renderMessage({ subject: '', body }, { f0: 'y', f2: 'y' });
    expect(out).toMatchObject({ ok: true, body: Array.from({ length: 500 }, (_, i) => (i % 3 === 1 ? '-' : String(i))).join('') });
  });
});

describe('a linear parser', () => {
  it('reads each character a bounded number of times when thousands of block tags share one line', () => {
    const line = '{{#if a}}x{{else}}y{{/if}}'.repeat(800); // 20,800 characters, 2,400 block tags
    for (const body of [line, `  ${line}  \n${line}`, ('{{#if a}}\n'.repeat(30) + '{{/if}}\n'.repeat(30)).repeat(30)]) {
      const s = countingString(body);
      expect(parseTemplate(s.value).ok).toBe(true);
      expect(s.reads()).toBeLessThan(6 * body.length);
    }
  });

  it('keeps the standalone-line rule exactly: a block tag alone on its line takes the line', () => {
    const r = (body: string, row: Record<string, string> = { a: '1' }) => renderMessage({ subject: '', body }, row);
    expect(r('{{#if a}}\nA\n{{/if}}\nB')).toMatchObject({ body: 'A\nB' });
    expect(r(' \u3000\t{{#if a}} \t\r\nA\r\n{{/if}}')).toMatchObject({ body: 'A\n' });
    expect(r('{{#if a}}\rA\r{{/if}}\rB')).toMatchObject({ body: 'A\nB' });
    // Two block tags on one line: neither stands alone, the line break stays.
    expect(r('{{#if a}}{{/if}}\nB')).toMatchObject({ body: '\nB' });
    expect(r('x{{#if a}}\nA{{/if}}')).toMatchObject({ body: 'x\nA' });
    // A tag right after a standalone tag's line starts its own line.
    expect(r('{{#if a}}\n{{#if a}}\nA\n{{/if}}\n{{/if}}\n')).toMatchObject({ body: 'A\n' });
    expect(r('{{#if a}}\n{{else}}\nB\n{{/if}}', {})).toMatchObject({ body: 'B\n' });
  });

  it('lineIndex agrees with lineColumn at every offset', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', '\n', '\r', '\r\n', '山', ' ') }), (s) => {
        const where = lineIndex(s);
        for (let o = 0; o <= s.length; o++) expect(where(o)).toEqual(lineColumn(s, o));
      }),
    );
  });
});

describe('bounded suggestions', () => {
  const columns = Array.from({ length: 1000 }, (_, i) => `会員情報_項目_${i}`);

  it(`suggests columns for the first ${MAX_SUGGESTED_FIELDS} unknown fields only`, () => {
    const body = Array.from({ length: 3000 }, (_, i) => `{{会員情報_項目_${i}x}}`).join(' ');
    const issues = checkTemplate({ subject: '', body }, columns);
    expect(issues).toHaveLength(3000);
    const withSuggestions = issues.filter((i) => i.code === 'template-unknown-field' && i.suggestions.length > 0);
    expect(withSuggestions).toHaveLength(MAX_SUGGESTED_FIELDS);
    expect(issues[0]).toMatchObject({ field: '会員情報_項目_0x', suggestions: ['会員情報_項目_0', '会員情報_項目_1', '会員情報_項目_2'] });
    expect(issues[2999]).toMatchObject({ field: '会員情報_項目_2999x', suggestions: [], line: 1 });
  });

  it('long names are still matched by containment, without an edit-distance table', () => {
    const long = 'お知らせの送り先になる会員の方のご自宅の住所（都道府県から番地まで）';
    expect(checkTemplate({ subject: '', body: `{{${long}（建物名）}}` }, [long, '氏名'])).toEqual([
      expect.objectContaining({ suggestions: [long] }),
    ]);
  });

  it('the banded distance equals Levenshtein within its limit', () => {
    const full = (a: Int32Array, b: Int32Array) => {
      let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
      for (let i = 1; i <= a.length; i++) {
        const cur = [i];
        for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
        prev = cur;
      }
      return prev[b.length]!;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', '山', '𠮷'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 1, max: 8 }), (x, y, limit) => {
        const a = codePoints(x);
        const b = codePoints(y);
        expect(boundedDistance(a, b, limit)).toBe(Math.min(full(a, b), limit + 1));
      }),
      { numRuns: 2000 },
    );
  });
});
