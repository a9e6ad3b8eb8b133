// Warns when the list is much larger than the last send to it (a wrong or merged list), and
// blocks an empty one.
import { item } from './item';
import type { CheckItem, Prepared } from './types';

const GROWTH_WARN_RATIO = 1.5;

export function sizeRule(p: Prepared): CheckItem[] {
  const n = p.input.recipients.length;
  if (n === 0) {
    return [
      item({
        code: 'no-recipients',
        severity: 'blocking',
        params: {},
        ja: '宛先が一件もありません。名簿を取り込んでください。',
        en: 'There are no recipients. Import the list first.',
      }),
    ];
  }
  const last = p.input.previous?.lastSendCount;
  if (!last || n <= last * GROWTH_WARN_RATIO) return [];
  return [
    item({
      code: 'list-much-larger',
      severity: 'warning',
      params: { count: n, previous: last },
      ja: `宛先が${n}件で、前回この名簿に送ったとき（${last}件）よりずっと多くなっています。別の名簿や結合した名簿でないか確かめてください。`,
      en: `This send goes to ${n} members, far more than the last send to this list (${last}). Check it is the right list.`,
    }),
  ];
}
