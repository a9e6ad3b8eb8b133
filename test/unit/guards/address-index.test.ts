// The address part of the member findings kept as groups and patched row by row (address-index.ts)
// must give exactly what addressFindings computes from the rows with nothing kept: on generated
// lists with shared addresses, identical rows, one name on several addresses, typo and look-alike
// domains, carriers, invalid addresses and both policies, after every step of a random sequence of
// address and name edits, exclusions (a row leaves) and inclusions (a row comes back).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AddressIndex, addressFindings, addressView, type CheckRecipient } from '../../../shared/guards';

const LOCALS = ['taro', 'tar0', 'hanako', 'hanak0', 'jiro.s', 'jiros', 'kirnura', 'kimura', 'info', 'a..b', 'x'];
const DOMAINS = ['gmail.com', 'gmial.com', 'docomo.ne.jp', 'docomo.ne.jo', 'corp.co.jp', 'c0rp.co.jp', 'town.lg.jp', 'ezweb.ne.jp', 'yahoo.co.jp', ''];
const NAMES = ['青木 太郎', '青木　太郎', 'Aoki Taro', '馬場', '', '千葉 花子'];

const email = fc.oneof(
  { weight: 9, arbitrary: fc.tuple(fc.constantFrom(...LOCALS), fc.constantFrom(...DOMAINS), fc.boolean()).map(([l, d, upper]) => (upper ? ` ${l.toUpperCase()}@${d} ` : `${l}@${d}`)) },
  { weight: 2, arbitrary: fc.constantFrom('no-at-sign', 'taro@', '@gmail.com', 'a@b@gmail.com') },
);
const row = fc.record({ email, name: fc.constantFrom(...NAMES) });
const step = fc.record({
  kind: fc.constantFrom('address', 'address', 'name', 'exclude', 'include'),
  at: fc.nat(),
  email,
  name: fc.constantFrom(...NAMES),
});
const settings = fc.record({
  sharedAddresses: fc.subarray(['taro@gmail.com', 'HANAKO@corp.co.jp', 'info@town.lg.jp']),
  policy: fc.record({ organisationDomains: fc.constantFrom([], ['town.lg.jp'], ['corp.co.jp', 'Town.LG.jp ']), recipientsAreOrganisations: fc.boolean() }),
});

const frozen = (rows: CheckRecipient[]): readonly CheckRecipient[] => Object.freeze(rows.map((r) => Object.freeze(r)));

describe('AddressIndex', () => {
  it('gives addressFindings of the rows after every edit, exclusion and inclusion', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 0, maxLength: 60 }), fc.array(step, { minLength: 1, maxLength: 25 }), settings, (initial, steps, s) => {
        // Ids rise with the list, with gaps, as members' ids do.
        let all: CheckRecipient[] = initial.map((r, i) => ({ id: 3 * i + 1, email: r.email, name: r.name, fields: {} }));
        const left = new Set<number>();
        const current = () => frozen(all.filter((r) => !left.has(r.id)));
        const view = (recipients: readonly CheckRecipient[]) => ({ recipients, sharedAddresses: s.sharedAddresses, policy: s.policy });
        const index = AddressIndex.build(addressView(view(current())))!;
        expect(index.findings()).toEqual(addressFindings(addressView(view(current()))));
        for (const st of steps) {
          if (st.kind === 'include') {
            const back = [...left];
            if (back.length) left.delete(back[st.at % back.length]!);
            else all = [...all, { id: (all.at(-1)?.id ?? 0) + 2, email: st.email, name: st.name, fields: {} }];
          } else if (all.length) {
            const target = all[st.at % all.length]!;
            if (st.kind === 'exclude') left.add(target.id);
            else all = all.map((r) => (r.id !== target.id ? r : st.kind === 'address' ? { ...r, email: st.email } : { ...r, name: st.name }));
          }
          const rows = current();
          expect(index.update(rows, 256)).toBe(true);
          expect(index.findings()).toEqual(addressFindings(addressView(view(rows))));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('refuses rows whose ids do not rise, and more changed rows than allowed', () => {
    const rows = (ids: number[], at = 'x') => frozen(ids.map((id) => ({ id, email: `${at}${id}@gmail.com`, name: 'n', fields: {} })));
    expect(AddressIndex.build(addressView({ recipients: rows([1, 3, 2]), policy: {} }))).toBeNull();
    const index = AddressIndex.build(addressView({ recipients: rows([1, 2, 3]), policy: {} }))!;
    expect(index.update(rows([1, 3, 2]), 10)).toBe(false);
    expect(index.update(rows([1, 2, 3], 'y'), 2)).toBe(false);
    // Refused: the index is as it was, and still patches from there.
    expect(index.update(rows([1, 2, 3, 4]), 2)).toBe(true);
    expect(index.findings()).toEqual(addressFindings(addressView({ recipients: rows([1, 2, 3, 4]), policy: {} })));
  });
});
