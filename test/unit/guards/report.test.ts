// The report as a whole: a clean input has no findings; items are ordered by severity and
// counted; byDomain and hasBlocking tell the truth.
import { describe, expect, it } from 'vitest';
import { hasBlocking, runChecks } from '../../../shared/guards';
import { cleanInput, codes, recipients } from './build-input';

describe('runChecks', () => {
  it('finds nothing in a clean input', () => {
    const r = runChecks(cleanInput());
    expect(r.items).toEqual([]);
    expect(hasBlocking(r)).toBe(false);
    expect(r.counts).toEqual({ members: 3, domains: 3, attachments: 0, blocking: 0, warning: 0, info: 0 });
  });

  it('orders blocking before warnings and counts them', () => {
    const r = runChecks(
      cleanInput({
        recipients: recipients(['a@gmial.com', 'not-an-address', 'b@example.org']),
        approversAvailable: 0,
      }),
    );
    const sev = r.items.map((i) => i.severity);
    expect(sev).toEqual([...sev].sort((a, b) => ['blocking', 'warning', 'info'].indexOf(a) - ['blocking', 'warning', 'info'].indexOf(b)));
    expect(codes(r)).toEqual(expect.arrayContaining(['invalid-address', 'no-approver', 'typo-domain']));
    expect(r.counts.blocking).toBe(2);
    expect(r.counts.warning).toBe(1);
    expect(hasBlocking(r)).toBe(true);
  });

  it('lists domains largest first', () => {
    const r = runChecks(cleanInput({ recipients: recipients(['a@x.jp', 'b@y.jp', 'c@y.jp', 'd@z.jp', 'e@y.jp', 'f@z.jp']), previous: {} }));
    expect(r.byDomain).toEqual([
      { domain: 'y.jp', count: 3 },
      { domain: 'z.jp', count: 2 },
      { domain: 'x.jp', count: 1 },
    ]);
  });

  it('gives every item a Japanese and an English message', () => {
    const r = runChecks(
      cleanInput({
        recipients: recipients(['a@gmial.com', 'bad', 'a@gmial.com']),
        profile: null,
        attachments: [{ fileName: 'fwd.eml', bytes: 10, sha256: 'x' }],
        approversAvailable: 0,
      }),
    );
    expect(r.items.length).toBeGreaterThan(3);
    for (const i of r.items) {
      expect(i.message.ja.length).toBeGreaterThan(5);
      expect(i.message.en.length).toBeGreaterThan(5);
    }
  });
});
