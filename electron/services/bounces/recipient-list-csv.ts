// The recipient list attached to the Sent-folder copy of a run: who the notice went to, and where
// each message stands. UTF-8 with BOM (Excel reads it as such), every cell quoted, and cells a
// spreadsheet would run as a formula neutralised (OWASP "CSV injection").
import type { SentRecipientRow } from '../../db/repos/sends-repo';

const HEADER = ['position', 'name', 'email', 'status', 'message_id', 'finished_at_utc'];

function cell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}

export function recipientListCsv(rows: readonly SentRecipientRow[]): Buffer {
  const lines = [HEADER.map(cell).join(',')];
  for (const r of rows) {
    const at = r.finishedAt === null ? '' : new Date(r.finishedAt).toISOString();
    lines.push([String(r.position + 1), r.name, r.email, r.status, r.messageId ?? '', at].map(cell).join(','));
  }
  return Buffer.from('\uFEFF' + lines.join('\r\n') + '\r\n', 'utf8');
}
