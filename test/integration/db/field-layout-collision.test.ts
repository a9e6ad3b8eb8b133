// A field layout's id is a 48-bit hash of its names (field-layout-id.ts), so a file's author could
// craft two headers with one id. Storing the second is refused while the first is stored; and a
// layout this connection read inside a transaction that was rolled back (a refused request) must
// not be what it reads once a colliding layout is stored in its place (found by review: the
// cache kept the rolled-back names, and values were read under the wrong columns).
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseFields, registerLayout } from '../../../electron/db/fields';
import { tempDb } from '../../helpers/tmp';

// Every list of names gets the same id: a collision on demand.
vi.mock('../../../electron/db/field-layout-id', () => ({ layoutIdOf: () => 'c011151011c0' }));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0)) await c();
});

describe('a layout id shared by two lists of names', () => {
  it('is refused while the first is stored', () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    registerLayout(db, ['口座番号', '氏名']);
    expect(() => registerLayout(db, ['氏名', '口座番号'])).toThrow(/same layout id/);
    expect(registerLayout(db, ['口座番号', '氏名'])).toBe('c011151011c0');
  });

  it('reads the stored one after a rolled-back read of the other', () => {
    const { db, cleanup } = tempDb();
    cleanups.push(cleanup);
    const row = JSON.stringify(['c011151011c0', 'A', 'B']);
    try {
      db.transaction(() => {
        registerLayout(db, ['口座番号', '氏名']);
        expect(parseFields(db, row)).toEqual({ 口座番号: 'A', 氏名: 'B' });
        throw new Error('refused');
      })();
    } catch (e) {
      expect((e as Error).message).toBe('refused');
    }
    registerLayout(db, ['氏名', '口座番号']);
    expect(parseFields(db, row)).toEqual({ 氏名: 'A', 口座番号: 'B' });
  });
});
