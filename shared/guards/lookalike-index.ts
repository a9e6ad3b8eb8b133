// Groups the addresses of a list whose local parts look alike (lookalike-skeleton) on the same
// domain, and those that differ only by a look-alike domain (lookalike-domains). Not all pairs:
// a symmetric-delete index per domain over the skeletons finds candidates in O(members x
// local-part length); small domains are compared pair by pair.
import { osaDistance } from './edit-distance';
import { EXAMPLE_CAP } from './item';
import { linkDomainTwins } from './lookalike-domains';
import { closeEnough, MIN_DELETE2_LENGTH, MIN_DELETE_LENGTH, skeleton } from './lookalike-skeleton';
import { UnionFind } from './union-find';

/**
 * Domains with at most this many addresses get two-deletion variants, so any two edits are
 * found (every small list, and each company domain of a large one). Bigger groups (a free-mail
 * domain in a 100k list) get one-deletion variants: one edit, a transposition, or an insertion
 * plus a deletion; the cost stays linear and the warning stays readable.
 */
const FULL_DEPTH_GROUP_MAX = 1000;
/** Domains this small are compared pair by pair: cheaper than building their variants. */
const PAIRWISE_GROUP_MAX = 64;
/** Candidates compared per shared two-deletion variant; bounds the work on very common stems. */
const BUCKET_COMPARE_MAX = 64;

const BASE = 0x01000193;

/** Separates the hashes of variants of different lengths. */
const mix = (h: number, len: number): number => (h ^ Math.imul(len + 1, 0x9e3779b1)) >>> 0;

/**
 * Writes into out the hashes of the skeleton and its deletion variants (depth 1 or 2), in order,
 * without building the strings: polynomial hashes from prefix and suffix sums. Returns how many.
 * Hashes may collide, so every match is verified on the real skeletons. P and out are buffers
 * shared between calls (sized by the caller) to spare 100k allocations.
 */
function variantHashes(s: string, depth: 1 | 2, pow: Uint32Array, P: Uint32Array, out: Uint32Array): number {
  const n = s.length;
  // P[i] = hash of s[0, i); the hash of s[a, b) is P[b] - P[a] * BASE^(b - a).
  for (let i = 0; i < n; i++) P[i + 1] = (Math.imul(P[i]!, BASE) + s.charCodeAt(i)) >>> 0;
  let count = 0;
  out[count++] = mix(P[n]!, n);
  if (n < MIN_DELETE_LENGTH) return count;
  for (let k = 0; k < n; k++) {
    const tail = (P[n]! - Math.imul(P[k + 1]!, pow[n - k - 1]!)) >>> 0; // s[k + 1, n)
    out[count++] = mix((Math.imul(P[k]!, pow[n - 1 - k]!) + tail) >>> 0, n - 1);
    if (depth === 1 || n < MIN_DELETE2_LENGTH) continue;
    for (let j = k + 1; j < n; j++) {
      const middle = (P[j]! - Math.imul(P[k + 1]!, pow[j - k - 1]!)) >>> 0; // s[k + 1, j)
      const end = (P[n]! - Math.imul(P[j + 1]!, pow[n - j - 1]!)) >>> 0; // s[j + 1, n)
      const h = Math.imul(Math.imul(P[k]!, pow[j - k - 1]!) + middle, pow[n - 1 - j]!) + end;
      out[count++] = mix(h >>> 0, n - 2);
    }
  }
  return count;
}

/** How many hashes variantHashes writes for a skeleton of length n: sizes the table below. */
function variantCount(n: number, depth: 1 | 2): number {
  if (n < MIN_DELETE_LENGTH) return 1;
  return 1 + n + (depth === 2 && n >= MIN_DELETE2_LENGTH ? (n * (n - 1)) / 2 : 0);
}

/**
 * A Map<number, number> for the variant index on typed arrays (open addressing, linear probing):
 * a free-mail domain of a 100k list has about a million variants, and a Map of that size was most
 * of the check report's garbage-collection time. Same get/set behaviour as the Map it replaces.
 */
class VariantTable {
  private readonly keys: Uint32Array;
  private readonly values: Int32Array;
  private readonly used: Uint8Array;
  private readonly mask: number;
  constructor(entries: number) {
    let size = 16;
    while (size < entries * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.values = new Int32Array(size);
    this.used = new Uint8Array(size);
    this.mask = size - 1;
  }
  private slot(h: number): number {
    let i = Math.imul(h, 0x9e3779b1) >>> 0 & this.mask;
    while (this.used[i] && this.keys[i] !== h) i = (i + 1) & this.mask;
    return i;
  }
  get(h: number): number | undefined {
    const i = this.slot(h);
    return this.used[i] ? this.values[i] : undefined;
  }
  set(h: number, v: number): void {
    const i = this.slot(h);
    this.used[i] = 1;
    this.keys[i] = h;
    this.values[i] = v;
  }
}

/** Whether linkDomain links a domain of n distinct addresses by one-deletion variants alone (n above FULL_DEPTH_GROUP_MAX). */
export const linksByOneDeletion = (n: number): boolean => n > FULL_DEPTH_GROUP_MAX;

/**
 * The variant hashes linkDomain gives an address of a one-deletion domain. Two such addresses are
 * compared (and may be linked) only when they share one: an address sharing none with the rest of
 * its domain links nothing and changes nothing the others link, wherever it stands in the list.
 */
export function oneDeletionVariants(address: string): Uint32Array {
  const found: number[] = [];
  countOneDeletionVariants([address], (h) => found.push(h));
  return Uint32Array.from(found);
}

/** oneDeletionVariants of each address, given one by one to `each` (buffers shared: a domain has thousands). */
export function countOneDeletionVariants(addresses: Iterable<string>, each: (h: number) => void): void {
  let pow = new Uint32Array(0);
  let prefix = pow;
  let out = pow;
  for (const address of addresses) {
    const s = skeleton(address.slice(0, address.lastIndexOf('@')));
    if (pow.length <= s.length) {
      pow = new Uint32Array(2 * s.length + 2);
      pow[0] = 1;
      for (let i = 1; i < pow.length; i++) pow[i] = Math.imul(pow[i - 1]!, BASE) >>> 0;
      prefix = new Uint32Array(pow.length);
      out = new Uint32Array(variantCount(pow.length - 1, 1));
    }
    const count = variantHashes(s, 1, pow, prefix, out);
    for (let i = 0; i < count; i++) each(out[i]!);
  }
}

/** How many times each variant hash occurs among a domain's addresses (open addressing, as VariantTable). */
export class VariantCounts {
  private keys: Uint32Array;
  private counts: Int32Array;
  private used: Uint8Array;
  private filled = 0;
  constructor(entries: number) {
    let size = 16;
    while (size < entries * 2) size *= 2;
    this.keys = new Uint32Array(size);
    this.counts = new Int32Array(size);
    this.used = new Uint8Array(size);
  }
  private slot(h: number): number {
    const mask = this.keys.length - 1;
    let i = Math.imul(h, 0x9e3779b1) >>> 0 & mask;
    while (this.used[i] && this.keys[i] !== h) i = (i + 1) & mask;
    return i;
  }
  get(h: number): number {
    const i = this.slot(h);
    return this.used[i] ? this.counts[i]! : 0;
  }
  add(h: number, by: number): void {
    let i = this.slot(h);
    if (!this.used[i]) {
      if ((this.filled + 1) * 2 > this.keys.length) {
        this.grow();
        i = this.slot(h);
      }
      this.used[i] = 1;
      this.keys[i] = h;
      this.filled++;
    }
    this.counts[i]! += by;
  }
  private grow(): void {
    const { keys, counts, used } = this;
    this.keys = new Uint32Array(keys.length * 2);
    this.counts = new Int32Array(keys.length * 2);
    this.used = new Uint8Array(keys.length * 2);
    for (let i = 0; i < keys.length; i++) {
      if (!used[i]) continue;
      const j = this.slot(keys[i]!);
      this.used[j] = 1;
      this.keys[j] = keys[i]!;
      this.counts[j] = counts[i]!;
    }
  }
}

export interface LookalikeResult {
  /** Groups of distinct addresses (lower-cased) that look alike, each sorted. */
  groups: string[][];
  /** A few pairs as found, for the message. */
  examples: [string, string][];
}

/**
 * What one domain's addresses link among themselves: the pairs joined, as indices into the
 * domain's addresses in order, and the first EXAMPLE_CAP example pairs found. A pure function of
 * the domain's distinct addresses in list order (nothing else is read: no address of another
 * domain is compared, and which addresses are already joined is decided by this domain's pairs).
 */
export interface DomainLinks {
  readonly pairs: readonly number[];
  readonly examples: readonly (readonly [string, string])[];
}

/**
 * Domains' links kept by their addresses: a list's domains are mostly the same from one check to
 * the next (an address edited changes the one or two domains it left and joined), and the large
 * ones are most of the cost. Bounded by the addresses' text kept.
 */
const KEPT_TEXT_MAX = 20_000_000;
let keptText = 0;
const sharedKept = new Map<string, DomainLinks>();

function keep(kept: Map<string, DomainLinks>, key: string, links: DomainLinks): void {
  if (kept !== sharedKept) {
    kept.set(key, links);
    return;
  }
  if (keptText + key.length > KEPT_TEXT_MAX) {
    sharedKept.clear();
    keptText = 0;
  }
  sharedKept.set(key, links);
  keptText += key.length;
}

/** The links among one domain's distinct addresses (in list order), computed. */
function linkDomain(addresses: readonly string[]): DomainLinks {
  const n = addresses.length;
  const uf = new UnionFind(n);
  const pairs: number[] = [];
  const examples: [string, string][] = [];
  const skel: string[] = new Array(n);
  let longest = 0;
  for (let i = 0; i < n; i++) {
    const e = addresses[i]!;
    skel[i] = skeleton(e.slice(0, e.lastIndexOf('@')));
    longest = Math.max(longest, skel[i]!.length);
  }
  const link = (x: number, y: number): void => {
    uf.union(x, y);
    pairs.push(x, y);
    if (examples.length < EXAMPLE_CAP) examples.push([addresses[x]!, addresses[y]!]);
  };
  // variant hash -> addresses that produced it. Addresses sharing a one-deletion variant are
  // all within two edits of each other, so one match per bucket is enough at depth 1; at
  // depth 2 sharing only bounds the distance by four, so each candidate is checked.
  if (n <= PAIRWISE_GROUP_MAX) {
    for (let x = 0; x < n; x++) {
      for (let y = x + 1; y < n; y++) {
        if (uf.find(x) === uf.find(y) || !closeEnough(skel[x]!, skel[y]!)) continue;
        link(x, y);
      }
    }
    return { pairs, examples };
  }
  const pow = new Uint32Array(longest + 1);
  const prefix = new Uint32Array(longest + 1);
  pow[0] = 1;
  for (let i = 1; i <= longest; i++) pow[i] = Math.imul(pow[i - 1]!, BASE) >>> 0;
  const depth = n <= FULL_DEPTH_GROUP_MAX ? 2 : 1;
  // A bucket is one address (value >= 0) or, once shared, ~k: k indexes overflow. Most
  // variants are never shared, so this spares an array per variant.
  let entries = 0;
  for (let u = 0; u < n; u++) entries += variantCount(skel[u]!.length, depth);
  const index = new VariantTable(entries);
  const overflow: number[][] = [];
  const hashes = new Uint32Array(variantCount(longest, depth));
  // Turns a one-address bucket into a shared one holding both addresses.
  const overflowFirst = (first: number, u: number, h: number): void => {
    overflow.push([first, u]);
    index.set(h, ~(overflow.length - 1));
  };
  for (let u = 0; u < n; u++) {
    const s = skel[u]!;
    const count = variantHashes(s, depth, pow, prefix, hashes);
    for (let v = 0; v < count; v++) {
      const h = hashes[v]!;
      const slot = index.get(h);
      if (slot === undefined) {
        index.set(h, u);
        continue;
      }
      if (slot >= 0) {
        // A variant shared for the first time: one address so far. The same address giving the
        // same variant twice (a doubled letter) is not a match.
        if (slot === u) continue;
        if (uf.find(slot) === uf.find(u)) {
          if (depth === 2) overflowFirst(slot, u, h);
          continue;
        }
        if (osaDistance(skel[slot]!, s, 2) <= 2) {
          link(slot, u);
          if (depth === 2) overflowFirst(slot, u, h);
          continue;
        }
        overflowFirst(slot, u, h);
        continue;
      }
      const bucket = overflow[~slot]!;
      let joined = false;
      let same = false;
      for (let b = 0; b < bucket.length && b < BUCKET_COMPARE_MAX; b++) {
        const rep = bucket[b]!;
        if (rep === u) {
          same = true;
          break;
        }
        if (uf.find(rep) === uf.find(u)) {
          joined = true;
          continue;
        }
        if (osaDistance(skel[rep]!, s, 2) > 2) continue;
        link(rep, u);
        joined = true;
        if (depth === 1) break;
      }
      if (same) continue;
      if (depth === 2 || !joined) bucket.push(u);
    }
  }
  return { pairs, examples };
}

/** A domain's links (its distinct addresses in list order), found kept or computed and kept. */
export function keptDomainLinks(addresses: readonly string[], kept: Map<string, DomainLinks> = sharedKept): DomainLinks {
  const key = JSON.stringify(addresses);
  let links = kept.get(key);
  if (links === undefined) {
    links = linkDomain(addresses);
    keep(kept, key, links);
  }
  return links;
}

/**
 * Finds look-alike groups among distinct addresses; exported for tests and the benchmark. Each
 * domain's links are computed on their own (or found kept, `kept`: by default shared by every
 * call) and joined in the order of the domains' first addresses, as one pass over them would.
 */
export function findLookalikes(emails: readonly string[], kept: Map<string, DomainLinks> = sharedKept): LookalikeResult {
  const unique = [...new Set(emails)];
  const uf = new UnionFind(unique.length);
  const examples: [string, string][] = [];
  const byDomain = new Map<string, number[]>();
  unique.forEach((e, i) => {
    const d = e.slice(e.lastIndexOf('@') + 1);
    const g = byDomain.get(d);
    if (g) g.push(i);
    else byDomain.set(d, [i]);
  });
  let linked = false;
  for (const group of byDomain.values()) {
    if (group.length < 2) continue;
    const links = keptDomainLinks(group.map((i) => unique[i]!), kept);
    const { pairs } = links;
    for (let k = 0; k < pairs.length; k += 2) uf.union(group[pairs[k]!]!, group[pairs[k + 1]!]!);
    if (pairs.length > 0) linked = true;
    for (const x of links.examples) {
      if (examples.length >= EXAMPLE_CAP) break;
      examples.push([x[0], x[1]]);
    }
  }
  if (linkDomainTwins(unique, uf, examples)) linked = true;
  if (!linked) return { groups: [], examples };
  const clusters = new Map<number, string[]>();
  for (let i = 0; i < unique.length; i++) {
    const r = uf.find(i);
    const c = clusters.get(r);
    if (c) c.push(unique[i]!);
    else clusters.set(r, [unique[i]!]);
  }
  const groups = [...clusters.values()].filter((c) => c.length > 1).map((c) => c.sort());
  return { groups, examples };
}
