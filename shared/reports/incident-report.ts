// A draft of what the Personal Information Protection Commission (個人情報保護委員会) asks for
// when personal data leaks (個人情報保護法施行規則 第7条・第8条), filled from Tayori's records where
// they know the answer and left for people where only they do; whether a report is mandatory,
// and its deadlines counted from the day the organisation found out. Pure: the screen edits the
// answers, the report service and the CSV read the same result.
import type { ReportLang } from './local-time';
import { formatLocal, zoneLabel } from './local-time';
import type { NoticeSummary } from './notice-summary';
import type { ReplyWords } from './smtp-reply-words';

/** The items of the PPC's report form, in its order. */
export const PPC_ITEMS = [
  'summary',
  'dataItems',
  'people',
  'cause',
  'secondaryHarm',
  'responseToPeople',
  'announcement',
  'prevention',
  'other',
] as const;
export type PpcItem = (typeof PPC_ITEMS)[number];

const PPC_ITEM_TITLES: Readonly<Record<PpcItem, ReplyWords>> = {
  summary: { ja: '概要', en: 'Summary' },
  dataItems: { ja: '漏えい等が発生し、又は発生したおそれがある個人データの項目', en: 'Items of personal data leaked or possibly leaked' },
  people: { ja: '漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数', en: 'Number of people whose data leaked or possibly leaked' },
  cause: { ja: '原因', en: 'Cause' },
  secondaryHarm: { ja: '二次被害又はそのおそれの有無及びその内容', en: 'Secondary harm, or its risk, and what it is' },
  responseToPeople: { ja: '本人への対応の実施状況', en: 'What has been done for the people concerned' },
  announcement: { ja: '公表の実施状況', en: 'Public announcement' },
  prevention: { ja: '再発防止のための措置', en: 'Measures to prevent it happening again' },
  other: { ja: 'その他参考となる事項', en: 'Other relevant information' },
};

/** The conditions under which a report to the PPC is mandatory (施行規則 第7条 1–4号). */
export const MANDATORY_CONDITIONS = ['overThousand', 'sensitive', 'financial', 'improperPurpose'] as const;
export type MandatoryCondition = (typeof MANDATORY_CONDITIONS)[number];

export const MANDATORY_WORDS: Readonly<Record<MandatoryCondition, ReplyWords>> = {
  overThousand: { ja: '本人の数が 1,000 人を超える', en: 'More than 1,000 people are concerned' },
  sensitive: { ja: '要配慮個人情報（病歴、障害、信条など）が含まれる', en: 'Sensitive personal information (medical history, disability, beliefs …) is included' },
  financial: { ja: '不正に利用されると財産的被害が生じるおそれがある（口座番号、カード番号など）', en: 'Misuse could cause financial harm (bank account or card numbers …)' },
  improperPurpose: { ja: '不正の目的によるおそれがある（不正アクセス、持ち出しなど）', en: 'It may have been done for an improper purpose (unauthorised access, theft …)' },
};

/** What only people know: typed on the incident screen. */
export interface IncidentAnswers {
  /** The day the organisation found out (YYYY-MM-DD), from which the deadlines run. */
  readonly discoveredOn: string | null;
  readonly sensitive: boolean;
  readonly financial: boolean;
  readonly improperPurpose: boolean;
  /** Free text per item; an item left empty keeps the draft from the records. */
  readonly texts: Partial<Readonly<Record<PpcItem, string>>>;
}

/** The facts from Tayori's records that the draft needs. */
export interface IncidentFacts {
  readonly notice: NoticeSummary;
  /** The data items the members' messages contained (the template's fields, plus the address). */
  readonly dataItems: readonly string[];
  readonly attachments: readonly { readonly fileName: string; readonly sha256: string }[];
}

export interface IncidentDraft {
  readonly items: readonly { readonly item: PpcItem; readonly title: string; readonly text: string; readonly fromRecords: boolean }[];
  readonly mandatory: Readonly<Record<MandatoryCondition, boolean>>;
  readonly reportRequired: boolean;
  /** Null until the day of discovery is given. */
  readonly deadlines: { readonly promptFrom: string; readonly promptTo: string; readonly final: string } | null;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** "2026-12-02" + n days, on the calendar (no clock, no zone). */
export function addDays(day: string, n: number): string {
  const m = DAY.exec(day);
  if (!m) throw new Error(`not a day: ${day}`);
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]) + n));
  return d.toISOString().slice(0, 10);
}

export const isDay = (s: string): boolean => DAY.test(s) && addDays(s, 0) === s;

/**
 * 速報 (prompt report) "promptly": the PPC's guidelines read this as about 3–5 days from when the
 * organisation knew. 確報 (full report) within 30 days, 60 where an improper purpose is suspected.
 */
export function reportDeadlines(discoveredOn: string, improperPurpose: boolean): IncidentDraft['deadlines'] {
  return { promptFrom: addDays(discoveredOn, 3), promptTo: addDays(discoveredOn, 5), final: addDays(discoveredOn, improperPurpose ? 60 : 30) };
}

function draftFromRecords(item: PpcItem, f: IncidentFacts, lang: ReportLang, timeZone: string): string {
  const n = f.notice;
  const when = n.sendStartedAt === null ? null : `${formatLocal(n.sendStartedAt, timeZone, false)} (${zoneLabel(timeZone, n.sendStartedAt).split(',')[0]})`;
  const files = f.attachments.map((a) => a.fileName).join(lang === 'ja' ? '、' : ', ');
  switch (item) {
    case 'summary':
      return lang === 'ja'
        ? `${when ?? '（未送信）'}に、名簿「${n.listName}」の会員へお知らせ「${n.name}」をメールで送信した。メールサーバーが受け取ったのは ${n.reached} 人分（うち届いたか不明 ${n.counts.unknown} 人）。${files ? `添付ファイル: ${files}。` : ''}（何が起きたかを書き足してください）`
        : `On ${when ?? '(not sent)'} the notice "${n.name}" was mailed to members of the list "${n.listName}". The mail server took ${n.reached} messages (${n.counts.unknown} of them unknown). ${files ? `Attachments: ${files}. ` : ''}(Add what went wrong.)`;
    case 'dataItems':
      return f.dataItems.join(lang === 'ja' ? '、' : ', ') + (files ? (lang === 'ja' ? `、添付ファイル（${files}）の内容` : `, the contents of the attachments (${files})`) : '');
    case 'people':
      return lang === 'ja' ? `${n.reached} 人（送信記録による。うち届いたか不明 ${n.counts.unknown} 人）` : `${n.reached} (from the send records; ${n.counts.unknown} unknown)`;
    default:
      return '';
  }
}

export function buildIncidentDraft(f: IncidentFacts, a: IncidentAnswers, lang: ReportLang, timeZone: string): IncidentDraft {
  const items = PPC_ITEMS.map((item) => {
    const typed = a.texts[item]?.trim() ?? '';
    const drafted = draftFromRecords(item, f, lang, timeZone);
    return { item, title: PPC_ITEM_TITLES[item][lang], text: typed !== '' ? typed : drafted, fromRecords: typed === '' && drafted !== '' };
  });
  const mandatory = {
    overThousand: f.notice.reached > 1000,
    sensitive: a.sensitive,
    financial: a.financial,
    improperPurpose: a.improperPurpose,
  };
  return {
    items,
    mandatory,
    reportRequired: Object.values(mandatory).some(Boolean),
    deadlines: a.discoveredOn !== null && isDay(a.discoveredOn) ? reportDeadlines(a.discoveredOn, a.improperPurpose) : null,
  };
}
