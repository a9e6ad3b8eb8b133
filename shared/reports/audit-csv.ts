// The audit log as a CSV a person reads in Excel: headers in the reader's language, times on
// their clock with the zone in the header and every cell, actions in words (the stored action
// name beside them, for anyone matching rows by hand), and the full record as the last column.
import type { AuditEntryDto } from '../contract/dto/send';
import { auditActionWords } from './audit-actions';
import { summarizeAuditDetails } from './audit-details';
import { toExcelCsv } from './csv';
import { formatLocal, zoneLabel, type ReportLang } from './local-time';

export interface ReportFormat {
  readonly lang: ReportLang;
  readonly timeZone: string;
  /** The moment whose UTC offset the header states (the export's time). */
  readonly now: number;
}

const HEADERS = {
  ja: ['番号', '日時', '操作した人', '操作', '操作の記録名', '名簿番号', 'お知らせ番号', '内容', '記録のすべて (JSON)'],
  en: ['No.', 'Time', 'Who', 'What', 'Action name', 'List no.', 'Notice no.', 'Summary', 'Full record (JSON)'],
} as const;

export function auditCsv(entries: readonly AuditEntryDto[], f: ReportFormat): string {
  const header: string[] = [...HEADERS[f.lang]];
  header[1] = `${header[1]} (${zoneLabel(f.timeZone, f.now)})`;
  const zone = zoneLabel(f.timeZone, f.now).split(',')[0]!;
  const rows = entries.map((e) => [
    String(e.id),
    `${formatLocal(e.at, f.timeZone)} ${zone}`,
    e.actor ?? '',
    auditActionWords(e.action, f.lang),
    e.action,
    e.listId === null ? '' : String(e.listId),
    e.campaignId === null ? '' : String(e.campaignId),
    summarizeAuditDetails(e.action, e.details, f.lang),
    JSON.stringify(e.details),
  ]);
  return toExcelCsv([header, ...rows]);
}
