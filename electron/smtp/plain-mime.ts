// The MIME bytes of a plain-text UTF-8 message (no attachments: the shape of most notices)
// written directly, header by header, with nodemailer's own encoders. Why: composing a whole
// nodemailer tree per member (address parsing, header-key normalising, a random boundary)
// cost ~130-200 µs of CPU per message, most of the send loop's own work; this takes ~15 µs.
// It writes what MailComposer + serializeMime write, byte for byte: each header value goes
// through MimeNode.encodeHeaderValue and mimeFuncs.foldLines as in MimeNode.buildHeaders, in
// the order nodemailer emits them. The first message of the process is also built the
// nodemailer way and compared; a difference (a nodemailer upgrade) turns this path off for good.
// Anything it does not know (quoted-printable bodies) returns null: the caller composes it.
import * as base64 from 'nodemailer/lib/base64';
import * as mimeFuncs from 'nodemailer/lib/mime-funcs';
import MimeNode from 'nodemailer/lib/mime-node';
import { useSafeDisplayNames } from './header-words';

/** MimeNode's header encoder; present in every nodemailer this was checked against. */
interface HeaderEncoder {
  encodeHeaderValue?: (key: string, value: unknown) => string;
  _getTextEncoding?: (value: string) => 'Q' | 'B';
}

/** What composeMail made of one member's message (the mail options nodemailer would get). */
export interface PlainMail {
  readonly from: { readonly name: string; readonly address: string };
  readonly to: { readonly name: string; readonly address: string };
  readonly subject: string;
  readonly text: string;
  readonly messageId: string;
  readonly date: Date;
}

let encoder: Required<HeaderEncoder> | null | undefined;

/** One node for encoding only, with the same safe display names as every composed message. */
function headerEncoder(): Required<HeaderEncoder> | null {
  if (encoder !== undefined) return encoder;
  const node = new MimeNode('text/plain');
  useSafeDisplayNames(node);
  const e = node as unknown as HeaderEncoder;
  encoder = typeof e.encodeHeaderValue === 'function' && typeof e._getTextEncoding === 'function' ? (e as Required<HeaderEncoder>) : null;
  return encoder;
}

/** Turns this path off (the self-check found a difference from nodemailer's composition). */
export function disablePlainMime(): void {
  encoder = null;
}

/** The header lines as MimeNode.buildHeaders writes them for a text/plain root node. */
function header(enc: Required<HeaderEncoder>, key: string, value: unknown, out: string[]): void {
  const encoded = enc.encodeHeaderValue(key, value);
  // buildHeaders leaves out a header whose value is blank.
  if (!(encoded || '').toString().trim()) return;
  out.push(mimeFuncs.foldLines(`${key}: ${encoded}`, 76));
}

/** The message bytes, or null when nodemailer would write it in a way this does not (QP). */
export function writePlainMime(mail: PlainMail): Buffer | null {
  const enc = headerEncoder();
  if (!enc) return null;
  const text = mail.text;
  // An empty body has no transfer encoding at all in nodemailer; the check report blocks it anyway.
  if (text.length === 0) return null;
  // MimeNode.getTransferEncoding for a text/plain string: 7bit when plain and short-lined, else
  // quoted-printable or base64 by the share of non-Latin characters.
  const plain = mimeFuncs.isPlainText(text) && !mimeFuncs.hasLongerLines(text, 76);
  if (!plain && enc._getTextEncoding(text) === 'Q') return null;
  const lines: string[] = [];
  header(enc, 'From', mail.from, lines);
  header(enc, 'To', mail.to, lines);
  header(enc, 'Subject', mail.subject, lines);
  header(enc, 'Message-ID', mail.messageId, lines);
  header(enc, 'Date', mail.date, lines);
  lines.push(`Content-Transfer-Encoding: ${plain ? '7bit' : 'base64'}`);
  lines.push('MIME-Version: 1.0');
  // MailComposer declares every text part as UTF-8.
  lines.push('Content-Type: text/plain; charset=utf-8');
  let body = plain ? text : base64.wrap(base64.encode(text), 76);
  // nodemailer's stream ends with a line break whatever the content (its LastNewline stage).
  if (!body.endsWith('\n')) body += body.endsWith('\r') ? '\n' : '\r\n';
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n${body}`, plain ? 'utf8' : 'latin1');
}
