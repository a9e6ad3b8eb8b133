// Property: an import never loses a valid row. For random files (random cells with commas,
// quotes, newlines, full-width characters; random invalid rows mixed in; random encoding,
// delimiter and line ending), every valid row becomes exactly one member with its own cells.
import { parseFields } from '../../../electron/db/fields';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cp932, importFixture, utf8, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeAll(() => {
  f = importFixture();
});
afterAll(() => f.cleanup());

// Cells drawn from characters that stress quoting and CP932 (all representable in CP932).
const cellChar = fc.constantFrom(...'aZ9 ,;\t"\n\r山田髙﨑①㈱～ー＠．ｱ=+-'.split(''));
const cell = fc.array(cellChar, { maxLength: 12 }).map((a) => a.join(''));
const local = fc.array(fc.constantFrom(...'abcxyz019._+-'.split('')), { minLength: 1, maxLength: 10 }).map((a) => a.join(''));
const validEmail = fc
  .tuple(local, fc.constantFrom('example.jp', 'mail.example.com', 'docomo.ne.jp'))
  .filter(([l]) => !l.startsWith('.') && !l.endsWith('.') && !l.includes('..'))
  .map(([l, d]) => `${l}@${d}`);
const invalidEmail = fc.constantFrom('', 'no-at-sign', 'a@@example.jp', 'a@localhost', '山田@example.jp');

const row = fc.record({ valid: fc.boolean(), email: validEmail, bad: invalidEmail, name: cell, note: cell, key: fc.nat(99999) });

function quote(s: string, d: string): string {
  return /[",;\t\n\r]/.test(s) || s.includes(d) ? `"${s.replace(/"/g, '""')}"` : s;
}

it('every valid row appears exactly once as a member', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(row, { minLength: 1, maxLength: 40 }),
      fc.constantFrom(',', '\t', ';'),
      fc.constantFrom('\n', '\r\n'),
      fc.constantFrom('utf-8', 'shift_jis'),
      async (rows, d, nl, encoding) => {
        fc.pre(rows.some((r) => r.valid));
        const lines = ['会員番号', '氏名', 'メールアドレス', '備考'].join(d);
        const body = rows.map((r) => [String(r.key), r.name, r.valid ? r.email : r.bad, r.note].map((c) => quote(c, d)).join(d));
        const text = [lines, ...body].join(nl) + nl;
        const bytes = encoding === 'utf-8' ? utf8(text) : cp932(text);
        const result = await f.service.importFile({ filePath: f.write(bytes), delimiter: d, encoding });
        const members = f.db
          .prepare('SELECT email, fields_json FROM members WHERE list_id = ? ORDER BY id')
          .all(result.listId) as { email: string; fields_json: string }[];
        const expected = rows.filter((r) => r.valid);
        expect(members).toHaveLength(expected.length);
        expected.forEach((r, i) => {
          expect(members[i]!.email).toBe(r.email);
          expect(parseFields(f.db, members[i]!.fields_json)).toEqual({ 会員番号: String(r.key), 氏名: r.name, メールアドレス: r.email, 備考: r.note });
        });
        expect(result.counts.accepted + result.counts.rejected).toBe(rows.length);
      },
    ),
    { numRuns: 60 },
  );
});
