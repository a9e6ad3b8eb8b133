// Warns about rows that changed since the previous import: new or changed addresses (MHLW
// 2023-09: a mis-registered private address kept receiving mail) and names that moved to
// another address (Halmek 2023-12: names shifted one row against addresses).
import { item, listText } from './item';
import type { CheckItem, CheckRecipient, Prepared } from './types';

/** Share of moved names above which the whole column is probably shifted, not edited. */
const SHIFT_SUSPECT_RATIO = 0.2;
const SHIFT_SUSPECT_MIN = 3;

export function changesRule(p: Prepared): CheckItem[] {
  const rs = p.input.recipients;
  const added: number[] = [];
  const changed: number[] = [];
  const moved: number[] = [];
  // Rows with a changed address that were changed in Tayori: found in the same pass, in list order.
  const inApp: CheckRecipient[] = [];
  for (const r of rs) {
    if (r.change === 'new') added.push(r.id);
    else if (r.change === 'email-changed') {
      changed.push(r.id);
      if (r.editedBy !== undefined) inApp.push(r);
    } else if (r.change === 'name-changed') moved.push(r.id);
  }
  const items: CheckItem[] = [];
  if (moved.length >= SHIFT_SUSPECT_MIN && moved.length >= rs.length * SHIFT_SUSPECT_RATIO) {
    items.push(
      item({
        code: 'list-shift-suspected',
        severity: 'warning',
        members: moved,
        params: { moved: moved.length, total: rs.length },
        ja: `${rs.length}件中${moved.length}件で、前回の取り込みと比べて同じアドレスの名前が変わっています。名前の列が行ずれしている可能性が高いので、元の表を確かめてから取り込み直してください。`,
        en: `${moved.length} of ${rs.length} addresses now have a different name than in the previous import. The name column is probably shifted against the addresses: check the source sheet and import it again.`,
      }),
    );
  } else if (moved.length) {
    items.push(
      item({
        code: 'name-changed',
        severity: 'warning',
        members: moved,
        params: { moved: moved.length },
        ja: `${moved.length}件のアドレスで、前回の取り込みと名前が変わっています。名前とアドレスの組み合わせが正しいか確かめてください。`,
        en: `${moved.length} address(es) now carry a different name than in the previous import. Check that each name still belongs with its address.`,
      }),
    );
  }
  if (changed.length) {
    // Changes made in Tayori name who made them: the approver checks them with that person.
    const jaApp = inApp.map((r) => `${r.name}（${r.editedBy} さんが Tayori で変更）`);
    const enApp = inApp.map((r) => `${r.name} (changed in Tayori by ${r.editedBy})`);
    items.push(
      item({
        code: 'address-changed',
        severity: 'warning',
        members: changed,
        params: { changed: changed.length, inApp: inApp.length },
        ja: `${changed.length}人のアドレスが前回の取り込みから変わっています${inApp.length ? `（${listText(jaApp, 3)}）` : ''}。変更が本人からの届け出どおりか、確認してから送ってください。`,
        en: `${changed.length} member(s) have a different address than in the previous import${inApp.length ? ` (${listText(enApp, 3)})` : ''}. Confirm each change with the member before sending.`,
      }),
    );
  }
  if (added.length && added.length === rs.length) {
    items.push(
      item({
        code: 'addresses-all-new',
        severity: 'info',
        params: { added: added.length },
        ja: 'この名簿には比べられる前回の取り込みがありません。すべてのアドレスが初めての宛先です。',
        en: 'There is no previous import of this list to compare with; every address is new.',
      }),
    );
  } else if (added.length) {
    items.push(
      item({
        code: 'address-new',
        severity: 'warning',
        members: added,
        params: { added: added.length },
        ja: `前回の取り込みになかったアドレスが${added.length}件あります。正しい宛先か確かめてください。`,
        en: `${added.length} address(es) were not in the previous import. Check that they are right.`,
      }),
    );
  }
  return items;
}
