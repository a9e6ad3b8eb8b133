// Says who the recipient query left out and why, so the requester and the approver see it:
// identical rows merged, members excluded in the app, suppressed addresses with their reason,
// and follow-up members who are no longer on the list (reported, never mailed).
import { item, listText } from './item';
import type { CheckItem, Prepared } from './types';

const REASONS_JA: Readonly<Record<string, string>> = { 'asked-to-stop': '配信停止の希望', moved: '転居', deceased: '逝去', bounced: '不達', other: 'その他' };

export function leftOutRule(p: Prepared): CheckItem[] {
  const l = p.input.leftOut;
  if (!l) return [];
  const items: CheckItem[] = [];
  if (l.merged > 0) {
    items.push(
      item({
        code: 'identical-rows-merged',
        severity: 'info',
        params: { count: l.merged },
        ja: `同じアドレス・同じ氏名の行 ${l.merged} 件は重複として 1 通にまとめました。`,
        en: `${l.merged} row(s) identical to an earlier one (same address and name) were merged: each person gets one mail.`,
      }),
    );
  }
  if (l.excluded > 0) {
    items.push(
      item({
        code: 'excluded-members',
        severity: 'info',
        params: { count: l.excluded },
        ja: `Tayori で送信対象から外した会員 ${l.excluded} 人には送りません。`,
        en: `${l.excluded} member(s) excluded from sending in Tayori will not receive it.`,
      }),
    );
  }
  if (l.suppressedCount > 0) {
    const ja = l.suppressed.map((s) => `${s.email}（${REASONS_JA[s.reason] ?? s.reason}）`);
    const en = l.suppressed.map((s) => `${s.email} (${s.reason})`);
    items.push(
      item({
        code: 'suppressed-members',
        severity: 'warning',
        params: { count: l.suppressedCount, examples: en.join('; ') },
        ja: `配信停止リストにあるアドレス ${l.suppressedCount} 件には送りません（例: ${listText(ja, 3)}）。`,
        en: `${l.suppressedCount} address(es) on the suppression list will not receive it (e.g. ${listText(en, 3)}).`,
      }),
    );
  }
  if (l.missingCount > 0) {
    const ex = l.missing.map((m) => `${m.name} <${m.email}>`);
    items.push(
      item({
        code: 'follow-up-member-removed',
        severity: 'warning',
        params: { count: l.missingCount, examples: ex.join('; ') },
        ja: `前回の送信先のうち ${l.missingCount} 人は、今の名簿にいないため送りません（例: ${listText(ex, 3)}）。`,
        en: `${l.missingCount} earlier recipient(s) are no longer on the list and will not receive it (e.g. ${listText(ex, 3)}).`,
      }),
    );
  }
  return items;
}
