// Reads the per-recipient fields of an RFC 3464 delivery-status body (Final-Recipient, Action,
// Status, Diagnostic-Code), tolerant of the folded lines and missing blank lines real MTAs write.
import { kindOfCode, type BouncedRecipient } from './bounce-report';

interface Fields {
  readonly [name: string]: string;
}

/** Splits "Name: value" lines (continuations folded in) into blocks at blank lines. */
function blocks(text: string): Fields[] {
  const out: Record<string, string>[] = [];
  let cur: Record<string, string> = {};
  let last: string | null = null;
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (Object.keys(cur).length) out.push(cur);
      cur = {};
      last = null;
    } else if (/^[ \t]/.test(line) && last) {
      cur[last] += ' ' + line.trim();
    } else {
      const m = /^([A-Za-z][A-Za-z0-9-]*):\s*(.*)$/.exec(line);
      if (m) {
        last = m[1]!.toLowerCase();
        cur[last] = m[2]!.trim();
      } else last = null;
    }
  }
  if (Object.keys(cur).length) out.push(cur);
  return out;
}

/** "rfc822; a@b" → "a@b" (lower-case), or null. */
function addressOf(v: string | undefined): string | null {
  if (!v) return null;
  const a = v.includes(';') ? v.slice(v.indexOf(';') + 1) : v;
  const clean = a.trim().replace(/^<|>$/g, '').toLowerCase();
  return clean.includes('@') ? clean : null;
}

/** The Reporting-MTA ("dns; mx.example") of the report, if stated. */
export function reportingMta(text: string): string | null {
  const m = /^Reporting-MTA:\s*(?:[^;\r\n]*;)?\s*([^\s\r\n]+)/im.exec(text);
  return m ? m[1]! : null;
}

/** Each recipient block with an Action other than delivered/relayed/expanded (those are not bounces). */
export function dsnRecipients(text: string): BouncedRecipient[] {
  const out: BouncedRecipient[] = [];
  for (const b of blocks(text)) {
    if (!b['final-recipient'] && !b['original-recipient']) continue;
    const action = (b['action'] ?? '').toLowerCase();
    if (['delivered', 'relayed', 'expanded'].includes(action)) continue;
    const status = /([245]\.\d{1,3}\.\d{1,3})/.exec(b['status'] ?? '')?.[1] ?? null;
    const diagnostic = b['diagnostic-code'] ? b['diagnostic-code'].replace(/^[^;]*;\s*/, '') : null;
    const kind = kindOfCode(status) ?? (action === 'delayed' ? 'soft' : action === 'failed' ? 'hard' : null);
    if (!kind) continue;
    out.push({ address: addressOf(b['final-recipient'] ?? b['original-recipient']), kind, statusCode: status, diagnostic });
  }
  return out;
}
