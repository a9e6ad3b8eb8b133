// Who a notice went to, as a CSV for Excel: one row per member with where their message stands,
// the server's reply in plain words and as it came, and the time on the reader's clock.
import { toExcelCsv } from './csv';
import { formatLocal, zoneLabel } from './local-time';
import type { ReportFormat } from './audit-csv';
import { explainSmtpReply } from './smtp-reply-words';
import { RECIPIENT_STATUS_WORDS } from './status-words';
import type { RecipientStatus } from '../statuses';

export interface RecipientRow {
  readonly position: number;
  readonly name: string;
  readonly email: string;
  readonly status: RecipientStatus;
  readonly smtpResponse: string | null;
  readonly messageId: string | null;
  readonly finishedAt: number | null;
}

const HEADERS = {
  ja: ['番号', '名前', 'メールアドレス', '状態', 'サーバーの応答（説明）', 'サーバーの応答（原文）', 'Message-ID', '日時'],
  en: ['No.', 'Name', 'Email', 'Status', 'Server reply (meaning)', 'Server reply (as received)', 'Message-ID', 'Time'],
} as const;

export function recipientsCsv(rows: readonly RecipientRow[], f: ReportFormat): string {
  const header: string[] = [...HEADERS[f.lang]];
  header[7] = `${header[7]} (${zoneLabel(f.timeZone, f.now)})`;
  const out = rows.map((r) => [
    String(r.position + 1),
    r.name,
    r.email,
    RECIPIENT_STATUS_WORDS[r.status][f.lang],
    r.smtpResponse ? explainSmtpReply(r.smtpResponse)[f.lang] : '',
    r.smtpResponse ?? '',
    r.messageId ?? '',
    r.finishedAt === null ? '' : formatLocal(r.finishedAt, f.timeZone),
  ]);
  return toExcelCsv([header, ...out]);
}
