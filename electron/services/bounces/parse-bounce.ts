// Reads one message from the mailbox (mailparser) and says whether it is a bounce report and
// what it reports: RFC 3464 multipart/report first, then the non-standard shapes (plain-bounce).
// The original Message-ID is taken only from the returned message or headers (or the report's
// own In-Reply-To/References): a report without one cannot be matched, and is not guessed at.
import { createHash } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import type { BounceReport, BouncedRecipient } from './bounce-report';
import { dsnRecipients, reportingMta } from './dsn-fields';
import { plainRecipients } from './plain-bounce';

const RETURNED_TYPES = new Set(['message/rfc822', 'text/rfc822-headers', 'message/global', 'message/global-headers']);
/** Who sends bounce reports, and how they are titled when they are not multipart/report. */
const DAEMON_FROM = /(mailer-daemon|postmaster|mail delivery|mdaemon|microsoftexchange)/i;
const BOUNCE_SUBJECT = /(undeliver|undelivered|delivery (status )?notification|failure notice|returned mail|delivery failure|could not be delivered|mail delivery failed|不達|配信不能|配送不能|エラー|送信できません)/i;

/** Quick look at the first bytes: worth parsing as a possible bounce (the scanner skips the rest). */
export function mayBeBounce(head: string): boolean {
  const headers = head.split(/\r?\n\r?\n/, 1)[0] ?? '';
  if (/^content-type:\s*multipart\/report/im.test(headers)) return true;
  const from = /^from:(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1] ?? '';
  const subject = /^subject:(.*(?:\r?\n[ \t].*)*)/im.exec(headers)?.[1] ?? '';
  return DAEMON_FROM.test(from) || BOUNCE_SUBJECT.test(subject) || /=\?iso-2022-jp\?/i.test(subject);
}

function messageIdIn(headersText: string): string | null {
  const m = /^message-id:\s*(<[^<>\s]+>)/im.exec(headersText);
  return m ? m[1]! : null;
}

/** The returned message's Message-ID: its attached copy or headers, else a quoted copy in the text. */
function originalMessageId(mail: ParsedMail, explanation: string): string | null {
  for (const a of mail.attachments) {
    if (!RETURNED_TYPES.has(a.contentType.toLowerCase())) continue;
    const text = a.content.toString('utf8');
    const headers = text.split(/\r?\n\r?\n/, 1)[0] ?? text;
    const id = messageIdIn(headers);
    if (id) return id;
  }
  // qmail, Postfix (plain) and most carriers quote the returned headers inside the text.
  const quoted = messageIdIn(explanation);
  if (quoted) return quoted;
  const inReplyTo = typeof mail.inReplyTo === 'string' ? /<[^<>\s]+>/.exec(mail.inReplyTo)?.[0] : undefined;
  return inReplyTo ?? null;
}

/** The human explanation: the text part before any quoted copy of the returned message. */
function explanationOf(text: string): string {
  const cut = text.search(/^(-{2,}.*(below this line|original message|copy of the message|headers of the original|returned message).*|Original message headers:|.*元のメッセージ.*)$/im);
  return cut >= 0 ? text.slice(0, cut) : text;
}

/**
 * Whether the message is a delivery report by its envelope, not by its words: an RFC 3464
 * multipart/report carrying a delivery status, a message from the mailer daemon or postmaster,
 * or one with a null return path (<>), as every MTA sends its reports. Anyone can title a reply
 * "エラー" and quote a failure word; only these may report a failure without naming an address.
 */
function isDeliveryReport(mail: ParsedMail, isReport: boolean, hasStatusPart: boolean): boolean {
  if (isReport && hasStatusPart) return true;
  const from = mail.from?.value[0]?.address ?? '';
  if (/^(mailer-daemon|postmaster)@/i.test(from)) return true;
  const returnPath = mail.headers.get('return-path') as { value?: readonly { address?: string }[] } | undefined;
  return returnPath?.value?.length === 1 && returnPath.value[0]?.address === '';
}

function reporter(mail: ParsedMail, dsnText: string): string | null {
  const mta = reportingMta(dsnText);
  if (mta) return mta;
  const from = mail.from?.value[0]?.address;
  return from ? (from.split('@')[1] ?? from).toLowerCase() : null;
}

/** A bounce report, or null when the message is not one (an ordinary reply, a newsletter...). */
export async function parseBounce(raw: Buffer): Promise<BounceReport | null> {
  // Only the text parts are read: turning HTML into text costs more than all the rest.
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextLinks: true, skipImageLinks: true });
  const contentType = mail.headers.get('content-type') as { value?: string; params?: Record<string, string> } | undefined;
  const isReport = contentType?.value === 'multipart/report';
  const reportType = contentType?.params?.['report-type']?.toLowerCase();
  const text = mail.text ?? '';
  // mailparser gives a delivery-status part as text; a few MTAs send it as an attachment.
  const statusParts = mail.attachments
    .filter((a) => /delivery-status/i.test(a.contentType))
    .map((a) => a.content.toString('utf8'))
    .join('\n\n');
  const dsnText = `${text}\n\n${statusParts}`;
  let recipients: BouncedRecipient[] = dsnRecipients(dsnText);
  if (recipients.length === 0) {
    const from = mail.from?.text ?? '';
    if (!isReport && !DAEMON_FROM.test(from) && !BOUNCE_SUBJECT.test(mail.subject ?? '')) return null;
    recipients = plainRecipients(explanationOf(text));
    // A failure naming nobody is taken to be about the one message In-Reply-To names: only a
    // real delivery report may say that (else a member's reply "Re: …エラー" would be a bounce).
    const hasStatusPart = statusParts !== '' || reportType === 'delivery-status';
    if (recipients.some((r) => r.address === null) && !isDeliveryReport(mail, isReport, hasStatusPart)) return null;
  }
  if (recipients.length === 0) return null;
  const reportMessageId = mail.messageId ?? `<sha256-${createHash('sha256').update(raw).digest('hex')}@tayori>`;
  return {
    reportMessageId,
    originalMessageId: originalMessageId(mail, text),
    reportedBy: reporter(mail, dsnText),
    receivedAt: mail.date ? mail.date.getTime() : null,
    recipients,
  };
}
