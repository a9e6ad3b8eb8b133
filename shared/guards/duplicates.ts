// One address on rows with different names blocks until resolved (shared, fixed or excluded);
// the same row twice and one name with several addresses are warnings: each is how a shifted or
// hand-edited list shows itself (Halmek 2023-12, OpenWork 2024-01).
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckItem, Prepared } from './types';

/** Names compared the way people read them: NFKC, spaces (incl. full-width) folded, case-free. */
function normaliseName(name: string): string {
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

  const shared = new Set((p.input.sharedAddresses ?? []).map((a) => a.toLowerCase()));
  const differentNames: number[] = [];
  const diffAddresses: string[] = [];
  const sharedMembers: number[] = [];
  const sharedExamples: string[] = [];
  const sameName: number[] = [];
  const diffExamples: string[] = [];
  const sameExamples: string[] = [];
  for (const [email, rows] of byEmail) {
    if (rows.length < 2) continue;
    const names = new Set(rows.map((i) => normaliseName(rs[i]!.name)));
    if (names.size > 1 && shared.has(email)) {
      for (const i of rows) sharedMembers.push(rs[i]!.id);
      if (sharedExamples.length < EXAMPLE_CAP) sharedExamples.push(`${email} (${rows.map((i) => rs[i]!.name).join(' / ')})`);
      continue;
    }
    if (names.size > 1) diffAddresses.push(email);
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
    // The first few addresses and how many more: at 50,000 members one common name can have
    // hundreds, and the message must stay readable (the rest are found by the name on Lists).
    if (multiExamples.length < EXAMPLE_CAP) multiExamples.push(`${n} (${listText([...emails], 3)})`);
  }

  const items: CheckItem[] = [];
  if (differentNames.length) {
    // Blocking: one person's mail would carry another member's name (the "A's data to B"
    // incident) until someone decides, per address: fix it, exclude a row, or mark it shared.
    items.push(
      item({
        code: 'same-address-different-names',
        severity: 'blocking',
        members: differentNames.sort((a, b) => a - b),
        params: { examples: diffExamples.join('; '), addresses: diffAddresses.length, list: diffAddresses.slice(0, 200).join(' ') },
        ja: `同じアドレスが別の名前の行に入っています（例: ${listText(diffExamples, 3)}）。このままでは一人に別の人の名前入りのメールが届きます。アドレスごとに、アドレスを直す・行を送信対象から外す・家族などで共有と記録する、のどれかを選んでください。`,
        en: `The same address is on rows with different names (e.g. ${listText(diffExamples, 3)}): one person would receive mail with another member's name. For each address, fix it, exclude a row, or mark it as shared (a family).`,
      }),
    );
  }
  if (sharedExamples.length) {
    items.push(
      item({
        code: 'shared-address',
        severity: 'warning',
        members: sharedMembers.sort((a, b) => a - b),
        params: { examples: sharedExamples.join('; ') },
        ja: `共有と記録されたアドレスには、会員ごとに 1 通ずつ届きます（${listText(sharedExamples, 3)}）。`,
        en: `Addresses marked as shared get one mail per member (${listText(sharedExamples, 3)}).`,
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
        ja: `同じ名前に複数のアドレスがあります（${multiAddress.length} 行。例: ${listText(multiExamples, 3)}）。同じ人か、どのアドレスが正しいかを確かめてください。`,
        en: `One name has several addresses (${multiAddress.length} rows; e.g. ${listText(multiExamples, 3)}). Check whether it is one person and which address is right.`,
      }),
    );
  }
  return items;
}
