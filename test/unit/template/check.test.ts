// checkTemplate and usedFields: syntax errors with positions, unknown fields with suggestions.
import { describe, expect, it } from 'vitest';
import { checkTemplate, suggestColumns, usedFields } from '../../../shared/template';

const columns = ['氏名', 'メールアドレス', '会員番号', '住所', '電話番号', 'フリガナ', '所属支部'];

describe('syntax errors', () => {
  const cases: Array<[string, RegExp, number, number]> = [
    ['Dear {{name', /never closed/, 1, 6],
    ['a {{x {{y}}', /not closed before/, 1, 3],
    ['{{}}', /no field name/, 1, 1],
    ['{{ | x }}', /no field name/, 1, 1],
    ['x\n{{#if}}y{{/if}}', /no field name/, 2, 1],
    ['{{#each a}}{{/each}}', /Unknown block/, 1, 1],
    ['{{else}}', /outside/, 1, 1],
    ['{{#if a}}1{{else}}2{{else}}3{{/if}}', /already has/, 1, 20],
    ['{{/if}}', /no matching/, 1, 1],
    ['{{#if a}}\n{{#if b}}\n{{/if}}', /\{\{#if a\}\} is never closed/, 1, 1],
    ['{{#if a|b}}{{/if}}', /without a default/, 1, 1],
    ['{{/unless}}', /Unknown closing/, 1, 1],
    ['{{{name}}}', /brace/, 1, 1],
  ];
  it.each(cases)('%j', (body, message, line, column) => {
    const issues = checkTemplate({ subject: 'ok', body }, ['a', 'b', 'name', 'x', 'y']);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'template-syntax', part: 'body', line, column });
    expect(issues[0]!.code === 'template-syntax' && issues[0]!.message).toMatch(message);
  });

  it('reports each part separately', () => {
    const issues = checkTemplate({ subject: '{{a', body: '{{/if}}' }, ['a']);
    expect(issues.map((i) => i.part)).toEqual(['subject', 'body']);
  });

  it('a valid template against its columns has no issues', () => {
    expect(checkTemplate({ subject: '{{氏名}}様', body: '{{#if 住所}}{{住所}}{{else}}{{会員番号|-}}{{/if}}' }, columns)).toEqual([]);
  });
});

describe('unknown fields', () => {
  it('names the field, its position and the closest columns', () => {
    const issues = checkTemplate({ subject: '{{氏名}}', body: 'x\n  {{名前}} {{名前}} {{#if 電話}}{{/if}}' }, columns);
    expect(issues).toEqual([
      { code: 'template-unknown-field', part: 'body', field: '名前', suggestions: ['氏名'], line: 2, column: 3, offset: 4 },
      expect.objectContaining({ field: '電話', suggestions: ['電話番号'] }),
    ]);
  });

  it('reports a field once per part', () => {
    const issues = checkTemplate({ subject: '{{x}}', body: '{{x}}{{x}}' }, columns);
    expect(issues.map((i) => i.part)).toEqual(['subject', 'body']);
  });

  it('suggestions fold width, kana and case', () => {
    expect(suggestColumns('ﾌﾘｶﾞﾅ', columns)[0]).toBe('フリガナ');
    expect(suggestColumns('ふりがな', columns)[0]).toBe('フリガナ');
    expect(suggestColumns('会員番号', ['会員番号'])).toEqual([]); // identical: nothing to suggest
    expect(suggestColumns('ＥＭＡＩＬ', ['Email', 'Name'])).toEqual(['Email']);
    expect(suggestColumns('会員No', ['会員番号', '氏名'])[0]).toBe('会員番号');
  });

  it('suggests by edit distance, containment and common header synonyms', () => {
    expect(suggestColumns('メール', columns)).toContain('メールアドレス');
    expect(suggestColumns('email', columns)).toEqual(['メールアドレス']);
    expect(suggestColumns('name', columns)).toEqual(['氏名']);
    expect(suggestColumns('支部', columns)).toEqual(['所属支部']);
    expect(suggestColumns('xyzzy', columns)).toEqual([]);
    expect(suggestColumns('adress', ['address', 'name'])).toEqual(['address']);
  });

  it('gives at most three suggestions, best first', () => {
    expect(suggestColumns('col', ['col1', 'col2', 'col3', 'col4', 'cl'])).toEqual(['col1', 'col2', 'col3']);
  });
});

describe('usedFields', () => {
  it('lists value and condition uses per part with whether a blank can block', () => {
    expect(usedFields({ subject: '{{氏名}}様', body: '{{#if 会社}}{{会社}}{{/if}} {{役職|ご担当者}} {{氏名}}' })).toEqual([
      { field: '氏名', hasDefault: false, part: 'subject', kind: 'value' },
      { field: '会社', hasDefault: true, part: 'body', kind: 'condition' },
      { field: '会社', hasDefault: false, part: 'body', kind: 'value' },
      { field: '役職', hasDefault: true, part: 'body', kind: 'value' },
      { field: '氏名', hasDefault: false, part: 'body', kind: 'value' },
    ]);
  });
});
