// Who an SMTP refusal is about: the one recipient (greylisting, a full mailbox, an unknown user),
// or the sending account and its server (login, quota, rate, the server closing the channel).
// The send engine keeps going past the first kind and pauses the run on the second.

export type ReplyScope =
  /** About this message or recipient: retry (4xx) or fail (5xx) this member, keep sending. */
  | 'recipient'
  /** The account is not logged in or not allowed to send: nothing will pass until it is fixed. */
  | 'auth'
  /** The account or server is over a limit or unavailable: every further message would meet the same. */
  | 'server';

/** RFC 3463 enhanced status code (class.subject.detail) at the start of the reply text, if any. */
function enhanced(text: string): { subject: number; detail: number } | null {
  const m = /^[245]\.(\d{1,3})\.(\d{1,3})\b/.exec(text);
  return m ? { subject: Number(m[1]), detail: Number(m[2]) } : null;
}

// Words providers use when the account (not the recipient) hit a limit: Gmail "Daily user
// sending limit exceeded", Microsoft "SubmissionQuotaExceeded", "Server busy", Yahoo "unexpected
// volume", "Too many connections/messages/recipients", "rate limited", "throttled".
const ACCOUNT_LIMIT = /quota|limit|too many|exceed|volume|throttl|server busy|congest/i;
// The account's own sending quota, whatever status code a provider files it under (Microsoft
// answers "554 5.2.0 …SubmissionQuotaExceededException").
const SENDING_QUOTA = /submission|sending (limit|quota)|daily|per (hour|day)/i;
const GREYLIST = /gr[ae]y[- ]?list/i;
const AUTH = /auth/i;

/**
 * `code` is the reply's three-digit code, `response` the whole reply line as the server sent it
 * ("451 4.7.1 Greylisted, try again later"). Only 4xx and 5xx replies are meaningful here.
 */
export function replyScope(code: number, response: string | null | undefined): ReplyScope {
  const text = (response ?? '').replace(/^\d{3}[ -]?/, '');
  const esc = enhanced(text);
  // 530 "authentication required", 534/535 login refused, x.7.8 bad credentials.
  if (code === 530 || code === 534 || code === 535 || (esc?.subject === 7 && esc.detail === 8)) return 'auth';
  if (esc?.subject === 7 && esc.detail === 0 && AUTH.test(text)) return 'auth';
  // 421: the server is closing the transmission channel, whatever it says after.
  if (code === 421) return 'server';
  // Greylisting and the mailbox statuses (x.1.x address, x.2.x mailbox: full, over its own
  // quota, receiving too fast) are about the recipient even when they mention a limit.
  if (GREYLIST.test(text)) return 'recipient';
  if (SENDING_QUOTA.test(text)) return 'server';
  if (esc && (esc.subject === 1 || esc.subject === 2)) return 'recipient';
  // x.3.x mail system status (full, not accepting), x.4.5 congestion (Gmail's 5.4.5 daily
  // limit), x.5.3 too many recipients: the server, not this member.
  if (esc && (esc.subject === 3 || (esc.subject === 4 && esc.detail === 5) || (esc.subject === 5 && esc.detail === 3))) return 'server';
  // 452 without a mailbox status: insufficient system storage or too many recipients.
  if (code === 452 && !esc) return 'server';
  if (ACCOUNT_LIMIT.test(text)) return 'server';
  return 'recipient';
}
