// What a mail server's reply means, in plain Japanese and English, read from its reply code and
// enhanced status (RFC 3463) and, where providers put the reason only in the text, from words
// they are known to use. A closed table: the send screen and History show the words, and the raw
// reply stays one click away, because the words are a reading of the reply, not a replacement.

export interface ReplyWords {
  readonly ja: string;
  readonly en: string;
}

/** accepted: the server took it; temporary: Tayori tries again; permanent: it will not be delivered as is; local: Tayori's own reason. */
type ReplyKind = 'accepted' | 'temporary' | 'permanent' | 'local';

export interface ParsedReply {
  /** The three-digit reply code, or null when there was no server reply (a dropped connection). */
  readonly code: number | null;
  /** The enhanced status (class.subject.detail), e.g. "5.1.1", or null. */
  readonly enhanced: string | null;
  readonly text: string;
}

export interface ReplyExplanation extends ReplyWords {
  readonly id: ReplyReason;
  readonly kind: ReplyKind;
  readonly parsed: ParsedReply;
}

/** Every reason the table can give; each has words in both languages (the table below). */
export const REPLY_REASONS = [
  'accepted',
  'user-unknown',
  'domain-unknown',
  'mailbox-disabled',
  'mailbox-moved',
  'mailbox-full',
  'mailbox-full-permanent',
  'too-large',
  'recipient-access-denied',
  'no-route',
  'remote-unreachable',
  'greylisting',
  'rate-limited',
  'spam',
  'dmarc',
  'microsoft-auth',
  'send-as-denied',
  'policy-refused',
  'protocol',
  'refused-temporary',
  'refused-permanent',
  'connection-lost',
  'template-missing-field',
  'unreadable',
] as const;
export type ReplyReason = (typeof REPLY_REASONS)[number];

export const REPLY_WORDS: Readonly<Record<ReplyReason, ReplyWords>> = {
  accepted: { ja: 'メールサーバーが受け取りました', en: 'The mail server accepted it' },
  'user-unknown': {
    ja: '宛先のアドレスが存在しません。綴りを確かめるか、本人に今のアドレスを聞いてください。',
    en: 'The address does not exist. Check its spelling or ask the member for their current address.',
  },
  'domain-unknown': {
    ja: '宛先のドメイン（@ より後ろ）が存在しません。綴りを確かめてください。',
    en: 'The domain (after the @) does not exist. Check its spelling.',
  },
  'mailbox-disabled': {
    ja: '宛先のメールボックスが停止されているか、使われていません。',
    en: 'The mailbox is disabled or no longer in use.',
  },
  'mailbox-moved': { ja: '宛先のアドレスは移転しました。本人に新しいアドレスを聞いてください。', en: 'The address has moved. Ask the member for their new address.' },
  'mailbox-full': {
    ja: '宛先のメールボックスが一杯で、今は受け取れません。時間をおいて自動で送り直します。',
    en: 'The mailbox is full for now. Tayori tries again later by itself.',
  },
  'mailbox-full-permanent': {
    ja: '宛先のメールボックスが一杯のため、受け取りを断られました。',
    en: 'The mailbox is full and the message was refused.',
  },
  'too-large': { ja: 'メールが大きすぎるため断られました。添付ファイルを小さくしてください。', en: 'The message is too large. Make the attachments smaller.' },
  'recipient-access-denied': {
    ja: '宛先のサーバーがこのアドレスへの配送を拒否しました（アドレスが存在しないか、外部からの受信が許可されていません）。',
    en: 'The receiving server refused delivery to this address (it does not exist or does not accept outside mail).',
  },
  'no-route': { ja: '宛先のドメインにメールサーバーが見つかりませんでした。', en: 'No mail server was found for the domain.' },
  'remote-unreachable': {
    ja: '宛先のサーバーに一時的につながりませんでした。時間をおいて自動で送り直します。',
    en: 'The receiving server could not be reached for now. Tayori tries again later by itself.',
  },
  greylisting: {
    ja: '宛先のサーバーが、初めての送り手を一時的に待たせています（グレイリスティング）。時間をおいて自動で送り直します。',
    en: 'The receiving server holds back first-time senders for a while (greylisting). Tayori tries again later by itself.',
  },
  'rate-limited': {
    ja: '短い時間に送りすぎたため、一時的に受け付けを止められました。間をおいて自動で送り直します。',
    en: 'Too many messages in a short time; the server stopped taking them for now. Tayori tries again later by itself.',
  },
  spam: { ja: '迷惑メールと判断されて受け取りを拒否されました。', en: 'The message was refused as spam.' },
  dmarc: {
    ja: '送信元ドメインの認証（DMARC / SPF / DKIM）に失敗したため拒否されました。メールアカウントのドメイン設定を管理者に確かめてもらってください。',
    en: "The sending domain failed authentication (DMARC / SPF / DKIM). Ask whoever runs the domain to check its mail settings.",
  },
  'microsoft-auth': {
    ja: 'Microsoft 365 がこのアカウントからの送信を認めませんでした（SMTP 認証が無効、または基本認証が使えません）。管理者にアカウントの設定を確かめてもらってください。',
    en: 'Microsoft 365 did not allow this account to send (SMTP AUTH is off, or basic authentication is disabled). Ask your administrator to check the account.',
  },
  'send-as-denied': {
    ja: 'このアカウントには、設定した差出人アドレスで送る権限がありません。',
    en: 'This account may not send as the configured From address.',
  },
  'policy-refused': { ja: '宛先のサーバーの方針により受け取りを拒否されました。', en: "The receiving server's policy refused the message." },
  protocol: { ja: 'メールサーバーとのやりとりでエラーが起きました。', en: 'The exchange with the mail server went wrong.' },
  'refused-temporary': {
    ja: '宛先のサーバーが一時的に受け取れませんでした。時間をおいて自動で送り直します。',
    en: 'The receiving server could not take it for now. Tayori tries again later by itself.',
  },
  'refused-permanent': { ja: '宛先のサーバーが受け取りを拒否しました。', en: 'The receiving server refused the message.' },
  'connection-lost': {
    ja: '送っている途中でメールサーバーとの接続が切れました。届いたかどうかは分かりません。',
    en: 'The connection to the mail server broke while sending; it is not known whether it arrived.',
  },
  'template-missing-field': {
    ja: 'この会員の行に、文面が使う項目がありませんでした（送っていません）。',
    en: "This member's row lacks a field the notice uses (not sent).",
  },
  unreadable: { ja: 'メールサーバーの応答を読み取れませんでした。', en: "The mail server's reply could not be read." },
};

/** Splits "550 5.1.1 <a@b>: Recipient address rejected" (or "550-5.1.1 ..." multi-line) into its parts. */
export function parseSmtpReply(raw: string): ParsedReply {
  const text = raw.trim();
  const m = /^([2-5]\d\d)[ -]?(?:([245])\.(\d{1,3})\.(\d{1,3})\b)?/.exec(text);
  if (!m) {
    const enhanced = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(text);
    return { code: null, enhanced: enhanced ? `${enhanced[1]}.${enhanced[2]}.${enhanced[3]}` : null, text };
  }
  const code = Number(m[1]);
  let enhanced = m[2] ? `${m[2]}.${m[3]}.${m[4]}` : null;
  // Some servers put the enhanced status after other words ("550 Requested action not taken: 5.1.1 ...").
  if (!enhanced) {
    const later = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/.exec(text.slice(3));
    if (later && later[1] === m[1]![0]) enhanced = `${later[1]}.${later[2]}.${later[3]}`;
  }
  return { code, enhanced, text };
}

interface Rule {
  readonly id: ReplyReason;
  readonly test: (p: ParsedReply, lower: string) => boolean;
}

const is = (...codes: string[]) => (p: ParsedReply) => p.enhanced !== null && codes.includes(p.enhanced);
const cls = (p: ParsedReply): '4' | '5' | null => {
  const c = p.enhanced?.[0] ?? (p.code !== null ? String(p.code)[0] : null);
  return c === '4' || c === '5' ? c : null;
};
const USER_UNKNOWN_WORDS = /user unknown|unknown user|no such user|does not exist|doesn't exist|invalid recipient|recipient not found|mailbox unavailable|no mailbox|unknown recipient|address rejected: user|not our customer|account (?:is )?(?:disabled|inactive)/;
const SPAM_WORDS = /spam|blacklist|blocklist|block ?list|rbl|reputation|junk|content rejected|message rejected/;

// Order matters: the first rule that fits gives the words; specific statuses before classes.
const RULES: readonly Rule[] = [
  { id: 'template-missing-field', test: (_p, l) => l.startsWith('template-missing-field') },
  { id: 'connection-lost', test: (p, l) => p.code === null && /^(smtp-connect|smtp-timeout|smtp-connection-lost|esocket|econnection|etimedout|econnreset|epipe)\b|connection (?:closed|lost|reset)|socket/.test(l) },
  { id: 'accepted', test: (p) => p.code !== null && p.code >= 200 && p.code < 300 },
  { id: 'dmarc', test: (p, l) => is('5.7.26', '5.7.25', '5.7.27', '5.7.509', '5.7.510', '5.7.515')(p) || /dmarc|spf (?:check )?fail|dkim (?:check )?fail|unauthenticated (?:email|mail)/.test(l) },
  { id: 'microsoft-auth', test: (p) => is('5.7.139', '5.7.30', '5.7.57', '5.7.3')(p) },
  { id: 'send-as-denied', test: (p, l) => is('5.7.60')(p) || /sendasdenied|send as denied/.test(l) },
  { id: 'greylisting', test: (p, l) => cls(p) === '4' && /grey ?list|gray ?list|try again later.*(?:greylist|graylist)|postgrey/.test(l) },
  {
    id: 'rate-limited',
    test: (p, l) =>
      (is('4.7.28', '4.7.0', '4.5.3', '5.7.28', '4.3.2')(p) && /rate|too many|unusual|limit|throttl|try again later/.test(l)) ||
      (cls(p) === '4' && /rate limit|too many (?:messages|connections|recipients)|throttl/.test(l)),
  },
  { id: 'greylisting', test: (p) => p.code !== null && p.code >= 400 && p.code < 500 && p.enhanced !== null && p.enhanced.startsWith('4.7.') },
  { id: 'mailbox-full', test: (p, l) => is('4.2.2')(p) || (cls(p) === '4' && /mailbox (?:is )?full|over quota|quota exceeded/.test(l)) },
  { id: 'mailbox-full-permanent', test: (p, l) => is('5.2.2')(p) || (cls(p) === '5' && /mailbox (?:is )?full|over quota|quota exceeded/.test(l)) },
  { id: 'user-unknown', test: (p) => is('5.1.1', '5.1.0', '5.1.10', '5.1.3')(p) },
  { id: 'domain-unknown', test: (p, l) => is('5.1.2')(p) || /domain (?:not found|does not exist)|host unknown|host not found/.test(l) },
  { id: 'mailbox-moved', test: (p) => is('5.1.6')(p) },
  { id: 'mailbox-disabled', test: (p) => is('5.2.1')(p) },
  { id: 'too-large', test: (p, l) => is('5.2.3', '5.3.4', '4.3.4', '5.2.4')(p) || /too (?:large|big)|size limit|exceeds (?:the )?(?:maximum )?(?:message )?size/.test(l) },
  { id: 'recipient-access-denied', test: (p) => is('5.4.1')(p) },
  { id: 'no-route', test: (p) => is('5.4.4', '5.4.6', '5.4.0')(p) },
  { id: 'remote-unreachable', test: (p) => p.enhanced !== null && p.enhanced.startsWith('4.4.') },
  { id: 'user-unknown', test: (p, l) => cls(p) === '5' && USER_UNKNOWN_WORDS.test(l) },
  { id: 'spam', test: (p, l) => cls(p) === '5' && SPAM_WORDS.test(l) },
  { id: 'policy-refused', test: (p) => p.enhanced !== null && p.enhanced.startsWith('5.7.') },
  { id: 'protocol', test: (p) => p.enhanced !== null && p.enhanced.startsWith('5.5.') },
  { id: 'refused-temporary', test: (p) => cls(p) === '4' },
  { id: 'refused-permanent', test: (p) => cls(p) === '5' },
];

function kindOf(id: ReplyReason, p: ParsedReply): ReplyKind {
  if (id === 'accepted') return 'accepted';
  if (id === 'template-missing-field') return 'local';
  if (id === 'connection-lost' || id === 'unreadable') return 'temporary';
  return cls(p) === '4' ? 'temporary' : 'permanent';
}

/** The plain reading of one reply (as kept in the sends table's smtp_response). */
export function explainSmtpReply(raw: string): ReplyExplanation {
  const parsed = parseSmtpReply(raw);
  const lower = parsed.text.toLowerCase();
  const rule = RULES.find((r) => r.test(parsed, lower));
  const id: ReplyReason = rule?.id ?? 'unreadable';
  return { id, kind: kindOf(id, parsed), parsed, ...REPLY_WORDS[id] };
}
