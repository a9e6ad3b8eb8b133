// Organisation policy: the sender must be the organisation's own address (Saga Pref. BoE
// 2024-02 resent from a private account), a second person must be able to approve, and
// personal or outside addresses stand out where the list should hold none.
import { isFreeMailDomain } from './domain-lists';
import { isOrgDomain } from './domain-groups';
import { item, listText } from './item';
import type { CheckItem, Prepared } from './types';

/** Share of members on the organisation's domains above which an outside address stands out. */
const INTERNAL_LIST_RATIO = 0.5;

function domainOfAddress(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}

export function senderRule(p: Prepared): CheckItem[] {
  const { profile, policy } = p.input;
  if (!profile) {
    return [
      item({
        code: 'no-sender-profile',
        severity: 'blocking',
        params: {},
        ja: '送信元（SMTP設定）が選ばれていません。組織の送信設定を選んでください。',
        en: 'No sender (SMTP profile) is chosen. Choose the organisation’s sending profile.',
      }),
    ];
  }
  const from = profile.fromAddress.trim().toLowerCase();
  const fromDomain = domainOfAddress(from);
  const orgAddress = policy.organisationAddress?.trim().toLowerCase();
  const mismatch =
    (orgAddress && from !== orgAddress) ||
    (!orgAddress && p.orgDomains.length > 0 && !isOrgDomain(fromDomain, p.orgDomains));
  if (mismatch) {
    const expected = orgAddress || p.orgDomains.join(', ');
    return [
      item({
        code: 'sender-not-organisation',
        severity: 'blocking',
        params: { from, expected },
        ja: `送信元「${from}」は組織の送信用アドレス（${expected}）ではありません。個人のアカウントからは送れません。組織の送信設定を選んでください。`,
        en: `The sender "${from}" is not the organisation’s address (${expected}). Mail cannot go out from a personal account: choose the organisation’s profile.`,
      }),
    ];
  }
  if (!orgAddress && p.orgDomains.length === 0) {
    if (isFreeMailDomain(fromDomain)) {
      return [
        item({
          code: 'sender-personal-address',
          severity: 'blocking',
          params: { from },
          ja: `送信元「${from}」は個人向けのメールサービスのアドレスです。組織のアドレスの送信設定を使ってください。`,
          en: `The sender "${from}" is a personal mail-service address. Use a profile with the organisation’s address.`,
        }),
      ];
    }
    return [
      item({
        code: 'organisation-address-unset',
        severity: 'warning',
        params: { from },
        ja: '組織の送信用アドレスが設定されていないため、送信元を確かめられません。設定画面で登録してください。',
        en: 'The organisation’s sending address is not set, so the sender cannot be checked. Set it in Settings.',
      }),
    ];
  }
  return [];
}

export function approverRule(p: Prepared): CheckItem[] {
  const n = p.input.approversAvailable;
  if (n === undefined || n >= 1) return [];
  return [
    item({
      code: 'no-approver',
      severity: 'blocking',
      params: { approvers: n },
      ja: '承認できる人がいません。送信には、作成者とは別の人の承認が必要です。もう一人利用者を登録してください。',
      en: 'Nobody can approve this send: a second person must sign off. Add another user.',
    }),
  ];
}

export function recipientPolicyRule(p: Prepared, groups: Map<string, number[]>): CheckItem[] {
  const rs = p.input.recipients;
  return recipientPolicyItems(p.input.policy.recipientsAreOrganisations ?? false, p.orgDomains, rs.length, groups, (rows) => rows.map((i) => rs[i]!.id));
}

/**
 * The policy's items from the rows per domain. Rows are numbers that sort in list order (indices,
 * or ids where they rise with the list); `ids` gives the member ids of rows so sorted.
 */
export function recipientPolicyItems(
  recipientsAreOrganisations: boolean,
  orgDomains: readonly string[],
  total: number,
  groups: Iterable<readonly [string, readonly number[]]>,
  ids: (rows: number[]) => number[],
): CheckItem[] {
  const items: CheckItem[] = [];
  if (recipientsAreOrganisations) {
    const personal: number[] = [];
    const domains: string[] = [];
    for (const [d, rows] of groups) {
      if (!isFreeMailDomain(d)) continue;
      for (const r of rows) personal.push(r);
      domains.push(d);
    }
    if (personal.length) {
      personal.sort((a, b) => a - b);
      domains.sort();
      items.push(
        item({
          code: 'free-mail-recipients',
          severity: 'warning',
          members: ids(personal),
          params: { domains: domains.join(', ') },
          ja: `宛先は団体のはずですが、個人向けのアドレス（${listText(domains)}）が${personal.length}件あります。登録の誤りでないか確かめてください。`,
          en: `Members should be organisations, but ${personal.length} address(es) are personal (${listText(domains)}). Check they were registered on purpose.`,
        }),
      );
    }
  }
  if (orgDomains.length) {
    const outside: number[] = [];
    const domains: string[] = [];
    let inside = 0;
    for (const [d, rows] of groups) {
      if (isOrgDomain(d, orgDomains)) inside += rows.length;
      else {
        for (const r of rows) outside.push(r);
        domains.push(d);
      }
    }
    if (outside.length && inside >= total * INTERNAL_LIST_RATIO) {
      outside.sort((a, b) => a - b);
      domains.sort();
      items.push(
        item({
          code: 'external-among-internal',
          severity: 'warning',
          members: ids(outside),
          params: { domains: domains.join(', '), inside, outside: outside.length },
          ja: `組織内のアドレスが中心の名簿に、外部のアドレスが${outside.length}件あります（${listText(domains)}）。個人アドレスや誤登録でないか確かめてください。`,
          en: `This list is mostly the organisation’s own addresses, but ${outside.length} are outside it (${listText(domains)}). Check they are not private or mis-registered addresses.`,
        }),
      );
    }
  }
  return items;
}
