// Groups recipients by domain once; several rules (typos, policy, byDomain) walk these groups.
import type { Prepared } from './types';

/** domain -> indices into input.recipients, in list order. */
export function groupByDomain(p: Prepared): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  for (let i = 0; i < p.domains.length; i++) {
    const d = p.domains[i]!;
    const g = groups.get(d);
    if (g) g.push(i);
    else groups.set(d, [i]);
  }
  return groups;
}

/** True when domain is one of the organisation's domains or a subdomain of one. */
export function isOrgDomain(domain: string, orgDomains: readonly string[]): boolean {
  return orgDomains.some((o) => domain === o || domain.endsWith(`.${o}`));
}
