// member-findings-cache.ts hashes a frozen array of frozen rows once (the draft recipients kept
// across edits of the notice); the key still covers the whole view: a change of policy or shared
// addresses misses, an equal view in another array hits, and an unfrozen array is hashed each time.
import { describe, expect, it } from 'vitest';
import type { CheckRecipient } from '../../../shared/guards';
import { createMemberFindingsCache } from '../../../electron/services/checks/member-findings-cache';

const rows = (emails: string[]): CheckRecipient[] => emails.map((email, i) => ({ id: i + 1, email, name: `会員 ${i}`, fields: {} }));
const frozen = (r: CheckRecipient[]): readonly CheckRecipient[] => Object.freeze(r.map((x) => Object.freeze(x)));

describe('member findings of frozen rows', () => {
  it('are reused for an equal view and computed again for any other', () => {
    const cache = createMemberFindingsCache();
    const a = frozen(rows(['a@example.jp', 'a@example.jp', 'b@exmaple.jp']));
    const first = cache.findingsFor({ recipients: a, policy: {} });
    expect(cache.findingsFor({ recipients: a, policy: {} })).toBe(first);
    // The same rows in another array, frozen or not (the frozen snapshot of the draft just
    // checked), give the same view, hence the same findings.
    expect(cache.findingsFor({ recipients: frozen(rows(['a@example.jp', 'a@example.jp', 'b@exmaple.jp'])), policy: {} })).toBe(first);
    expect(cache.findingsFor({ recipients: rows(['a@example.jp', 'a@example.jp', 'b@exmaple.jp']), policy: {} })).toBe(first);
    // The policy and the shared addresses are part of the key, the rows' hash kept or not.
    expect(cache.findingsFor({ recipients: a, policy: { recipientsAreOrganisations: true } })).not.toBe(first);
    const shared = cache.findingsFor({ recipients: a, policy: {}, sharedAddresses: ['a@example.jp'] });
    expect(shared).not.toBe(first);
    expect(shared.duplicate).not.toEqual(first.duplicate);
    // Different rows, different findings.
    const other = cache.findingsFor({ recipients: frozen(rows(['a@example.jp', 'c@example.jp', 'b@example.jp'])), policy: {} });
    expect(other.duplicate).not.toEqual(first.duplicate);
  });

  it('of an unfrozen array are looked up by its rows as they are now', () => {
    const cache = createMemberFindingsCache();
    const r = rows(['a@example.jp', 'b@example.jp']);
    const first = cache.findingsFor({ recipients: r, policy: {} });
    r.push({ id: 3, email: 'a@example.jp', name: '会員 0', fields: {} });
    expect(cache.findingsFor({ recipients: r, policy: {} }).duplicate).not.toEqual(first.duplicate);
  });
});
