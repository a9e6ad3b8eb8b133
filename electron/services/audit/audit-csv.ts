// Audit log → CSV for Excel: UTF-8 with BOM, CRLF, every cell quoted, and cells that a
// spreadsheet would treat as a formula (= + - @, tab, CR) neutralised with a leading apostrophe.
import type { AuditEntry } from '../../db/repos/audit-repo';

const HEADER = ['id', 'time_utc', 'actor', 'action', 'list_id', 'campaign_id', 'details'];

/** Neutralises spreadsheet formula injection (OWASP "CSV injection"), then quotes. */
function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function auditToCsv(entries: readonly AuditEntry[]): string {
  const lines = [HEADER.map(csvCell).join(',')];
  for (const e of entries) {
    lines.push(
      [
        String(e.id),
        new Date(e.at).toISOString(),
        e.actor ?? '',
        e.action,
        e.listId === null ? '' : String(e.listId),
        e.campaignId === null ? '' : String(e.campaignId),
        JSON.stringify(e.details),
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}
