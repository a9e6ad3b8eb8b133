// One address on rows with different names blocks until resolved (shared, fixed or excluded);
// the same row twice and one name with several addresses are warnings: each is how a shifted or
// hand-edited list shows itself (Halmek 2023-12, OpenWork 2024-01).
import { EXAMPLE_CAP, item, listText } from './item';
import type { CheckItem, Prepared } from './types';

/** Names compared the way people read them: NFKC, spaces (incl. full-width) folded, case-free. */
export function normaliseName(name: string): string {
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

/** An address on several rows: its rows' member ids and raw names in list order, and how many distinct names (normalised) they have. */
export interface AddressGroup {
  readonly email: string;
  readonly ids: readonly number[];
  readonly names: readonly string[];
  readonly distinctNames: number;
}

/** A (normalised, non-empty) name on several rows: its rows' member ids and its distinct addresses, both in list order. */
export interface NameGroup {
  readonly name: string;
  readonly ids: readonly number[];
  readonly emails: readonly string[];
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
  const nameGroups = byNameGroups.inOrder().map(([name, rows]): NameGroup => ({ name, ids: rows.map((i) => rs[i]!.id), emails: [...new Set(rows.map((i) => p.emails[i]!))] }));
  const emailGroups = byEmail
    .inOrder()
    .map(([email, rows]): AddressGroup => ({ email, ids: rows.map((i) => rs[i]!.id), names: rows.map((i) => rs[i]!.name), distinctNames: new Set(rows.map((i) => names[i])).size }));
  return duplicateItems(emailGroups, nameGroups, p.input.sharedAddresses ?? []);
}

/** The items for addresses on several rows and names with several addresses, each group in order of its first row. */
export function duplicateItems(emailGroups: readonly AddressGroup[], nameGroups: readonly NameGroup[], sharedAddresses: readonly string[]): CheckItem[] {
  const shared = new Set(sharedAddresses.map((a) => a.toLowerCase()));
  const differentNames: number[] = [];
  const diffAddresses: string[] = [];
  const sharedMembers: number[] = [];
  const sharedExamples: string[] = [];
  const sameName: number[] = [];
  const diffExamples: string[] = [];
  const sameExamples: string[] = [];
  for (const { email, ids, names, distinctNames } of emailGroups) {
    if (distinctNames > 1 && shared.has(email)) {
      for (const id of ids) sharedMembers.push(id);
      if (sharedExamples.length < EXAMPLE_CAP) sharedExamples.push(`${email} (${names.join(' / ')})`);
      continue;
    }
    if (distinctNames > 1) diffAddresses.push(email);
    const target = distinctNames > 1 ? differentNames : sameName;
    for (const id of ids) target.push(id);
    if (distinctNames > 1 && diffExamples.length < EXAMPLE_CAP) {
      diffExamples.push(`${email} (${names.join(' / ')})`);
    } else if (distinctNames === 1 && sameExamples.length < EXAMPLE_CAP) sameExamples.push(email);
  }

  const multiAddress: number[] = [];
  const multiExamples: string[] = [];
  for (const { name, ids, emails } of nameGroups) {
    if (emails.length < 2) continue;
    for (const id of ids) multiAddress.push(id);
    // The first few addresses and how many more: at 50,000 members one common name can have
    // hundreds, and the message must stay readable (the rest are found by the name on Lists).
    if (multiExamples.length < EXAMPLE_CAP) multiExamples.push(`${name} (${listText(emails, 3)})`);
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
