// Warns about one address on several rows (with the same or different names) and one name with
// several addresses: both are how a shifted or hand-edited list shows itself (Halmek 2023-12).
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckItem, Prepared } from './types';

/** Names compared the way people read them: NFKC, spaces (incl. full-width) folded, case-free. */
export function normaliseName(name: string): string {
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

export function duplicateRule(p: Prepared): CheckItem[] {
  const rs = p.input.recipients;
  const byEmail = new Map<string, number[]>();
  const byName = new Map<string, Set<string>>();
  const nameRows = new Map<string, number[]>();
  for (let i = 0; i < rs.length; i++) {
    const e = p.emails[i]!;
    const rows = byEmail.get(e);
    if (rows) rows.push(i);
    else byEmail.set(e, [i]);
    const n = normaliseName(rs[i]!.name);
    if (!n) continue;
    const set = byName.get(n);
    if (set) set.add(e);
    else byName.set(n, new Set([e]));
    const nr = nameRows.get(n);
    if (nr) nr.push(i);
    else nameRows.set(n, [i]);
  }

  const differentNames: number[] = [];
  const sameName: number[] = [];
  const diffExamples: string[] = [];
  const sameExamples: string[] = [];
  for (const [email, rows] of byEmail) {
    if (rows.length < 2) continue;
    const names = new Set(rows.map((i) => normaliseName(rs[i]!.name)));
    const target = names.size > 1 ? differentNames : sameName;
    for (const i of rows) target.push(rs[i]!.id);
    if (names.size > 1 && diffExamples.length < EXAMPLE_CAP) {
      diffExamples.push(`${email} (${rows.map((i) => rs[i]!.name).join(' / ')})`);
    } else if (names.size === 1 && sameExamples.length < EXAMPLE_CAP) sameExamples.push(email);
  }

  const multiAddress: number[] = [];
  const multiExamples: string[] = [];
  for (const [n, emails] of byName) {
    if (emails.size < 2) continue;
    for (const i of nameRows.get(n)!) multiAddress.push(rs[i]!.id);
    if (multiExamples.length < EXAMPLE_CAP) multiExamples.push(`${n} (${[...emails].join(', ')})`);
  }

  const items: CheckItem[] = [];
  if (differentNames.length) {
    items.push(
      item({
        code: 'same-address-different-names',
        severity: 'warning',
        members: differentNames.sort((a, b) => a - b),
        params: { examples: diffExamples.join('; ') },
        ja: `同じアドレスが別の名前の行に入っています（例: ${listText(diffExamples, 3)}）。名前と列がずれていないか、名簿を確かめてください。`,
        en: `The same address appears on rows with different names (e.g. ${listText(diffExamples, 3)}). Check that names and addresses are not shifted in the list.`,
      }),
    );
  }
  if (sameName.length) {
    items.push(
      item({
        code: 'duplicate-address',
        severity: 'warning',
        members: sameName.sort((a, b) => a - b),
        params: { examples: sameExamples.join('; ') },
        ja: `同じ人の行が重複しています（例: ${listText(sameExamples, 3)}）。このままでは同じ人に複数通届きます。重複を名簿から消してください。`,
        en: `Some rows are duplicates (e.g. ${listText(sameExamples, 3)}); these people would get the mail more than once. Remove the duplicates from the list.`,
      }),
    );
  }
  if (multiAddress.length) {
    items.push(
      item({
        code: 'name-several-addresses',
        severity: 'warning',
        members: multiAddress.sort((a, b) => a - b),
        params: { examples: multiExamples.join('; ') },
        ja: `同じ名前に複数のアドレスがあります（例: ${listText(multiExamples, 3)}）。同じ人か、どのアドレスが正しいかを確かめてください。`,
        en: `One name has several addresses (e.g. ${listText(multiExamples, 3)}). Check whether it is one person and which address is right.`,
      }),
    );
  }
  return items;
}
