// The incident report as one CSV for Excel: the PPC items (drafted or typed), whether a report
// is mandatory and by when, the attachments with their SHA-256, the timeline, and who received
// what, one row per member. Sections are separated by an empty row and start with a title row.
import { auditActionWords } from './audit-actions';
import { toExcelCsv } from './csv';
import type { ReportFormat } from './audit-csv';
import { MANDATORY_CONDITIONS, MANDATORY_WORDS, type IncidentDraft, type IncidentFacts } from './incident-report';
import { formatLocal, zoneLabel } from './local-time';
import { RECIPIENT_STATUS_WORDS } from './status-words';
import type { RecipientStatus } from '../statuses';

export interface IncidentRecipient {
  readonly position: number;
  readonly name: string;
  readonly email: string;
  readonly status: RecipientStatus;
  /** The data items this member's message contained (fields with a value in their row). */
  readonly items: readonly string[];
  readonly messageId: string | null;
  readonly finishedAt: number | null;
}

const W = {
  ja: {
    report: '報告事項', item: '項目', text: '内容', mandatory: '報告が義務となる場合', yes: '該当', no: '該当しない',
    required: '個人情報保護委員会への報告', requiredYes: '必要', requiredNo: '上の条件には該当しない（念のため確認してください）',
    deadlines: '期限', discovered: '発覚した日', prompt: '速報（おおむね 3〜5 日以内）', final: '確報', notGiven: '発覚した日を入力してください',
    files: '添付ファイル', file: 'ファイル名', bytes: 'バイト数', timeline: '経過', at: '日時', who: '操作した人', what: '操作',
    people: '受け取った人と内容', no_: '番号', name: '名前', email: 'メールアドレス', status: '状態', items: '含まれた項目', time: '日時',
  },
  en: {
    report: 'Report items', item: 'Item', text: 'Text', mandatory: 'When a report is mandatory', yes: 'applies', no: 'does not apply',
    required: 'Report to the PPC', requiredYes: 'required', requiredNo: 'none of the conditions apply (check again)',
    deadlines: 'Deadlines', discovered: 'Day discovered', prompt: 'Prompt report (about 3–5 days)', final: 'Full report', notGiven: 'enter the day of discovery',
    files: 'Attachments', file: 'File name', bytes: 'Bytes', timeline: 'Timeline', at: 'Time', who: 'Who', what: 'What',
    people: 'Who received what', no_: 'No.', name: 'Name', email: 'Email', status: 'Status', items: 'Data items', time: 'Time',
  },
} as const;

export function incidentCsv(
  facts: IncidentFacts,
  draft: IncidentDraft,
  discoveredOn: string | null,
  recipients: readonly IncidentRecipient[],
  f: ReportFormat,
): string {
  const w = W[f.lang];
  const zone = zoneLabel(f.timeZone, f.now);
  const time = (ms: number | null) => (ms === null ? '' : formatLocal(ms, f.timeZone));
  const rows: string[][] = [
    [w.report],
    [w.item, w.text],
    ...draft.items.map((i) => [i.title, i.text]),
    [],
    [w.mandatory],
    ...MANDATORY_CONDITIONS.map((c) => [MANDATORY_WORDS[c][f.lang], draft.mandatory[c] ? w.yes : w.no]),
    [w.required, draft.reportRequired ? w.requiredYes : w.requiredNo],
    [],
    [w.deadlines],
    [w.discovered, discoveredOn ?? w.notGiven],
    [w.prompt, draft.deadlines ? `${draft.deadlines.promptFrom} – ${draft.deadlines.promptTo}` : w.notGiven],
    [w.final, draft.deadlines?.final ?? w.notGiven],
    [],
    [w.files],
    [w.file, 'SHA-256', w.bytes],
    ...facts.notice.attachments.map((a) => [a.fileName, a.sha256, String(a.bytes)]),
    [],
    [w.timeline],
    [`${w.at} (${zone})`, w.who, w.what],
    ...facts.notice.timeline.map((e) => [time(e.at), e.actor ?? '', auditActionWords(e.action, f.lang)]),
    [],
    [w.people],
    [w.no_, w.name, w.email, w.status, w.items, 'Message-ID', `${w.time} (${zone})`],
    ...recipients.map((r) => [
      String(r.position + 1), r.name, r.email, RECIPIENT_STATUS_WORDS[r.status][f.lang], r.items.join(f.lang === 'ja' ? '、' : ', '), r.messageId ?? '', time(r.finishedAt),
    ]),
  ];
  return toExcelCsv(rows);
}
