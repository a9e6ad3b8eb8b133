// Bad input: each case gets a clear coded error, and the list, its members, the import
// history and the audit log stay exactly as they were (promise 6).
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors';
import { cp932, importFixture, utf8, type ImportFixture } from './import-fixture';

let f: ImportFixture;
let listId: number;
beforeEach(async () => {
  f = importFixture();
  const r = await f.service.importFile({ filePath: f.write('会員番号,氏名,メール\n1,山田,y@example.jp\n2,佐藤,s@example.jp\n'), listName: 'l' });
  listId = r.listId;
});
afterEach(() => f.cleanup());

async function expectFailure(run: () => Promise<unknown>, code: string, details?: Record<string, unknown>): Promise<void> {
  const before = f.snapshot();
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  if (details) expect((err as AppError).details).toMatchObject(details);
  expect(f.snapshot()).toEqual(before);
  // No staging table is left behind on the connection.
  expect(f.db.prepare("SELECT name FROM sqlite_temp_master WHERE type = 'table'").all()).toEqual([]);
}

const importInto = (content: string | Uint8Array, extra: Record<string, unknown> = {}) => () =>
  f.service.importFile({ filePath: f.write(content), listId, ...extra });

describe('bad input leaves the list as it was', () => {
  it('empty file', () => expectFailure(importInto(''), 'import-empty-file'));
  it('whitespace only', () => expectFailure(importInto('\r\n \r\n'), 'import-empty-file'));
  it('header only', () => expectFailure(importInto('会員番号,氏名,メール\r\n'), 'import-no-rows', { rows: 0 }));
  it('no valid row', () =>
    expectFailure(importInto('氏名,メール\nA,not-an-address\nB,\n'), 'import-no-rows', { rows: 2, rejectedByReason: { 'no-at': 1, empty: 1 } }));
  it('no email column', () => expectFailure(importInto('氏名,電話\nA,03\n'), 'import-no-email-column'));
  it('a named email column that does not exist', () =>
    expectFailure(importInto('氏名,メール\nA,a@example.jp\n', { emailColumn: 'Email' }), 'import-no-email-column', { column: 'Email' }));
  it('binary garbage', () => expectFailure(importInto(new Uint8Array(randomBytes(50_000))), 'import-unreadable', { reason: 'binary' }));
  it('garbage without NUL bytes', () => {
    const bytes = new Uint8Array(randomBytes(20_000)).map((b) => (b < 0x20 ? b + 0x80 : b));
    return expectFailure(importInto(bytes), 'import-encoding');
  });
  it('unclosed quote', () =>
    expectFailure(importInto('氏名,メール,備考\nA,a@example.jp,ok\nB,b@example.jp,"never closed\nC,c@example.jp,x\n'), 'import-unreadable', {
      reason: 'unclosed-quote',
      line: 3,
    }));
  it('a file that does not exist', () =>
    expectFailure(() => f.service.importFile({ filePath: f.dir + '/missing.csv', listId }), 'import-unreadable', { code: 'ENOENT' }));
  it('a folder instead of a file', () => expectFailure(() => f.service.importFile({ filePath: f.dir, listId }), 'import-unreadable'));
  it('a list that does not exist', () =>
    expectFailure(() => f.service.importFile({ filePath: f.write('email\na@example.jp\n'), listId: 999 }), 'not-found'));

  it('CP932 file forced as UTF-8 fails with the line of the first bad byte', () => {
    const bytes = cp932('氏名,メール\nyamada,y@example.jp\n髙﨑,t@example.jp\n');
    return expectFailure(importInto(bytes, { encoding: 'utf-8' }), 'import-encoding', { encoding: 'utf-8', line: 1 });
  });

  it('UTF-8 file forced as Shift_JIS does not import mojibake silently', () =>
    expectFailure(importInto(utf8('会員番号,氏名,メールアドレス\n1,山田,y@example.jp\n'), { encoding: 'shift_jis' }), 'import-no-email-column'));

  it('cancelled through the AbortSignal mid-file', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `${i},名前${i},m${i}@example.jp`).join('\n');
    const path = f.write('会員番号,氏名,メール\n' + rows);
    const ac = new AbortController();
    await expectFailure(
      () =>
        f.service.importFile({
          filePath: path,
          listId,
          signal: ac.signal,
          onProgress: (p) => {
            if (p.bytesDone > p.bytesTotal / 3) ac.abort();
          },
        }),
      'import-cancelled',
    );
  });

  it('already aborted before it starts', () => {
    const ac = new AbortController();
    ac.abort();
    return expectFailure(importInto('email\na@example.jp\n', { signal: ac.signal }), 'import-cancelled');
  });
});

it('a failed first import creates no list', async () => {
  const before = f.snapshot();
  await expect(f.service.importFile({ filePath: f.write('氏名\nA\n'), listName: 'new' })).rejects.toMatchObject({
    code: 'import-no-email-column',
  });
  expect(f.snapshot()).toEqual(before);
});

it('inspect reports the same errors', async () => {
  await expect(f.service.inspectFile(f.write(''))).rejects.toMatchObject({ code: 'import-empty-file' });
  await expect(f.service.inspectBuffer(new Uint8Array(randomBytes(1000)))).rejects.toMatchObject({ code: 'import-unreadable' });
});

it('a file with too many columns', () => {
  const header = ['email', ...Array.from({ length: 1200 }, (_, i) => `c${i}`)].join(',');
  return expectFailure(importInto(`${header}\na@example.jp\n`), 'import-too-large', { columns: 1201 });
});
