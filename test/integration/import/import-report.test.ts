// The per-row report: normalised and rejected rows by Excel row (a record; the header is row 1)
// and text line, duplicates, header problems and ragged rows.
import { afterEach, beforeEach, expect, it } from 'vitest';
import { importFixture, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => {
  f = importFixture();
});
afterEach(() => f.cleanup());

it('normalises full-width addresses and reports each change with its row', async () => {
  const text = '氏名,メール\n山田,ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ\n佐藤, Sato@Example.JP \n鈴木,suzuki@example.jp\n';
  const r = await f.service.importFile({ filePath: f.write(text) });
  expect(r.counts).toMatchObject({ rows: 3, accepted: 3, normalised: 2 });
  expect(r.normalised).toEqual([
    { row: 2, line: 2, from: 'ｙａｍａｄａ＠ｅｘａｍｐｌｅ．ｊｐ', to: 'yamada@example.jp', changes: ['full-width'] },
    { row: 3, line: 3, from: ' Sato@Example.JP ', to: 'Sato@example.jp', changes: ['trimmed', 'lower-cased-domain'] },
  ]);
  expect(f.members(r.listId).map((m) => m.email)).toEqual(['yamada@example.jp', 'Sato@example.jp', 'suzuki@example.jp']);
});

it('rejects invalid rows with their Excel row, the text line where it differs, and the reason, also after a multi-line field', async () => {
  const text = [
    '会員番号,氏名,メールアドレス,備考',
    '1,山田,yamada@example.jp,"複数行の',
    '備考です"',
    '2,佐藤,sato@@example.jp,',
    '3,鈴木,,',
    '',
    '4,田中,tanaka@example,',
    '5,高橋,"taka\nhashi@example.jp",',
    '6,伊藤,ito@example.jp,',
  ].join('\r\n');
  const r = await f.service.importFile({ filePath: f.write(text) });
  // Row 2 holds a two-line cell: one Excel row, two text lines. So 佐藤 is Excel row 3 on text
  // line 4 (the report used to say 「行4」, and the user found the wrong row in Excel).
  expect(r.rejected).toEqual([
    { row: 3, line: 4, reason: 'multiple-at', rawEmail: 'sato@@example.jp' },
    { row: 4, line: 5, reason: 'empty', rawEmail: '' },
    { row: 6, line: 7, reason: 'domain-invalid', rawEmail: 'tanaka@example' },
  ]);
  expect(r.rejectedByReason).toEqual({ 'multiple-at': 1, empty: 1, 'domain-invalid': 1 });
  // The address with a newline inside is an accepted, normalised row (spaces removed).
  expect(r.normalised).toEqual([{ row: 7, line: 8, from: 'taka\nhashi@example.jp', to: 'takahashi@example.jp', changes: ['removed-spaces'] }]);
  // Members keep their Excel row, as the member list shows it.
  expect(f.members(r.listId).map((m) => [m.line, m.key])).toEqual([[2, '1'], [7, '5'], [8, '6']]);
  expect(r.counts).toMatchObject({ rows: 6, accepted: 3, rejected: 3, blank: 1 });
});

it('reports duplicate addresses with all their rows and keeps every row', async () => {
  const text = 'email,name\na@example.jp,A\nb@example.jp,B\nA@EXAMPLE.JP,A2\na@example.jp,A3\nb@example.jp,B2\nc@example.jp,C\n';
  const r = await f.service.importFile({ filePath: f.write(text) });
  // Local parts keep their case (RFC 5321), so A@… is a different address from a@….
  expect(r.duplicates).toEqual([
    { email: 'a@example.jp', rows: [2, 5] },
    { email: 'b@example.jp', rows: [3, 6] },
  ]);
  expect(r.counts.duplicates).toBe(2);
  expect(f.members(r.listId)).toHaveLength(6);
});

it('reports duplicate and empty headers and keeps their columns apart', async () => {
  const text = '氏名,メール,,氏名\n山田,y@example.jp,x,ヤマダ\n';
  const r = await f.service.importFile({ filePath: f.write(text) });
  expect(r.headerProblems).toEqual([
    { kind: 'empty', index: 2, header: '' },
    { kind: 'duplicate', index: 3, header: '氏名' },
  ]);
  expect(r.columns).toEqual(['氏名', 'メール', '列3', '氏名 (2)']);
  expect(f.members(r.listId)[0]!.fields).toEqual({ 氏名: '山田', メール: 'y@example.jp', 列3: 'x', '氏名 (2)': 'ヤマダ' });
});

it('reports ragged rows: short rows read as empty cells, shifted rows rejected', async () => {
  const text = [
    '氏名,メール,電話',
    '山田,y@example.jp',
    '佐藤,太郎,s@example.jp,03',
    '鈴木,z@example.jp,03,,',
    '田中,t@example.jp,04',
  ].join('\n');
  const r = await f.service.importFile({ filePath: f.write(text) });
  expect(r.ragged).toEqual([
    { row: 2, line: 2, fields: 2, expected: 3 },
    { row: 3, line: 3, fields: 4, expected: 3 },
    { row: 4, line: 4, fields: 5, expected: 3 },
  ]);
  expect(r.rejected).toEqual([{ row: 3, line: 3, reason: 'too-many-fields', rawEmail: '太郎' }]);
  expect(f.members(r.listId).map((m) => [m.line, m.email, m.fields.電話])).toEqual([
    [2, 'y@example.jp', ''],
    [4, 'z@example.jp', '03'],
    [5, 't@example.jp', '04'],
  ]);
});

it('rejects a row whose quotes are malformed instead of guessing where it ends', async () => {
  // papaparse reads the stray quote as opening a field that runs to the next closing quote, so
  // two physical lines become one malformed row: it is rejected at its first line, not imported.
  // Rows after it are numbered as we read them (row 3, line 4); Excel, which reads the stray
  // quote differently, may number them one higher, so the report also gives the text line.
  const text = 'name,email\n"山田"太郎,y@example.jp\n佐藤,"s@example.jp"\n鈴木,z@example.jp\n';
  const r = await f.service.importFile({ filePath: f.write(text) });
  expect(r.rejected.map((x) => [x.row, x.line, x.reason])).toEqual([[2, 2, 'malformed-quotes']]);
  expect(f.members(r.listId).map((m) => [m.line, m.email])).toEqual([[3, 'z@example.jp']]);
});

it('reports progress in bytes and rows', async () => {
  const rows = Array.from({ length: 30_000 }, (_, i) => `会員${i},m${i}@example.jp`).join('\n');
  const path = f.write('氏名,メール\n' + rows + '\n');
  const seen: { bytesDone: number; bytesTotal: number; rowsDone: number }[] = [];
  await f.service.importFile({ filePath: path, onProgress: (p) => seen.push(p) });
  expect(seen.length).toBeGreaterThan(0);
  const last = seen[seen.length - 1]!;
  expect(last.bytesDone).toBe(last.bytesTotal);
  for (let i = 1; i < seen.length; i++) expect(seen[i]!.bytesDone).toBeGreaterThan(seen[i - 1]!.bytesDone);
  expect(last.rowsDone).toBeGreaterThan(29_000);
});

it('keeps odd column names as ordinary fields (quotes, __proto__, very wide files)', async () => {
  const headers = ["O'Brien", '__proto__', 'メール', ...Array.from({ length: 600 }, (_, i) => `列${i}`)];
  const row = ['x', 'p', 'a@example.jp', ...Array.from({ length: 600 }, (_, i) => `v${i}`)];
  const r = await f.service.importFile({ filePath: f.write(headers.join(',') + '\n' + row.join(',') + '\n') });
  const [member] = f.members(r.listId);
  // Stored as the layout's names once and the row's values in their order (migration 0017).
  const stored = JSON.parse(member!.fields_json) as string[];
  expect(JSON.parse(f.db.prepare('SELECT columns_json FROM field_layouts WHERE id = ?').pluck().get(stored[0]) as string)).toEqual(headers);
  expect(stored.slice(1)).toEqual(row);
  // Read back as plain fields: "__proto__" is never one (assigning it would set a prototype).
  const fields = member!.fields;
  expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  expect(Object.keys(fields)).toEqual(headers.filter((h) => h !== '__proto__'));
  expect(fields["O'Brien"]).toBe('x');
  expect(fields['列599']).toBe('v599');
});

it('caps the report lists but keeps the counts complete', async () => {
  const rows = Array.from({ length: 1500 }, (_, i) => `n${i},bad${i}`).join('\n');
  const r = await f.service.importFile({ filePath: f.write('name,email\nok,ok@example.jp\n' + rows + '\n') });
  expect(r.counts.rejected).toBe(1500);
  expect(r.rejected).toHaveLength(1000);
  expect(r.rejected[999]).toEqual({ row: 1002, line: 1002, reason: 'no-at', rawEmail: 'bad999' });
});

it('skips blank lines before the header and still counts them', async () => {
  const r = await f.service.importFile({ filePath: f.write('\r\n,,\r\nname,email\r\nA,bad\r\nB,b@example.jp\r\n') });
  // Excel shows the blank rows above the header too: they are rows 1 and 2.
  expect(r.rejected).toEqual([{ row: 4, line: 4, reason: 'no-at', rawEmail: 'bad' }]);
  expect(f.members(r.listId).map((m) => m.line)).toEqual([5]);
});
