// Encodings and dialects as real spreadsheets write them: UTF-8 with/without BOM, CP932 with
// NEC/IBM extension characters, tab and semicolon delimiters, quoted fields with newlines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cp932, importFixture, utf8, withBom, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => {
  f = importFixture();
});
afterEach(() => f.cleanup());

const CSV = '会員番号,氏名,メールアドレス,備考\r\n1,髙﨑 ①郎,taka@example.jp,㈱テスト～支店\r\n2,山田 花子,hanako@example.jp,=HYPERLINK("http://x")\r\n';

describe('encodings', () => {
  it('imports UTF-8 without BOM', async () => {
    const r = await f.service.importFile({ filePath: f.write(CSV), listName: '会員' });
    expect(r.encoding).toBe('utf-8');
    expect(r.bom).toBe(false);
    expect(r.counts).toMatchObject({ rows: 2, accepted: 2, rejected: 0 });
    expect(f.members(r.listId).map((m) => m.name)).toEqual(['髙﨑 ①郎', '山田 花子']);
  });

  it('imports UTF-8 with BOM, and the BOM is not part of the first header', async () => {
    const r = await f.service.importFile({ filePath: f.write(withBom(CSV)) });
    expect(r.encoding).toBe('utf-8');
    expect(r.bom).toBe(true);
    expect(r.columns[0]).toBe('会員番号');
    expect(r.keyColumn).toBe('会員番号');
  });

  it('imports CP932 and keeps ①㈱髙﨑～ exactly', async () => {
    const r = await f.service.importFile({ filePath: f.write(cp932(CSV)) });
    expect(r.encoding).toBe('shift_jis');
    const [first, second] = f.members(r.listId);
    expect(first!.name).toBe('髙﨑 ①郎');
    expect(first!.fields).toEqual({
      会員番号: '1', 氏名: '髙﨑 ①郎', メールアドレス: 'taka@example.jp', 備考: '㈱テスト～支店',
    });
    // Cells are text, never evaluated.
    expect(second!.fields.備考).toBe('=HYPERLINK("http://x")');
  });

  it('lets the caller override the encoding and reports the override', async () => {
    // Pure ASCII is valid UTF-8 and valid Shift_JIS: the caller's choice is used.
    const r = await f.service.importFile({ filePath: f.write('email,name\r\na@example.jp,A\r\n'), encoding: 'shift_jis' });
    expect(r.encoding).toBe('shift_jis');
    expect(r.warnings).toEqual([{ kind: 'encoding-override', detected: 'utf-8', used: 'shift_jis' }]);
  });

  it('sha256 of the file is kept in the import history', async () => {
    const bytes = cp932(CSV);
    const r = await f.service.importFile({ filePath: f.write(bytes, '名簿.csv') });
    const { createHash } = await import('node:crypto');
    expect(r.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const [h] = f.service.listImports(r.listId);
    expect(h).toMatchObject({ fileName: '名簿.csv', sha256: r.sha256, encoding: 'shift_jis', totalRows: 2, acceptedRows: 2 });
    expect(f.service.getImport(r.importId)!.report!.counts.accepted).toBe(2);
  });

  it('imports uploaded bytes (importBuffer) the same way', async () => {
    const r = await f.service.importBuffer({ bytes: cp932(CSV), fileName: 'upload.csv' });
    expect(r.encoding).toBe('shift_jis');
    expect(f.members(r.listId)).toHaveLength(2);
  });
});

describe('dialects', () => {
  it.each([
    ['tab', '\t'],
    ['semicolon', ';'],
  ] as const)('detects a %s delimiter', async (_n, d) => {
    const text = ['氏名', 'メール', '住所'].join(d) + '\n' + ['佐藤, 一郎', 'ichiro@example.jp', '東京都'].join(d) + '\n';
    const r = await f.service.importFile({ filePath: f.write(text) });
    expect(r.delimiter).toBe(d);
    expect(f.members(r.listId)[0]).toMatchObject({ name: '佐藤, 一郎', email: 'ichiro@example.jp' });
  });

  it('parses quoted fields with embedded newlines and quotes, and counts Excel rows and text lines', async () => {
    const text =
      '氏名,メール,備考\r\n' +
      '"山田 ""タロウ"" 太郎",taro@example.jp,"一行目\n二行目\n三行目"\r\n' +
      '佐藤,bad-address,ok\r\n' +
      '鈴木,suzuki@example.jp,"a,b"\r\n';
    const r = await f.service.importFile({ filePath: f.write(text) });
    expect(r.rejected).toEqual([{ row: 3, line: 5, reason: 'no-at', rawEmail: 'bad-address' }]);
    const ms = f.members(r.listId);
    expect(ms.map((m) => [m.line, m.name])).toEqual([[2, '山田 "タロウ" 太郎'], [4, '鈴木']]);
    expect(ms[0]!.fields.備考).toBe('一行目\n二行目\n三行目');
  });

  it('lets the caller choose the delimiter and columns (inspect first)', async () => {
    const path = f.write(cp932('番号;連絡先;呼び名\n7;a@example.jp;エー\n8;b@example.jp;ビー\n'));
    const info = await f.service.inspectFile(path);
    expect(info).toMatchObject({ encoding: 'shift_jis', delimiter: ';', headers: ['番号', '連絡先', '呼び名'] });
    expect(info.detected.email).toBeNull();
    expect(info.sampleRows).toEqual([['7', 'a@example.jp', 'エー'], ['8', 'b@example.jp', 'ビー']]);
    const r = await f.service.importFile({ filePath: path, emailColumn: '連絡先', nameColumn: '呼び名', keyColumn: '番号' });
    expect(f.members(r.listId).map((m) => [m.key, m.email, m.name])).toEqual([
      ['7', 'a@example.jp', 'エー'],
      ['8', 'b@example.jp', 'ビー'],
    ]);
  });

  it('reads a file without a final newline and with LF or CR line endings', async () => {
    for (const nl of ['\n', '\r']) {
      const r = await f.service.importFile({ filePath: f.write(`email${nl}a@example.jp${nl}b@example.jp`) });
      expect(f.members(r.listId).map((m) => [m.line, m.email])).toEqual([[2, 'a@example.jp'], [3, 'b@example.jp']]);
    }
  });

  it('imports an Excel "Unicode text" (UTF-16LE, tab) file', async () => {
    const text = 'メール\t氏名\r\nx@example.jp\t髙橋\r\n';
    const bytes = new Uint8Array([0xff, 0xfe, ...new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer)]);
    const r = await f.service.importFile({ filePath: f.write(bytes) });
    expect([r.encoding, r.delimiter]).toEqual(['utf-16le', '\t']);
    expect(f.members(r.listId)[0]).toMatchObject({ name: '髙橋', email: 'x@example.jp' });
  });
});

it('utf8 helper is plain UTF-8', () => {
  expect(utf8('＠')).toEqual(new Uint8Array([0xef, 0xbc, 0xa0]));
});

it('detects CP932 whose first Japanese text comes after the sampled start of the file', async () => {
  const ascii = Array.from({ length: 3000 }, (_, i) => `${i},Yamada Taro,t${i}@example.jp`).join('\r\n');
  const text = `id,name,email\r\n${ascii}\r\n3000,髙橋 ①子,takahashi@example.jp\r\n`;
  expect(text.indexOf('髙')).toBeGreaterThan(64 * 1024);
  const r = await f.service.importFile({ filePath: f.write(cp932(text)) });
  expect([r.encoding, r.detectedEncoding]).toEqual(['shift_jis', 'shift_jis']);
  expect(f.members(r.listId).at(-1)).toMatchObject({ name: '髙橋 ①子', line: 3002 });
});
