// The address part of the member findings kept as groups and patched row by row (address-index.ts)
// must give exactly what addressFindings computes from the rows with nothing kept: on generated
// lists with shared addresses, identical rows, one name on several addresses, typo and look-alike
// domains, carriers, invalid addresses and both policies, after every step of a random sequence of
// address and name edits, exclusions (a row leaves) and inclusions (a row comes back).
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { AddressIndex, addressFindings, addressView, type CheckRecipient } from '../../../shared/guards';
import { LookalikeLinks } from '../../../shared/guards/lookalike-links';

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

describe('AddressIndex on a domain linked by one-deletion variants (over 1,000 addresses)', () => {
  const SYL = ['ka', 'ki', 'ta', 'to', 'na', 'no', 'ma', 'mi', 'ya', 'rn', 'sa', 'shi', 'ha', 'hi', 'ra', 'ri', '0', '1'];
  function big(seed: number): CheckRecipient[] {
    let a = seed;
    const rnd = () => {
      a = (a * 1103515245 + 12345) >>> 0;
      return a / 4294967296;
    };
    return Array.from({ length: 1150 }, (_, i) => {
      let local = '';
      for (let k = 0; k < 3 + Math.floor(rnd() * 3); k++) local += SYL[Math.floor(rnd() * SYL.length)];
      return { id: i + 1, email: `${local}@${rnd() < 0.95 ? 'big.jp' : 'other.jp'}`, name: `n${i % 700}`, fields: {} };
    });
  }
  it('patches the domain when the addresses that came and went link nothing, and links it again otherwise: the findings are addressFindings', () => {
    const patched = vi.spyOn(LookalikeLinks.prototype, 'patchDomain');
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.array(
          fc.record({
            at: fc.nat(1149),
            // A fresh local part (most share no variant with any other), or a near copy of another member's.
            local: fc.oneof(fc.stringMatching(/^[qwxz]{6,9}$/), fc.nat(1149).map((n) => `~${n}`)),
            domain: fc.constantFrom('big.jp', 'big.jp', 'other.jp'),
            exclude: fc.nat(5).map((n) => n === 0),
          }),
          { minLength: 1, maxLength: 6 },
        ),
        (seed, steps) => {
          let rows = big(seed);
          const left = new Set<number>();
          const current = () => frozen(rows.filter((r) => !left.has(r.id)));
          const index = AddressIndex.build(addressView({ recipients: current(), policy: {} }))!;
          for (const st of steps) {
            const id = st.at + 1;
            if (st.exclude) {
              if (left.has(id)) left.delete(id);
              else left.add(id);
            } else {
              const other = rows[Number(st.local.slice(1)) || 0]!.email;
              const local = st.local.startsWith('~') ? `${other.slice(0, other.lastIndexOf('@'))}x` : st.local;
              rows = rows.map((r) => (r.id === id ? { ...r, email: `${local}@${st.domain}` } : r));
            }
            expect(index.update(current(), 256)).toBe(true);
            expect(index.findings()).toEqual(addressFindings(addressView({ recipients: current(), policy: {} })));
          }
        },
      ),
      { numRuns: 25 },
    );
    // Both ways were taken.
    expect(patched.mock.results.some((r) => r.value === true)).toBe(true);
    expect(patched.mock.results.some((r) => r.value === false)).toBe(true);
    patched.mockRestore();
  });
});

describe('AddressIndex, a large domain patched', () => {
  it('moves the domain behind another in the examples when its first address leaves', () => {
    const patched = vi.spyOn(LookalikeLinks.prototype, 'patchDomain');
    // 1,100 distinct addresses on big.jp that look alike to none other (numbered apart by 3+ edits).
    const filler = Array.from({ length: 1100 }, (_, i) => `member${String(i).padStart(4, '0').replace(/./g, (d) => 'qwxzvbnmpj'[Number(d)]!.repeat(2))}@big.jp`);
    const emails = ['zzqqxxwwyy@big.jp', 'hanako@s.jp', 'hanak0@s.jp', 'kimura.taro@big.jp', 'kirnura.taro@big.jp', ...filler];
    const rows = (list: string[]) => frozen(list.map((email, i) => ({ id: i + 1, email, name: `n${i}`, fields: {} })));
    const index = AddressIndex.build(addressView({ recipients: rows(emails), policy: {} }))!;
    const before = index.findings().lookalike[0]!.params['examples'];
    expect(String(before).startsWith('kimura.taro@big.jp')).toBe(true);
    const moved = rows(['zzqqxxwwyy@elsewhere.jp', ...emails.slice(1)]);
    expect(index.update(moved, 10)).toBe(true);
    // big.jp patched (elsewhere.jp, a new domain, is linked).
    expect(patched.mock.calls.map((c, i) => [c[0], patched.mock.results[i]!.value])).toContainEqual(['big.jp', true]);
    const after = index.findings();
    expect(after).toEqual(addressFindings(addressView({ recipients: moved, policy: {} })));
    expect(String(after.lookalike[0]!.params['examples']).startsWith('hanako@s.jp')).toBe(true);
    patched.mockRestore();
  });
});
