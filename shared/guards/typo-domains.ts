// Warns about domains that look like a mistyped common or organisation domain (gmial.com,
// docomo.ne.jo): the Mie Pref. contractor incident was a wrong address typed by hand. When the
// corrected address is on the list too, the item says so: the same person may be listed twice.
import { COMMON_DOMAINS, KNOWN_REAL_DOMAINS, domainBase } from './domain-lists';
import { osaDistance } from './edit-distance';
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckItem, Prepared } from './types';

const KNOWN = new Set([...COMMON_DOMAINS, ...KNOWN_REAL_DOMAINS]);

/**
 * The domain the user probably meant, or null. A same-name domain with another suffix
 * (docomo.co.jp, gmail.co.jp) wins; otherwise the nearest within 2 edits (1 for short ones,
 * where two edits turn one real domain into another).
 */
export function suggestDomain(domain: string, orgDomains: readonly string[] = []): string | null {
  const key = JSON.stringify([domain, ...orgDomains]);
  const known = suggestions.get(key);
  if (known !== undefined) return known;
  const found = nearestDomain(domain, orgDomains);
  if (suggestions.size >= SUGGESTIONS_KEPT) suggestions.clear();
  suggestions.set(key, found);
  return found;
}

/**
 * suggestDomain's answers, by domain and organisation domains. It is a pure function asked for
 * every distinct domain of the list on each check (~2,000 at 100k members: ~100 ms of edit
 * distances), and a list's domains are mostly the same from one check to the next.
 */
const suggestions = new Map<string, string | null>();
const SUGGESTIONS_KEPT = 100_000;

function nearestDomain(domain: string, orgDomains: readonly string[]): string | null {
  if (!domain || KNOWN.has(domain) || orgDomains.includes(domain)) return null;
  if (orgDomains.some((o) => domain.endsWith(`.${o}`))) return null;
  const candidates = [...orgDomains, ...COMMON_DOMAINS];
  const base = domainBase(domain);
  for (const c of candidates) if (base.length >= 2 && domainBase(c) === base) return c;
  let best: string | null = null;
  let bestDist = 3;
  for (const c of candidates) {
    const max = Math.min(c.length, domain.length) >= 7 ? 2 : 1;
    const d = osaDistance(domain, c, max);
    if (d <= max && d < bestDist) {
      best = c;
      bestDist = d;
    }
  }
  return best;
}

/** The corrected addresses (local@suggestion) of these rows that are on the list already. */
function alreadyListed(p: Prepared, rows: readonly number[], suggestion: string, listed: () => Set<string>): string[] {
  const found = new Set<string>();
  for (const i of rows) {
    const corrected = `${p.locals[i]}@${suggestion}`;
    if (listed().has(corrected)) found.add(corrected);
  }
  return [...found];
}

export function typoDomainRule(p: Prepared, groups: Map<string, number[]>): CheckItem[] {
  const items: CheckItem[] = [];
  const domains = [...groups.keys()].sort();
  let emails: Set<string> | null = null;
  const listed = () => (emails ??= new Set(p.emails));
  for (const domain of domains) {
    const suggestion = suggestDomain(domain, p.orgDomains);
    if (!suggestion) continue;
    const rows = groups.get(domain)!;
    const members = rows.map((i) => p.input.recipients[i]!.id);
    items.push(typoItem(domain, suggestion, members, alreadyListed(p, rows, suggestion, listed)));
  }
  return items;
}

/** The item for one typo-looking domain: its members (ids in list order) and the corrected addresses already listed. */
export function typoItem(domain: string, suggestion: string, members: readonly number[], twins: readonly string[]): CheckItem {
  const shown = listText(twins, 3);
  return item({
    code: 'typo-domain',
    severity: 'warning',
    members,
    params: { domain, suggestion, alreadyListed: twins.length, listedAddresses: twins.slice(0, EXAMPLE_CAP).join(', ') },
    ja:
      `ドメイン「${domain}」は「${suggestion}」の打ち間違いかもしれません（${members.length}件）。名簿の元データを本人に確認し、正しければそのまま、誤りなら名簿を直して取り込み直してください。` +
      (twins.length ? `直したアドレス（${shown}）は名簿にすでにあります。同じ人が二重に載っていないか確かめてください。` : ''),
    en:
      `The domain "${domain}" looks like a typo for "${suggestion}" (${members.length} address(es)). Check with the members; if it is wrong, fix the list and import it again.` +
      (twins.length ? ` The corrected address(es) (${shown}) are already on the list: the same person may be listed twice.` : ''),
  });
}
