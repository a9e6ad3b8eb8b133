// detectColumns / uniqueColumnNames: Japanese and English headers as real spreadsheets write them.
import { describe, expect, it } from 'vitest';
import { detectColumns, uniqueColumnNames } from '../../../shared/csv';

describe('detectColumns', () => {
  it('finds Japanese headers', () => {
    const d = detectColumns(['会員番号', '氏名', 'フリガナ', 'メールアドレス', '電話']);
    expect(d).toEqual({ email: 'メールアドレス', name: '氏名', key: '会員番号', problems: [] });
  });

  it.each([
    ['Eメール'], ['Ｅメール'], ['E-mail'], ['e-mail'], ['Email'], ['EMAIL ADDRESS'], ['mail'], ['電子メール'],
    ['メール'], ['E-mail 1 - Value'], [' メールアドレス '],
  ])('recognises %j as the email column', (h) => {
    expect(detectColumns(['x', h]).email).toBe(h.trim());
  });

  it.each([['名前'], ['お名前'], ['Name'], ['Full name'], ['full_name']])('recognises %j as the name column', (h) => {
    expect(detectColumns([h, 'email']).name).toBe(h);
  });

  it.each([['会員ID'], ['Member ID'], ['ID'], ['会員ＮＯ'], ['会員No.']])('recognises %j as the key column', (h) => {
    expect(detectColumns([h, 'email']).key).toBe(h);
  });

  it('prefers the more specific header', () => {
    expect(detectColumns(['メール', 'メールアドレス']).email).toBe('メールアドレス');
    expect(detectColumns(['ID', '会員番号']).key).toBe('会員番号');
  });

  it('returns null when nothing matches, and does not take a postal address', () => {
    expect(detectColumns(['住所', 'Address', '電話'])).toEqual({ email: null, name: null, key: null, problems: [] });
  });

  it('reports duplicate and empty headers', () => {
    expect(detectColumns(['氏名', '', 'メール', '氏名', ' ']).problems).toEqual([
      { kind: 'empty', index: 1, header: '' },
      { kind: 'duplicate', index: 3, header: '氏名' },
      { kind: 'empty', index: 4, header: ' ' },
    ]);
  });
});

describe('uniqueColumnNames', () => {
  it('keeps names unique and names empty columns', () => {
    expect(uniqueColumnNames(['氏名', '', '氏名', 'メール', '氏名', ' 氏名 (2)'])).toEqual([
      '氏名', '列2', '氏名 (2)', 'メール', '氏名 (3)', '氏名 (2) (2)',
    ]);
  });
});
