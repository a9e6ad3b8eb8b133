// Rendering: placeholders, defaults, conditionals (nested), missing values, header safety.
import { describe, expect, it } from 'vitest';
import { compileTemplate, renderMessage } from '../../../shared/template';
import { AppError } from '../../../shared/errors';

const r = (subject: string, body: string, row: Record<string, string>) => renderMessage({ subject, body }, row);

describe('placeholders', () => {
  it('fills Japanese field names, trims names and values', () => {
    expect(r('{{ 氏名 }}様へ', '{{氏名}}様\n会員番号: {{会員番号}}', { 氏名: ' 山田 太郎　', 会員番号: 'M001' })).toEqual({
      ok: true,
      subject: '山田 太郎様へ',
      body: '山田 太郎様\n会員番号: M001',
    });
  });

  it('allows inner spaces in names', () => {
    expect(r('', 'Dear {{ First Name }}', { 'First Name': 'Ann' })).toMatchObject({ body: 'Dear Ann' });
  });

  it('uses the default when the value is blank or absent, and keeps an explicit empty default', () => {
    const t = { subject: '', body: '{{役職|ご担当者}}様 [{{備考|}}]' };
    expect(renderMessage(t, { 役職: '　 ' })).toMatchObject({ body: 'ご担当者様 []' });
    expect(renderMessage(t, {})).toMatchObject({ body: 'ご担当者様 []' });
    expect(renderMessage(t, { 役職: '部長', 備考: 'x' })).toMatchObject({ body: '部長様 [x]' });
  });

  it('a default may contain a bar', () => {
    expect(r('', '{{a|x|y}}', {})).toMatchObject({ body: 'x|y' });
  });
});

describe('missing values', () => {
  it('reports blank and absent values without a default, in template order, once each', () => {
    expect(r('{{件名}}', '{{氏名}} {{住所}} {{氏名}}', { 件名: 'x', 氏名: ' \t', 住所: '\u200b' })).toEqual({
      ok: false,
      missing: ['氏名', '住所'],
    });
    expect(r('{{a}}', '{{b}}', {})).toEqual({ ok: false, missing: ['a', 'b'] });
  });

  it('does not read inherited properties of the row', () => {
    expect(r('', '{{constructor}}{{toString}}', {})).toEqual({ ok: false, missing: ['constructor', 'toString'] });
  });

  it('a field in a branch not taken is not needed', () => {
    expect(r('', '{{#if 会社}}{{会社}} {{部署}}{{/if}}', { 会社: '' })).toEqual({ ok: true, subject: '', body: '' });
    expect(r('', '{{#if 会社}}{{会社}} {{部署}}{{/if}}', { 会社: 'ACME' })).toEqual({ ok: false, missing: ['部署'] });
  });
});

describe('conditionals', () => {
  const t = {
    subject: '{{#if 会社}}【{{会社}}】{{/if}}お知らせ',
    body: ['{{氏名}}様', '{{#if 会社}}', '{{#if 部署}}', '{{会社}} {{部署}}', '{{else}}', '{{会社}}', '{{/if}}', '{{else}}', '個人会員', '{{/if}}', '以上'].join(
      '\n',
    ),
  };
  it('chooses branches, nested, and standalone tag lines leave no blank lines', () => {
    expect(renderMessage(t, { 氏名: 'A', 会社: 'ACME', 部署: '総務' })).toEqual({
      ok: true,
      subject: '【ACME】お知らせ',
      body: 'A様\nACME 総務\n以上',
    });
    expect(renderMessage(t, { 氏名: 'A', 会社: 'ACME', 部署: ' ' })).toMatchObject({ body: 'A様\nACME\n以上' });
    expect(renderMessage(t, { 氏名: 'A' })).toMatchObject({ subject: 'お知らせ', body: 'A様\n個人会員\n以上' });
  });

  it('inline block tags keep the surrounding text on the line', () => {
    expect(r('', 'x {{#if a}}A{{else}}B{{/if}} y\nz', { a: '1' })).toMatchObject({ body: 'x A y\nz' });
    expect(r('', '  {{#if a}}  \r\nA\r\n  {{/if}}\r\nend', { a: '1' })).toMatchObject({ body: 'A\nend' });
  });
});

describe('header and body safety', () => {
  it('the subject is one line whatever the data holds', () => {
    const out = r('Hello {{name}}', '', { name: 'Eve\r\nBcc: victim@example.com\u0000\u2028x' });
    expect(out).toMatchObject({ ok: true, subject: 'Hello Eve Bcc: victim@example.com x' });
    if (out.ok) expect(out.subject).not.toMatch(/[\r\n\u0000-\u001f\u2028]/);
  });

  it('a subject template with line breaks is flattened too', () => {
    expect(r('a\nb\r\n\tc', '', {})).toMatchObject({ subject: 'a b c' });
  });

  it('body line endings become \\n and control characters are dropped', () => {
    expect(r('', 'a\r\nb\rc\n{{x}}', { x: 'd\r\ne\u0007f' })).toMatchObject({ body: 'a\nb\nc\nd\nef' });
  });

  it('data is inserted literally, never expanded as a template', () => {
    const row = { name: '{{email}}', email: 'other@example.com', note: '{{#if email}}X{{/if}}' };
    expect(r('{{name}}', '{{name}} {{note}}', row)).toEqual({
      ok: true,
      subject: '{{email}}',
      body: '{{email}} {{#if email}}X{{/if}}',
    });
  });
});

describe('compileTemplate', () => {
  it('lists the fields used, in order, once each', () => {
    const c = compileTemplate({ subject: '{{a}} {{#if b}}{{c}}{{/if}}', body: '{{c|x}} {{d}} {{a}}' });
    expect(c.fields).toEqual(['a', 'b', 'c', 'd']);
  });

  it('throws a coded syntax error naming the part and position', () => {
    try {
      compileTemplate({ subject: 'ok', body: 'line1\n  {{#if a}}x' });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(AppError);
      expect((e as AppError).code).toBe('template-syntax');
      expect((e as AppError).details).toMatchObject({ part: 'body', line: 2, column: 3 });
    }
  });

  it('renders the same row the same way every time', () => {
    const c = compileTemplate({ subject: '{{a}}', body: '{{#if b}}{{b}}{{else}}none{{/if}}' });
    const row = { a: '1', b: '2' };
    expect(c.render(row)).toEqual(c.render({ ...row }));
    expect(c.render({ a: '1' })).toEqual({ ok: true, subject: '1', body: 'none' });
  });
});
