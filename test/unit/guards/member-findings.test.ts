// The member findings are split from the rest of the report so they can be reused: runChecks with
// them served from a cache must give exactly the report it computes alone, for any recipients,
// and the cache must never serve findings for a recipient set other than the one asked about.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runChecks, type CheckInput, type CheckRecipient } from '../../../shared/guards';
import { addressFindings, addressView, joinMemberFindings, memberFindings, memberView, rowMarkFindings, rowMarkView } from '../../../shared/guards/member-findings';
import { createMemberFindingsCache } from '../../../electron/services/checks/member-findings-cache';
import { cleanInput, recipient } from './build-input';

// Small alphabets so look-alikes, duplicates, shared addresses and typo domains occur often.
const local = fc.constantFrom('taro', 'tar0', 'taro.k', 'hanako', 'hanak0', 'kimura', 'kirnura', 'sato', 'info');
const domain = fc.constantFrom('gmail.com', 'gmial.com', 'docomo.ne.jp', 'docomo.ne.jo', 'corp.co.jp', 'example.org');
const name = fc.constantFrom('佐藤 花子', '佐藤　花子', 'Kato Ichiro', 'kato ichiro', 'Bcc: x', 'Ito\nJiro', '木村');
const change = fc.constantFrom(null, 'new', 'email-changed', 'name-changed') as fc.Arbitrary<CheckRecipient['change']>;
const row = fc.record({ local, domain, name, change, edited: fc.option(fc.constantFrom('佐藤', '鈴木'), { nil: undefined }), district: fc.constantFrom('', 'D1') });
const rows = fc.array(row, { maxLength: 40 });

type Row = typeof row extends fc.Arbitrary<infer T> ? T : never;

function input(rs: readonly Row[], over: Partial<CheckInput> = {}): CheckInput {
  return cleanInput({
    template: { subject: '{{district}} notice', body: '{{name}} 様\n\n{{district|your district}}' },
    columns: ['email', 'name', 'district'],
    recipients: rs.map((r, i) =>
      recipient(i + 1, `${r.local}@${r.domain}`, r.name, { change: r.change, fields: { district: r.district }, ...(r.edited ? { editedBy: r.edited } : {}) }),
    ),
    ...over,
  });
}

describe('member findings from a cache', () => {
  it('give the same report as computing them, across a sequence of changed recipient sets', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(rows, fc.boolean(), fc.constantFrom([], ['taro@gmail.com'])), { minLength: 1, maxLength: 6 }), (steps) => {
        const cache = createMemberFindingsCache(2);
        for (const [rs, orgs, shared] of steps) {
          const i = input(rs, {
            sharedAddresses: shared,
            policy: { organisationAddress: 'info@tayori-town.jp', recipientsAreOrganisations: orgs, ...(orgs ? { organisationDomains: ['corp.co.jp'] } : {}) },
          });
          expect(runChecks(i, cache.findingsFor)).toEqual(runChecks(i));
          // Asked again (a hit), the report is still the same and shares no objects with the last one.
          const a = runChecks(i, cache.findingsFor);
          const b = runChecks(i, cache.findingsFor);
          expect(b).toEqual(runChecks(i));
          a.items.forEach((item, n) => expect(b.items[n]).not.toBe(item));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('are reused when only the notice changes, and recomputed when any member property does', () => {
    const cache = createMemberFindingsCache(100);
    const base = input([
      { local: 'taro', domain: 'gmail.com', name: '佐藤 花子', change: null, edited: undefined, district: 'D1' },
      { local: 'tar0', domain: 'gmail.com', name: 'Kato Ichiro', change: 'email-changed', edited: '鈴木', district: '' },
    ]);
    const first = cache.findingsFor(memberView(base));
    // Template, fields, attachments, sender: not part of the view, the same findings serve.
    const notice = { ...base, template: { subject: 'x', body: 'y' }, recipients: base.recipients.map((r) => ({ ...r, fields: { other: '1' } })), attachments: [] };
    expect(cache.findingsFor(memberView(notice))).toBe(first);
    const edits: ((r: CheckRecipient) => CheckRecipient)[] = [
      (r) => ({ ...r, id: r.id + 100 }),
      (r) => ({ ...r, email: `${r.email}x` }),
      (r) => ({ ...r, name: `${r.name}x` }),
      (r) => ({ ...r, change: 'new' }),
      (r) => ({ ...r, line: (r.line ?? 0) + 1 }),
      (r) => ({ ...r, editedBy: '田中' }),
    ];
    for (const edit of edits) {
      const changed = { ...base, recipients: base.recipients.map(edit) };
      const found = cache.findingsFor(memberView(changed));
      expect(found).not.toBe(first);
      expect(runChecks(changed, cache.findingsFor)).toEqual(runChecks(changed));
    }
    for (const over of [{ sharedAddresses: ['taro@gmail.com'] }, { policy: { recipientsAreOrganisations: true } }, { policy: { organisationDomains: ['gmail.com'] } }, { recipients: base.recipients.slice(1) }]) {
      const changed = { ...base, ...over };
      expect(cache.findingsFor(memberView(changed))).not.toBe(first);
      expect(runChecks(changed, cache.findingsFor)).toEqual(runChecks(changed));
    }
  });

  it('in two parts, each given only what it reads, are exactly the findings of the whole view', () => {
    // The check service computes and keeps the address part and the row-mark part apart; joined
    // they must be memberFindings of the full view for any rows (marks, lines, editors, shared
    // addresses and policy varied), or a rule reads something its part's view leaves out.
    fc.assert(
      fc.property(rows, fc.boolean(), fc.constantFrom([], ['taro@gmail.com', 'hanako@docomo.ne.jp']), fc.array(fc.nat(50), { maxLength: 40 }), (rs, orgs, shared, lines) => {
        const i = input(rs, { sharedAddresses: shared, policy: { recipientsAreOrganisations: orgs, ...(orgs ? { organisationDomains: ['corp.co.jp'] } : {}) } });
        const withLines = { ...i, recipients: i.recipients.map((r, n) => (lines[n] === undefined ? r : lines[n] === 0 ? { ...r, line: undefined } : { ...r, line: lines[n] })) };
        const whole = memberFindings(memberView(withLines));
        expect(joinMemberFindings(addressFindings(addressView(withLines)), rowMarkFindings(rowMarkView(withLines)))).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });

  it('keep the address part when only row marks change (a member edited in the app records its editor)', () => {
    const cache = createMemberFindingsCache();
    const base = input([
      { local: 'taro', domain: 'gmail.com', name: '佐藤 花子', change: null, edited: undefined, district: 'D1' },
      { local: 'tar0', domain: 'gmail.com', name: 'Kato Ichiro', change: 'email-changed', edited: undefined, district: '' },
      { local: 'taro', domain: 'gmial.com', name: 'Kato Ichiro', change: null, edited: undefined, district: '' },
    ]);
    const first = cache.findingsFor(base);
    expect(first.lookalike.length).toBeGreaterThan(0);
    for (const edit of [(r: CheckRecipient) => ({ ...r, editedBy: '鈴木' }), (r: CheckRecipient) => ({ ...r, change: 'name-changed' as const, line: 99 })]) {
      const changed = { ...base, recipients: base.recipients.map((r, n) => (n === 1 ? edit(r) : r)) };
      const found = cache.findingsFor(changed);
      // The address part is the very object computed before; the row marks are computed again.
      expect(found.lookalike).toBe(first.lookalike);
      expect(found.duplicate).toBe(first.duplicate);
      expect(found.typoDomain).toBe(first.typoDomain);
      expect(found.changes).not.toBe(first.changes);
      expect(found).toEqual(memberFindings(memberView(changed)));
    }
  });
});
