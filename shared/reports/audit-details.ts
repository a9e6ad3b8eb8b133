// One line of readable details for an audit row: the facts a person looks for (whose address,
// which file, how many, why), never digests, hashes or internal ids. The whole record stays one
// click away on screen and in the CSV's last column.
import type { ReportLang } from './local-time';
import { explainSmtpReply } from './smtp-reply-words';
import { RECIPIENT_STATUS_WORDS } from './status-words';
import { isRecipientStatus } from './recipient-status';

const LABELS: Readonly<Record<string, { ja: string; en: string }>> = {
  name: { ja: '名前', en: 'name' },
  email: { ja: 'アドレス', en: 'address' },
  address: { ja: 'アドレス', en: 'address' },
  to: { ja: '宛先', en: 'to' },
  fileName: { ja: 'ファイル', en: 'file' },
  file: { ja: 'ファイル', en: 'file' },
  rows: { ja: '行数', en: 'rows' },
  added: { ja: '追加', en: 'added' },
  removed: { ja: '削除', en: 'removed' },
  changed: { ja: '変更', en: 'changed' },
  pending: { ja: '未送信', en: 'to send' },
  count: { ja: '件数', en: 'count' },
  reason: { ja: '理由', en: 'reason' },
  note: { ja: 'メモ', en: 'note' },
  decision: { ja: '判断', en: 'decision' },
  user: { ja: '利用者', en: 'user' },
  attempts: { ja: '試行回数', en: 'attempts' },
  remaining: { ja: '残り回数', en: 'tries left' },
};

/** Keys never shown in the summary: fingerprints and ids mean nothing to a reader. */
const HIDDEN = /digest|hash|sha|token|salt|messageId|Id$|^id$/i;

function value(v: unknown): string | null {
  if (typeof v === 'string') return v === '' ? null : v.length > 80 ? `${v.slice(0, 79)}…` : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string' || typeof x === 'number')) {
    return v.length > 5 ? `${v.slice(0, 5).join(', ')} … (${v.length})` : v.join(', ');
  }
  return null;
}

export function summarizeAuditDetails(action: string, details: Readonly<Record<string, unknown>>, lang: ReportLang): string {
  // One member's result reads as a sentence: who, where it stands, what the server said.
  if (action === 'send.member') {
    const status = details['status'];
    const words = typeof status === 'string' && isRecipientStatus(status) ? RECIPIENT_STATUS_WORDS[status][lang] : '';
    const response = typeof details['response'] === 'string' ? explainSmtpReply(details['response'])[lang] : '';
    return [details['email'], words, status === 'sent' ? '' : response].filter((x) => typeof x === 'string' && x !== '').join(' — ');
  }
  const parts: string[] = [];
  for (const [k, v] of Object.entries(details)) {
    if (HIDDEN.test(k)) continue;
    const label = LABELS[k];
    const text = value(v);
    if (!label || text === null) continue;
    parts.push(`${label[lang]}: ${text}`);
  }
  return parts.join(lang === 'ja' ? '、' : '; ');
}
