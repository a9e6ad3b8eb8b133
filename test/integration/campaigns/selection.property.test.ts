// The SQL that selects a notice's recipients means exactly what shared/recipients says a selection
// means, for any cells and any selection (fast-check), on a real SQLite file.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countRecipients, iterateRecipients } from '../../../electron/db/repos/recipients-query';
import { memberRef, selectionMatches, type Selection } from '../../../shared/recipients';
import { tempDb } from '../../helpers/tmp';
import { seedCampaign } from '../checks/seed';

// Cells that tempt trimming and quoting bugs: full-width spaces, tabs, quotes, backslashes.
const CELLS = ['A', 'B', ' A', 'A\u3000', 'a', '', '理事', '理事長', '"x"', 'c\\d', 'A B'];
const COLUMNS = ['棟', '役職', 'a"b', 'x\\y'];

const cell = fc.constantFrom(...CELLS);
const member = fc.record({ 棟: cell, 役職: cell, 'a"b': cell, 'x\\y': cell });
const condition = fc.record({
  column: fc.constantFrom(...COLUMNS),
  op: fc.constantFrom('equals', 'one-of', 'contains', 'empty', 'not-empty' as const),
  values: fc.array(cell, { minLength: 0, maxLength: 3 }),
});

let t: ReturnType<typeof tempDb>;
beforeAll(() => {
  t = tempDb();
});
afterAll(() => t.cleanup());

describe('recipient selection in SQL', () => {
  it('selects the same members as the shared matcher, for any cells and selection', () => {
    fc.assert(
      fc.property(
        fc.array(member, { minLength: 1, maxLength: 12 }),
        fc.oneof(
          fc.record({ kind: fc.constant('conditions' as const), match: fc.constantFrom('all' as const, 'any' as const), conditions: fc.array(condition, { maxLength: 3 }) }),
          fc.record({ kind: fc.constant('picked' as const), refs: fc.array(fc.integer({ min: 0, max: 12 }).map((i) => `e:m${i}@x.example`), { minLength: 1, maxLength: 4 }) }),
          fc.constant({ kind: 'all' as const, exclude: ['e:m0@x.example'] }),
        ),
        (rows, selection: Selection) => {
          t.db.exec('DELETE FROM snapshots; DELETE FROM campaigns; DELETE FROM members; DELETE FROM imports; DELETE FROM lists; DELETE FROM users; DELETE FROM smtp_profiles');
          const members = rows.map((fields, i) => ({ email: `m${i}@x.example`, name: `n${i}`, fields }));
          const { listId } = seedCampaign(t.db, { members, columns: ['email', 'name', ...COLUMNS] });
          const expected = members
            .filter((m) => selectionMatches(selection, { key: null, email: m.email, fields: { email: m.email, name: m.name, ...m.fields } }))
            .map((m) => m.email);
          const got = [...iterateRecipients(t.db, listId, selection)].map((r) => r.email);
          expect(got).toEqual(expected);
          expect(countRecipients(t.db, listId, selection).count).toBe(expected.length);
          for (const r of iterateRecipients(t.db, listId, selection)) expect(r.ref).toBe(memberRef({ key: null, email: r.email }));
        },
      ),
      { numRuns: 150 },
    );
  });
});
