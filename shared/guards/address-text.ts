// Finds email addresses in free text (attachment contents): permissive on purpose, since a
// missed address is worse than a spurious one. Full-width ＠ and letters are folded first.

const ADDRESS_RE = /[a-z0-9._%+\-!#$&'*/=?^`{|}~]+@[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9\-]*[a-z0-9])?)+/gi;

/** Distinct lower-cased addresses found in text, in order of first appearance. */
export function findAddresses(text: string): string[] {
  const folded = text.normalize('NFKC');
  const out = new Set<string>();
  for (const m of folded.matchAll(ADDRESS_RE)) {
    const a = m[0].replace(/^[.\-]+/, '').replace(/\.+$/, '').toLowerCase();
    if (a.indexOf('@') > 0) out.add(a);
  }
  return [...out];
}
