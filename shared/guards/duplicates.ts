// One address on rows with different names blocks until resolved (shared, fixed or excluded);
// the same row twice and one name with several addresses are warnings: each is how a shifted or
// hand-edited list shows itself (Halmek 2023-12, OpenWork 2024-01).
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckItem, Prepared } from './types';

/** Names compared the way people read them: NFKC, spaces (incl. full-width) folded, case-free. */
function normaliseName(name: string): string {
  // Most names in a list are already in normal form with single ASCII spaces: skip NFKC's
  // allocation for them (NFKC leaves pure ASCII as it is).
  if (/^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/.test(name)) return name.toLowerCase();
  return name.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
}

/**
 * Rows grouped by a key, without an array per key: almost every address and name occurs once
 * in a list, and 100k one-element arrays were most of this rule's cost.
 */
class Groups {
  private readonly first = new Map<string, number>();
  private readonly repeated = new Map<string, number[]>();
  /** Keys on several rows with their rows, in the order each key first occurs. */
  inOrder(): [string, number[]][] {
    return [...this.repeated].sort((a, b) => a[1][0]! - b[1][0]!);
  }

  add(key: string, row: number): void {
    const more = this.repeated.get(key);
    if (more) {
      more.push(row);
      return;
    }
    const f = this.first.get(key);
    if (f === undefined) this.first.set(key, row);
    else this.repeated.set(key, [f, row]);
  }
}

export function duplicateRule(p: Prepared): CheckItem[] {
  const rs = p.input.recipients;
  const byEmail = new Groups();
  const byNameGroups = new Groups();
  const names: string[] = new Array(rs.length);
  for (let i = 0; i < rs.length; i++) {
    byEmail.add(p.emails[i]!, i);
    const n = (names[i] = normaliseName(rs[i]!.name));
    if (n) byNameGroups.add(n, i);
  }
  // A name on several rows: which addresses it has (first-seen order) and its rows.
  const byName = new Map<string, Set<string>>();
  const nameRows = new Map<string, number[]>();
  for (const [n, rows] of byNameGroups.inOrder()) {
    byName.set(n, new Set(rows.map((i) => p.emails[i]!)));
    nameRows.set(n, rows);
  }

  const shared = new Set((p.input.sharedAddresses ?? []).map((a) => a.toLowerCase()));
  const differentNames: number[] = [];
  const diffAddresses: string[] = [];
  const sharedMembers: number[] = [];
  const sharedExamples: string[] = [];
  const sameName: number[] = [];
  const diffExamples: string[] = [];
  const sameExamples: string[] = [];
  for (const [email, rows] of byEmail.inOrder()) {
    const distinct = new Set(rows.map((i) => names[i]));
    if (distinct.size > 1 && shared.has(email)) {
      for (const i of rows) sharedMembers.push(rs[i]!.id);
      if (sharedExamples.length < EXAMPLE_CAP) sharedExamples.push(`${email} (${rows.map((i) => rs[i]!.name).join(' / ')})`);
      continue;
    }
    if (distinct.size > 1) diffAddresses.push(email);
    const target = distinct.size > 1 ? differentNames : sameName;
    for (const i of rows) target.push(rs[i]!.id);
    if (distinct.size > 1 && diffExamples.length < EXAMPLE_CAP) {
      diffExamples.push(`${email} (${rows.map((i) => rs[i]!.name).join(' / ')})`);
    } else if (distinct.size === 1 && sameExamples.length < EXAMPLE_CAP) sameExamples.push(email);
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
