// missingFieldsOf decides a row's missing fields once per set of present fields (issue 15: the
// approval request checks 100k frozen rows). For any template and any rows, in any order, it must
// answer exactly what rendering the row itself answers (fast-check).
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { fieldValueReader, parseFields } from '../../../electron/db/fields';
import { compileTemplate, missingFieldsOf } from '../../../shared/template';
import { storedFields } from '../../helpers/stored-fields';
import { tempDb } from '../../helpers/tmp';

const FIELDS = ['氏名', '部屋', '会社', '__proto__', 'constructor'];
// Values that are present, blank in the ways rendering treats as missing, or absent (undefined).
const value = fc.constantFrom('山田', ' 東京 ', '', ' ', '\u3000', '\u200b', '\t\n', 'x', undefined);
const part = fc.oneof(
  fc.constantFrom('様', '\n', ' '),
  fc.constantFrom(...FIELDS).map((f) => `{{${f}}}`),
  fc.constantFrom(...FIELDS).map((f) => `{{${f}|既定}}`),
  fc.tuple(fc.constantFrom(...FIELDS), fc.constantFrom(...FIELDS)).map(([c, f]) => `{{#if ${c}}}{{${f}}}{{else}}-{{/if}}`),
);
const template = fc.record({ subject: fc.array(part, { maxLength: 3 }).map((p) => p.join('')), body: fc.array(part, { maxLength: 5 }).map((p) => p.join('')) });
const row = fc.array(fc.tuple(fc.constantFrom(...FIELDS), value), { maxLength: 5 }).map((entries) => {
  // Own properties only, as parseFields builds them (a "__proto__" key is a plain own key here).
  const r: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const [k, v] of entries) if (v !== undefined) r[k] = v;
  return { ...r };
});

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups) await c();
});

describe('missingFieldsOf', () => {
  it('answers what rendering each row answers, for any template and rows', () => {
    fc.assert(
      fc.property(template, fc.array(row, { minLength: 1, maxLength: 20 }), (t, rows) => {
        const compiled = compileTemplate(t);
        const missingOf = missingFieldsOf(compiled);
        for (const r of rows) {
          const rendered = compiled.render(r);
          expect(missingOf(r)).toEqual(rendered.ok ? null : rendered.missing);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reads stored fields text as parseFields would, for any JSON (non-strings, arrays, "__proto__")', () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const keyed = fc.dictionary(fc.constantFrom(...FIELDS), fc.oneof(value.filter((v) => v !== undefined), fc.jsonValue({ maxDepth: 1 })));
    const json = fc.oneof(
      keyed.map((o) => JSON.stringify(o)),
      // As stored since migration 0017: the layout's id, then the values in its order.
      keyed.map((o) => storedFields(db, o)),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      // A "__proto__" key as the import's packer wrote it before 0017 (JSON.stringify of a record cannot).
      fc.constantFrom('{"__proto__":"x","氏名":"山田"}', '{"氏名":null,"部屋":0,"会社":false}', '[]', 'null', '"s"'),
      // Damaged arrays: no layout id, or one that names no stored layout (read as no fields).
      fc.constantFrom('[1,"山田"]', '["000000000000","山田"]', '["m9"]'),
      // Found by this property in a full run: an object value with its own "toString" key.
      fc.constant('{"氏名":{"toString":""}}'),
    );
    const parsedFieldValue = fieldValueReader(db);
    fc.assert(
      fc.property(template, fc.array(json, { minLength: 1, maxLength: 20 }), (t, texts) => {
        const compiled = compileTemplate(t);
        const missingOf = missingFieldsOf(compiled, parsedFieldValue);
        for (const text of texts) {
          const rendered = compiled.render(parseFields(db, text));
          expect(missingOf(JSON.parse(text))).toEqual(rendered.ok ? null : rendered.missing);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('names the missing fields in order of use', () => {
    const missingOf = missingFieldsOf(compileTemplate({ subject: '{{部屋}}', body: '{{氏名}}様 {{部屋}}' }));
    expect(missingOf({ 氏名: '山田', 部屋: '101' })).toBeNull();
    expect(missingOf({ 氏名: ' ' })).toEqual(['部屋', '氏名']);
    expect(missingOf({ 氏名: '佐藤' })).toEqual(['部屋']);
  });
});
