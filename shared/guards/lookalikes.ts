// Warns about addresses in the list that differ from another one on the same domain by one or
// two edits or by look-alike characters (0/o, 1/l, rn/m): one of them is probably mistyped.
// Not all pairs: a symmetric-delete index per domain over a "skeleton" of the local part finds
// candidates in O(members x local-part length).
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckItem, Prepared } from './types';

/** Character sequences that read alike in typical mail-client fonts, folded to one form. */
const CONFUSABLE_SEQUENCES: readonly [RegExp, string][] = [
  [/rn/g, 'm'],
  [/vv/g, 'w'],
  [/cl/g, 'd'],
  [/[0]/g, 'o'],
  [/[1i|!]/g, 'l'],
  [/[5]/g, 's'],
  [/[_\-.]/g, ''],
];

/** The local part with confusable characters folded, so t0m0k1 and tomoki collide. */
export function skeleton(local: string): string {
  let s = local.toLowerCase();
  for (const [re, to] of CONFUSABLE_SEQUENCES) s = s.replace(re, to);
  return s;
}

/** Shortest skeleton given deletion variants; below it one edit changes too much to mean a typo. */
const MIN_DELETE_LENGTH = 4;

class UnionFind {
  private readonly parent: Int32Array;
  constructor(n: number) {
    this.parent = new Int32Array(n);
    for (let i = 0; i < n; i++) this.parent[i] = i;
  }
  find(x: number): number {
    let r = x;
    while (this.parent[r] !== r) r = this.parent[r]!;
    while (this.parent[x] !== r) {
      const next = this.parent[x]!;
      this.parent[x] = r;
      x = next;
    }
    return r;
  }
  union(a: number, b: number): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
}

export interface LookalikeResult {
  /** Groups of distinct addresses (lower-cased) that look alike, each sorted. */
  groups: string[][];
  /** A few pairs as found, for the message. */
  examples: [string, string][];
}

/** Finds look-alike groups among distinct addresses; exported for tests and the benchmark. */
export function findLookalikes(emails: readonly string[]): LookalikeResult {
  const unique = [...new Set(emails)];
  const uf = new UnionFind(unique.length);
  const examples: [string, string][] = [];
  const byDomain = new Map<string, number[]>();
  const locals: string[] = new Array(unique.length);
  unique.forEach((e, i) => {
    const at = e.lastIndexOf('@');
    locals[i] = e.slice(0, at);
    const d = e.slice(at + 1);
    const g = byDomain.get(d);
    if (g) g.push(i);
    else byDomain.set(d, [i]);
  });
  let linked = false;
  for (const group of byDomain.values()) {
    if (group.length < 2) continue;
    // variant -> first address index that produced it. A match means the two skeletons share
    // a one-deletion variant, i.e. are within two edits (substitution, insertion, transposition).
    const index = new Map<string, number>();
    for (const u of group) {
      const s = skeleton(locals[u]!);
      const seen = new Set<string>([s]);
      if (s.length >= MIN_DELETE_LENGTH) {
        for (let k = 0; k < s.length; k++) seen.add(s.slice(0, k) + s.slice(k + 1));
      }
      for (const v of seen) {
        const rep = index.get(v);
        if (rep === undefined) index.set(v, u);
        else if (uf.find(rep) !== uf.find(u)) {
          uf.union(rep, u);
          linked = true;
          if (examples.length < EXAMPLE_CAP) examples.push([unique[rep]!, unique[u]!]);
        }
      }
    }
  }
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

export function lookalikeRule(p: Prepared): CheckItem[] {
  const { groups, examples } = findLookalikes(p.emails);
  if (groups.length === 0) return [];
  const involved = new Set(groups.flat());
  const members: number[] = [];
  p.emails.forEach((e, i) => {
    if (involved.has(e)) members.push(p.input.recipients[i]!.id);
  });
  const pairs = examples.map(([a, b]) => `${a} ≈ ${b}`);
  return [
    item({
      code: 'lookalike-addresses',
      severity: 'warning',
      members,
      params: { groups: groups.length, addresses: involved.size, examples: pairs.join('; ') },
      ja: `よく似たアドレスが${groups.length}組あります（例: ${listText(pairs, 3)}）。どちらかが打ち間違いでないか、名簿の元データで確かめてください。`,
      en: `${groups.length} group(s) of addresses look almost the same (e.g. ${listText(pairs, 3)}). Check in the source list that none of them is a typo.`,
    }),
  ];
}
