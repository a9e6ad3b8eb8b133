// Pairs addresses with the same local part whose domains are a typo apart, such as
// taro.tanaka@gmial.com and taro.tanaka@gmail.com on one list: one of them is probably the same
// person's address mistyped. The per-domain look-alike index never compares across domains.
import { COMMON_DOMAINS, KNOWN_REAL_DOMAINS } from './domain-lists';
import { osaDistance } from './edit-distance';
import { EXAMPLE_CAP } from './item';
import type { UnionFind } from './union-find';

const KNOWN = new Set([...COMMON_DOMAINS, ...KNOWN_REAL_DOMAINS]);

/**
 * A local part on more domains than this is a role name (info@, office@) used by many
 * organisations; comparing all its domains pairwise would cost much and mean little.
 */
export const MAX_DOMAINS_PER_LOCAL = 64;

/** Two domains close enough to be a typo of each other: one edit, two for longer names. */
export function domainsLookAlike(a: string, b: string): boolean {
  if (a === b || (KNOWN.has(a) && KNOWN.has(b))) return false;
  const max = Math.min(a.length, b.length) >= 7 ? 2 : 1;
  return osaDistance(a, b, max) <= max;
}

/**
 * Links, in `uf`, the distinct addresses (indices into `unique`) that share a local part and
 * differ only by a look-alike domain; records up to EXAMPLE_CAP pairs in `examples`.
 * Returns true when it linked any.
 */
export function linkDomainTwins(unique: readonly string[], uf: UnionFind, examples: [string, string][]): boolean {
  // Local part -> its first address, and the addresses of local parts seen more than once, in
  // first-seen order: almost every local part occurs once, and an array for each was garbage.
  const first = new Map<string, number>();
  const byLocal = new Map<string, number[]>();
  for (let i = 0; i < unique.length; i++) {
    const e = unique[i]!;
    const local = e.slice(0, e.lastIndexOf('@'));
    const g = byLocal.get(local);
    if (g) g.push(i);
    else {
      const f = first.get(local);
      if (f === undefined) first.set(local, i);
      else byLocal.set(local, [f, i]);
    }
  }
  let linked = false;
  for (const group of [...byLocal.values()].sort((a, b) => a[0]! - b[0]!)) {
    if (group.length < 2 || group.length > MAX_DOMAINS_PER_LOCAL) continue;
    for (let a = 0; a < group.length; a++) {
      for (let b = a + 1; b < group.length; b++) {
        const [x, y] = [unique[group[a]!]!, unique[group[b]!]!];
        if (!domainsLookAlike(x.slice(x.lastIndexOf('@') + 1), y.slice(y.lastIndexOf('@') + 1))) continue;
        if (uf.find(group[a]!) !== uf.find(group[b]!)) uf.union(group[a]!, group[b]!);
        linked = true;
        if (examples.length < EXAMPLE_CAP) examples.push([x, y]);
      }
    }
  }
  return linked;
}
