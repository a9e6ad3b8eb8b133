// A row's fields JSON crosses from the parser as UTF-8 bytes and is stored with CAST(? AS TEXT)
// (row-batch.ts, import-rows-repo.ts). Whatever the cells and column names (quotes, backslashes,
// Japanese, half-width kana, emoji, line separators, cells quoted or not), inline or in the
// worker, into a new list or staged into an existing one: every member's fields_json is text,
// valid JSON, and byte for byte what JSON.stringify makes of its cells.
import { layoutIdOf } from '../../../electron/db/field-layout-id';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createImportService } from '../../../electron/services/import';
import { importFixture, type ImportFixture } from './import-fixture';

let f: ImportFixture;
beforeEach(() => (f = importFixture()));
afterEach(() => f.cleanup());

const TOKENS = ['a', 'Z', ' ', '"', '\\', '/', ',', '山田', '髙﨑', 'ｱｲ', '①', '～', '😀', '\u2028', 'é', '\u3000', '{}', '[1]', '\n'];
const text = fc.array(fc.constantFrom(...TOKENS), { maxLength: 6 }).map((t) => t.join(''));
const quote = (s: string): string => (/[",\n\r]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s);

const toCsv = (columns: string[], rows: string[][]): string => [columns, ...rows].map((cells) => cells.map(quote).join(',')).join('\r\n');

/** The fields JSON as the import writes it: the layout's id, then each cell in file order (migration 0017). */
const fieldsJson = (columns: string[], cells: string[]): string => JSON.stringify([layoutIdOf(columns), ...columns.map((_, i) => cells[i])]);

describe('fields JSON stored from UTF-8 bytes', () => {
  for (const parseThread of ['never', 'always'] as const) {
    it(`is the cells' JSON text exactly (parser ${parseThread === 'always' ? 'in the worker' : 'inline'}, new list and re-import)`, { timeout: 120_000 }, async () => {
      const service = createImportService({ db: f.db, clock: f.clock, parseThread });
      await fc.assert(
        fc.asyncProperty(
          fc.array(text, { minLength: 1, maxLength: 3 }),
          fc.array(fc.array(text, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 25 }),
          async (extraNames, rows) => {
            // Distinct names that no trimming or numbering changes; the address column is plain.
            const columns = ['メールアドレス', ...extraNames.map((n, i) => `列${i}:${n.trim() || 'x'}`)];
            const body = rows.map((cells, r) => [`m${r}@example.jp`, ...cells.slice(0, columns.length - 1)]);
            for (const cells of body) while (cells.length < columns.length) cells.push('');
            const csv = toCsv(columns, body);

            const first = await service.importFile({ filePath: f.write(csv) });
            const read = () =>
              f.db
                .prepare('SELECT typeof(fields_json) AS t, json_valid(fields_json) AS ok, fields_json AS json FROM members WHERE list_id = ? ORDER BY line')
                .all(first.listId) as Array<{ t: string; ok: number; json: string }>;
            expect(read()).toEqual(body.map((cells) => ({ t: 'text', ok: 1, json: fieldsJson(columns, cells) })));

            // Into that list again, each address with the next row's other cells: the rows go
            // through the TEMP stage and the changed ones replace the members' fields.
            const moved = body.map((cells, r) => [cells[0]!, ...body[(r + 1) % body.length]!.slice(1)]);
            const again = await service.importFile({ filePath: f.write(toCsv(columns, moved)), listId: first.listId });
            expect(again.counts.accepted).toBe(body.length);
            expect(read()).toEqual(moved.map((cells) => ({ t: 'text', ok: 1, json: fieldsJson(columns, cells) })));
          },
        ),
        { numRuns: parseThread === 'always' ? 12 : 40 },
      );
    });
  }
});
