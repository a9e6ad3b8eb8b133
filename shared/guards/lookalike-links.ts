// The look-alike finding's groups kept between checks (address-index.ts): each domain's links by
// address and the local parts shared by several addresses, so that after a few rows changed only
// the domains they left and joined are linked again. What it gives equals findLookalikes over the
// list's addresses (lookalike-index.ts): the same per-domain links (linkDomain), the same twins
// across domains (domainsLookAlike), the same examples in the same order.
import { EXAMPLE_CAP } from './item';
import { domainsLookAlike, MAX_DOMAINS_PER_LOCAL } from './lookalike-domains';
import { countOneDeletionVariants, linksByOneDeletion, oneDeletionVariants, VariantCounts, type DomainLinks } from './lookalike-index';
import { UnionFind } from './union-find';

/** A domain's links as address pairs (so they outlive the domain's positions), and where the domain first occurs. */
interface KeptDomain {
  first: string;
  /** How many distinct addresses the domain has. */
  size: number;
  readonly pairs: readonly string[];
  readonly examples: readonly (readonly [string, string])[];
  /** A one-deletion domain's variant hashes counted, once patchDomain needed them. */
  counts?: VariantCounts;
}

/** An address of a domain that came, went, or moved (its first row changed) since the domain was linked. */
export interface TouchedAddress {
  readonly address: string;
  readonly was: boolean;
  readonly is: boolean;
}

export interface LookalikeFound {
  /** Groups of distinct addresses, each sorted, in order of their first address in the list. */
  readonly groups: readonly (readonly string[])[];
  readonly examples: readonly (readonly [string, string])[];
}

const localOf = (e: string): string => e.slice(0, e.lastIndexOf('@'));
const domainOf = (e: string): string => e.slice(e.lastIndexOf('@') + 1);

export class LookalikeLinks {
  private readonly domains = new Map<string, KeptDomain>();
  /** Local part -> its one distinct address, or its several (unordered). */
  private readonly localOne = new Map<string, string>();
  private readonly localMore = new Map<string, string[]>();
  /** domainsLookAlike by pair of domains: the same few pairs are asked on every check. */
  private readonly alike = new Map<string, boolean>();

  /** `firstId`: where a distinct address first occurs (the lowest id of its rows). */
  constructor(private readonly firstId: (address: string) => number) {}

  /** A domain's distinct addresses in list order and their links (none for fewer than two). */
  setDomain(domain: string, addresses: readonly string[], links: DomainLinks | null): void {
    if (!links || addresses.length < 2) {
      this.domains.delete(domain);
      return;
    }
    const pairs: string[] = [];
    for (const i of links.pairs) pairs.push(addresses[i]!);
    this.domains.set(domain, { first: addresses[0]!, size: addresses.length, pairs, examples: links.examples });
  }

  /**
   * Brings a domain's links to its distinct addresses now (in list order) without linking it again,
   * when it is a one-deletion domain before and after and each touched address, taken out and put
   * back one at a time, shares no variant hash with the domain's other addresses: then linkDomain
   * would give the same links and examples (lookalike-index.ts, oneDeletionVariants). Returns false
   * when it cannot tell; the caller links the domain again (setDomain).
   */
  patchDomain(domain: string, addresses: readonly string[], touched: readonly TouchedAddress[]): boolean {
    const kept = this.domains.get(domain);
    if (!kept || !linksByOneDeletion(kept.size) || !linksByOneDeletion(addresses.length)) return false;
    if (!kept.counts) {
      // The counts of the addresses the links were made from: those now, less what came, plus what went.
      const came = new Set(touched.filter((t) => t.is && !t.was).map((t) => t.address));
      const counts = new VariantCounts(addresses.length * 16);
      const went = touched.filter((t) => t.was && !t.is).map((t) => t.address);
      countOneDeletionVariants([...addresses.filter((e) => !came.has(e)), ...went], (h) => counts.add(h, 1));
      kept.counts = counts;
    }
    const counts = kept.counts;
    for (const t of touched) {
      const own = oneDeletionVariants(t.address);
      const mine = new Map<number, number>();
      for (const h of own) mine.set(h, (mine.get(h) ?? 0) + 1);
      if (t.was) {
        for (const [h, n] of mine) if (counts.get(h) !== n) return this.dropCounts(kept);
        for (const h of own) counts.add(h, -1);
      }
      if (t.is) {
        for (const h of mine.keys()) if (counts.get(h) !== 0) return this.dropCounts(kept);
        for (const h of own) counts.add(h, 1);
      }
    }
    kept.first = addresses[0]!;
    kept.size = addresses.length;
    return true;
  }

  /** The counts were changed part way: they go with the links the caller makes again. */
  private dropCounts(kept: KeptDomain): false {
    delete kept.counts;
    return false;
  }

  /** A distinct address that is now on the list. */
  addAddress(e: string): void {
    const local = localOf(e);
    const more = this.localMore.get(local);
    if (more) {
      more.push(e);
      return;
    }
    const one = this.localOne.get(local);
    if (one === undefined) this.localOne.set(local, e);
    else {
      this.localOne.delete(local);
      this.localMore.set(local, [one, e]);
    }
  }

  /** A distinct address that is no longer on the list. */
  removeAddress(e: string): void {
    const local = localOf(e);
    const more = this.localMore.get(local);
    if (!more) {
      this.localOne.delete(local);
      return;
    }
    more.splice(more.indexOf(e), 1);
    if (more.length === 1) {
      this.localMore.delete(local);
      this.localOne.set(local, more[0]!);
    }
  }

  private looksAlike(a: string, b: string): boolean {
    const key = `${a.length}:${a}${b}`;
    let v = this.alike.get(key);
    if (v === undefined) {
      if (this.alike.size > 100_000) this.alike.clear();
      this.alike.set(key, (v = domainsLookAlike(a, b)));
    }
    return v;
  }

  /** The groups and examples findLookalikes gives for the list's addresses now. */
  found(): LookalikeFound {
    const byFirst = (a: string, b: string) => this.firstId(a) - this.firstId(b);
    const edges: string[] = [];
    const examples: (readonly [string, string])[] = [];
    const domains = [...this.domains.values()].sort((a, b) => byFirst(a.first, b.first));
    for (const d of domains) {
      for (const p of d.pairs) edges.push(p);
      for (const x of d.examples) {
        if (examples.length >= EXAMPLE_CAP) break;
        examples.push(x);
      }
    }
    // Twins across domains (linkDomainTwins): local parts on several addresses, in order of their first.
    const locals = [...this.localMore.values()].map((g) => [...g].sort(byFirst)).sort((a, b) => byFirst(a[0]!, b[0]!));
    for (const group of locals) {
      if (group.length < 2 || group.length > MAX_DOMAINS_PER_LOCAL) continue;
      for (let a = 0; a < group.length; a++) {
        for (let b = a + 1; b < group.length; b++) {
          const [x, y] = [group[a]!, group[b]!];
          if (!this.looksAlike(domainOf(x), domainOf(y))) continue;
          edges.push(x, y);
          if (examples.length < EXAMPLE_CAP) examples.push([x, y]);
        }
      }
    }
    if (edges.length === 0) return { groups: [], examples };
    const index = new Map<string, number>();
    for (const e of edges) if (!index.has(e)) index.set(e, index.size);
    const addresses = [...index.keys()];
    const uf = new UnionFind(addresses.length);
    for (let k = 0; k < edges.length; k += 2) uf.union(index.get(edges[k]!)!, index.get(edges[k + 1]!)!);
    const clusters = new Map<number, string[]>();
    addresses.forEach((e, i) => {
      const r = uf.find(i);
      const c = clusters.get(r);
      if (c) c.push(e);
      else clusters.set(r, [e]);
    });
    const groups = [...clusters.values()]
      .map((c) => ({ first: c.reduce((m, e) => Math.min(m, this.firstId(e)), Infinity), c: c.sort() }))
      .sort((a, b) => a.first - b.first)
      .map((g) => g.c);
    return { groups, examples };
  }
}
