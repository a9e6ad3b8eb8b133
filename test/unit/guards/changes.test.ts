// Rows changed since the previous import: new and changed addresses, moved names, and a shift.
import { describe, expect, it } from 'vitest';
import { runChecks, type CheckRecipient } from '../../../shared/guards';
import { cleanInput, codes, recipient } from './build-input';

const list = (changes: CheckRecipient['change'][]) => changes.map((c, i) => recipient(i + 1, `m${i}@town${i}.jp`, `Name ${i}`, { change: c }));

describe('changes since the previous import', () => {
  it('warns about a changed address and names the member', () => {
    const r = runChecks(cleanInput({ recipients: list([null, 'email-changed', null, null]), previous: {} }));
    const i = r.items.find((x) => x.code === 'address-changed')!;
    expect(i.severity).toBe('warning');
    expect(i.members).toEqual([2]);
  });

  it('warns about new addresses, but only notes a first import', () => {
    expect(codes(runChecks(cleanInput({ recipients: list([null, 'new', null]), previous: {} })))).toContain('address-new');
    const first = runChecks(cleanInput({ recipients: list(['new', 'new', 'new']), previous: {} }));
    expect(first.items.map((i) => [i.code, i.severity])).toEqual([['addresses-all-new', 'info']]);
  });

  it('warns about a name that moved to another address', () => {
    const r = runChecks(cleanInput({ recipients: list([null, null, null, null, null, null, null, null, null, 'name-changed']), previous: {} }));
    expect(codes(r)).toEqual(['name-changed']);
  });

  it('suspects a shifted column when many names moved at once', () => {
    const r = runChecks(cleanInput({ recipients: list(['name-changed', 'name-changed', 'name-changed', null, 'name-changed']), previous: {} }));
    const i = r.items.find((x) => x.code === 'list-shift-suspected')!;
    expect(i.params).toMatchObject({ moved: 4, total: 5 });
    expect(codes(r)).not.toContain('name-changed');
  });
});
