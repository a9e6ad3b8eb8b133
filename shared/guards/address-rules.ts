// Blocks addresses that cannot be valid (a send to them fails or goes somewhere unintended);
// old carrier addresses with odd dots are only warned about, since they do exist.
import { validateAddress, type AddressRejectReason } from '../address';
import { item } from './item';
import type { CheckItem, Prepared } from './types';

export function addressRule(p: Prepared): CheckItem[] {
  const invalid: number[] = [];
  const dots: number[] = [];
  const reasons = new Map<AddressRejectReason, number>();
  p.input.recipients.forEach((r) => {
    const reason = validateAddress(r.email);
    if (!reason) return;
    if (reason === 'local-dots') {
      dots.push(r.id);
      return;
    }
    invalid.push(r.id);
    reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  });
  return addressItems(invalid, dots, reasons);
}

/**
 * The items for the invalid addresses and those with unusual dots (member ids in list order), and
 * each reason's count in the order the reasons first occur in the list.
 */
export function addressItems(invalid: readonly number[], dots: readonly number[], reasons: Iterable<readonly [AddressRejectReason, number]>): CheckItem[] {
  const items: CheckItem[] = [];
  if (invalid.length) {
    const summary = [...reasons].map(([k, v]) => `${k}:${v}`).join(', ');
    items.push(
      item({
        code: 'invalid-address',
        severity: 'blocking',
        members: invalid,
        params: { reasons: summary },
        ja: `正しくないアドレスが${invalid.length}件あります。名簿を直して取り込み直すまで送れません。`,
        en: `${invalid.length} address(es) are not valid. Fix them in the list and import it again before sending.`,
      }),
    );
  }
  if (dots.length) {
    items.push(
      item({
        code: 'address-unusual-dots',
        severity: 'warning',
        members: dots,
        params: {},
        ja: `「.」が連続・先頭・末尾にあるアドレスが${dots.length}件あります（古い携帯のアドレスに多い形です）。送信先のサーバーに断られることがあるので、本人に確かめてください。`,
        en: `${dots.length} address(es) have leading, trailing or doubled dots (common in old mobile addresses). Some servers refuse them: check with the members.`,
      }),
    );
  }
  return items;
}
