// memoFieldPicker (electron/services/checks/picked-fields-memo.ts): a row's picked fields are
// reused from the last read with the same field names when its JSON text is the same, and are
// exactly what parsing the text gives; other names or another text are parsed afresh.
import { describe, expect, it } from 'vitest';
import { memoFieldPicker } from '../../../electron/services/checks/picked-fields-memo';
import { fieldPicker } from '../../../electron/services/checks/recipient-fields';

const text = (name: string, room: string) => JSON.stringify({ email: `${name}@example.jp`, name, room, note: 'x' });

describe('memoFieldPicker', () => {
  it('reuses the record of an equal text from the last read, and parses any other', () => {
    const names = ['name', 'room'];
    const first = memoFieldPicker(names);
    const a = first.pick(text('aoki', '101'));
    const b = first.pick(text('baba', '102'));
    first.done();
    // The next read: an unchanged row gets the very record, an edited one a fresh parse.
    const second = memoFieldPicker(names);
    expect(second.pick(text('aoki', '101'))).toBe(a);
    const edited = second.pick(text('baba', '999'));
    expect(edited).not.toBe(b);
    expect(edited).toEqual(fieldPicker(names)(text('baba', '999')));
    second.done();
    // Only the texts the last read met are kept: 'baba' 102 was not met by the second read.
    const third = memoFieldPicker(names);
    expect(third.pick(text('baba', '102'))).not.toBe(b);
    expect(third.pick(text('aoki', '101'))).toBe(a);
    // Other names (or the same in another order: the record lists them in order) parse afresh.
    const other = memoFieldPicker(['room', 'name']);
    const reordered = other.pick(text('aoki', '101'));
    expect(reordered).not.toBe(a);
    expect(Object.keys(reordered)).toEqual(['room', 'name']);
  });

  it('gives frozen records equal to a parse, and still fails on a damaged text', () => {
    const p = memoFieldPicker(['name', 'missing']);
    const r = p.pick(text('chiba', '1'));
    expect(r).toEqual({ name: 'chiba' });
    expect(Object.isFrozen(r)).toBe(true);
    expect(() => p.pick('{"name": ')).toThrow();
    p.done();
    expect(() => memoFieldPicker(['name', 'missing']).pick('{"name": ')).toThrow();
  });
});
