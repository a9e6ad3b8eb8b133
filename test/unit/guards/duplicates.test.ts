// Same address on several rows (with different or the same names) and one name with several addresses.
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/guards';
import { cleanInput, recipients } from './build-input';

const find = (r: ReturnType<typeof runChecks>, code: string) => r.items.find((i) => i.code === code);

describe('duplicates', () => {
  it('blocks one address on rows with different names (one would get the other’s name)', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['a@x.jp', 'b@x.jp', 'A@x.jp'], ['佐藤 花子', '鈴木 一郎', '田中 次郎']) }));
    const i = find(r, 'same-address-different-names')!;
    expect(i.severity).toBe('blocking');
    expect(i.members).toEqual([1, 3]);
    expect(i.params.examples).toContain('佐藤 花子 / 田中 次郎');
  });

  it('lets an address marked as shared through, shown to the approver as a warning', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['a@x.jp', 'b@x.jp', 'A@x.jp'], ['佐藤 花子', '鈴木 一郎', '田中 次郎']), sharedAddresses: ['A@X.jp'] }));
    expect(find(r, 'same-address-different-names')).toBeUndefined();
    expect(find(r, 'shared-address')).toMatchObject({ severity: 'warning', members: [1, 3] });
  });

  it('warns about an exact duplicate row (the person would get two mails)', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['a@x.jp', 'a@x.jp'], ['佐藤　花子', '佐藤 花子']) }));
    expect(find(r, 'duplicate-address')!.members).toEqual([1, 2]);
    expect(find(r, 'same-address-different-names')).toBeUndefined();
  });

  it('warns when one name has several addresses', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['a@x.jp', 'b@y.jp', 'c@z.jp'], ['山田 太郎', '山田　太郎', '鈴木 一郎']) }));
    const i = find(r, 'name-several-addresses')!;
    expect(i.members).toEqual([1, 2]);
  });

  it('ignores empty names', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['a@x.jp', 'b@y.jp'], ['', ' ']) }));
    expect(find(r, 'name-several-addresses')).toBeUndefined();
  });
});

describe('one name on hundreds of addresses', () => {
  it('names the count of rows and the first few addresses, not all of them', () => {
    const emails = Array.from({ length: 600 }, (_, i) => `yamada${i}@x${i}.jp`);
    const r = runChecks(cleanInput({ recipients: recipients(emails, emails.map(() => '山田 太郎')) }));
    const i = find(r, 'name-several-addresses')!;
    expect(i.message.ja).toContain('600 行');
    expect(i.message.en).toContain('600 rows');
    expect(i.message.ja).toContain('(+597)');
    expect(i.message.ja).not.toContain('yamada10@');
    expect(i.message.ja.length).toBeLessThan(300);
  });
});
