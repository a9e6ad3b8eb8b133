// Warns about addresses in the list that differ from another one on the same domain by one or
// two edits or by look-alike characters (0/o, 1/l, rn/m), or only by a look-alike domain
// (gmial.com / gmail.com): one of them is probably mistyped. The grouping is in lookalike-index.
import { item, listText } from './item';
import { findLookalikes } from './lookalike-index';
import type { CheckItem, Prepared } from './types';

export function lookalikeRule(p: Prepared): CheckItem[] {
  const { groups, examples } = findLookalikes(p.emails);
  if (groups.length === 0) return [];
  const involved = new Set(groups.flat());
  const members: number[] = [];
  p.emails.forEach((e, i) => {
    if (involved.has(e)) members.push(p.input.recipients[i]!.id);
  });
  return lookalikeItems(groups.length, involved.size, members, examples);
}

/** The item for look-alike addresses: how many groups and addresses, their members (ids in list order), example pairs. */
export function lookalikeItems(groups: number, addresses: number, members: readonly number[], examples: readonly (readonly [string, string])[]): CheckItem[] {
  const pairs = examples.map(([a, b]) => `${a} ≈ ${b}`);
  return [
    item({
      code: 'lookalike-addresses',
      severity: 'warning',
      members,
      params: { groups, addresses, examples: pairs.join('; ') },
      ja: `よく似たアドレスが${groups}組あります（例: ${listText(pairs, 3)}）。どちらかが打ち間違いでないか、名簿の元データで確かめてください。`,
      en: `${groups} group(s) of addresses look almost the same (e.g. ${listText(pairs, 3)}). Check in the source list that none of them is a typo.`,
    }),
  ];
}
