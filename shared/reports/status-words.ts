// Where a member's message stands, in the words the send screen uses (send.status_*), for
// exports and reports built outside the renderer. A test keeps the two in step. 'bounced' (不達)
// is issue 13's status from bounces read back over IMAP; listed here so both branches compile.
import type { RecipientStatus } from '../statuses';
import type { ReplyWords } from './smtp-reply-words';

export const RECIPIENT_STATUS_WORDS: Readonly<Record<RecipientStatus | 'bounced', ReplyWords>> = {
  queued: { ja: '待機中', en: 'queued' },
  in_flight: { ja: '送信中', en: 'sending' },
  sent: { ja: '送信済み', en: 'sent' },
  retrying: { ja: '再試行中', en: 'retrying' },
  failed: { ja: '失敗', en: 'failed' },
  cancelled: { ja: '取り消し', en: 'cancelled' },
  unknown: { ja: '不明', en: 'unknown' },
  bounced: { ja: '不達', en: 'bounced' },
};
