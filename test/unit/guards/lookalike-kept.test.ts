// findLookalikes keeps each domain's links by the domain's addresses (lookalike-index.ts), so a
// check after an address edit computes again only the domains the address left and joined. On
// lists with domains of every size the index treats differently (pairwise up to 64 addresses,
// two deletions up to 1,000, one above), edited again and again, the result with kept links must
// be exactly the result computed with nothing kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findLookalikes } from '../../../shared/guards/lookalike-index';

const SYLLABLES = ['ka', 'ki', 'ta', 'to', 'na', 'no', 'ma', 'mi', 'ya', 'rn', 'sa', 'shi', 'ha', 'hi', 'ra', 'ri', '0', '1'];
const DOMAINS: [string, number][] = [['big.jp', 1200], ['mid.jp', 300], ['small.jp', 40], ['gmial.com', 3], ['gmail.com', 30]];

function list(seed: number): string[] {
  let a = seed;
  const rnd = () => {
    a = (a * 1103515245 + 12345) >>> 0;
    return a / 4294967296;
  };
  const out: string[] = [];
  for (const [domain, n] of DOMAINS) {
    for (let i = 0; i < n; i++) {
      let local = '';
      for (let k = 0; k < 3 + Math.floor(rnd() * 3); k++) local += SYLLABLES[Math.floor(rnd() * SYLLABLES.length)];
      out.push(`${local}@${domain}`);
    }
  }
  // Domains interleaved, as in a real list: their first addresses decide their order.
  return out.sort(() => rnd() - 0.5);
}

describe('findLookalikes with kept links', () => {
  it('gives what it computes with nothing kept, across edits of addresses', () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.array(fc.record({ at: fc.nat(1572), to: fc.nat(1572), domain: fc.constantFrom('big.jp', 'mid.jp', 'small.jp', 'gmial.com', 'new.jp') }), { minLength: 1, maxLength: 4 }),
        (seed, edits) => {
          const emails = list(seed);
          expect(findLookalikes(emails)).toEqual(findLookalikes(emails, new Map()));
          for (const e of edits) {
            const other = emails[e.to]!;
            emails[e.at] = `${other.slice(0, other.lastIndexOf('@'))}x@${e.domain}`;
            expect(findLookalikes(emails)).toEqual(findLookalikes(emails, new Map()));
          }
        },
      ),
      { numRuns: 15 },
    );
  });

  it('reuses a domain whose addresses are unchanged', () => {
    const kept = new Map();
    const emails = list(7);
    const first = findLookalikes(emails, kept);
    const size = kept.size;
    expect(size).toBeGreaterThan(2);
    expect(findLookalikes(emails, kept)).toEqual(first);
    expect(kept.size).toBe(size);
    // One address moved from one domain to another: those two domains are computed again.
    const at = emails.findIndex((x) => x.endsWith('@small.jp'));
    emails[at] = `zq${emails[at]!.replace('@small.jp', '@mid.jp')}`;
    findLookalikes(emails, kept);
    expect(kept.size).toBe(size + 2);
  });
});
