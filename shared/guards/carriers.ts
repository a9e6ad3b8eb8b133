// Members on carrier phones (docomo, au, SoftBank…): their phones often refuse mail from a PC
// unless the member has allowed the sender's domain, and their servers throttle bursts. Not an
// error: a warning that says how many, so the office can send a "please allow our domain"
// notice first (one action on the check screen makes it, addressed to exactly these members).
import { carrierOf, type Carrier } from '../sending/carrier-domains';
import { item, listText } from './item';
import type { CheckItem, Prepared } from './types';

const NAMES_JA: Record<Carrier, string> = { docomo: 'ドコモ', au: 'au', softbank: 'ソフトバンク', ymobile: 'ワイモバイル', rakuten: '楽天モバイル' };

export function carrierRule(p: Prepared): CheckItem[] {
  const members: number[] = [];
  const perCarrier = new Map<Carrier, number>();
  p.domains.forEach((domain, i) => {
    const carrier = carrierOf(domain);
    if (!carrier) return;
    members.push(p.input.recipients[i]!.id);
    perCarrier.set(carrier, (perCarrier.get(carrier) ?? 0) + 1);
  });
  return carrierItems(members, perCarrier);
}

/** The item for the members on carrier domains (ids in list order), each carrier's count in order of first occurrence. */
export function carrierItems(members: readonly number[], perCarrier: Iterable<readonly [Carrier, number]>): CheckItem[] {
  if (members.length === 0) return [];
  const sorted = [...perCarrier].sort((a, b) => b[1] - a[1]);
  const ja = listText(sorted.map(([c, n]) => `${NAMES_JA[c]} ${n}人`));
  const en = listText(sorted.map(([c, n]) => `${c} ${n}`));
  return [
    item({
      code: 'carrier-recipients',
      severity: 'warning',
      members,
      params: { carriers: en },
      ja: `携帯電話のアドレスの会員が${members.length}人います（${ja}）。パソコンからのメールを受け取らない設定のことがあります。先に「受信許可のお願い」を送れます。`,
      en: `${members.length} member(s) use mobile carrier addresses (${en}). Their phones may refuse mail from a PC: you can first send them a notice asking to allow your domain.`,
    }),
  ];
}
