// A member's message written in ISO-2022-JP (RFC 1468) for older phones and clients. nodemailer
// writes UTF-8 only, so the MIME is built here with encoding-japanese's JIS and handed to the
// same SMTP connection as raw bytes with the explicit one-member envelope. Headers are RFC 2047
// encoded words, each a whole run of characters that starts and ends in ASCII; every body line
// returns to ASCII before its CRLF. A character ISO-2022-JP cannot hold is refused, never
// replaced: the check report blocks such a notice before approval, so this is the last guard.
import { randomBytes } from 'node:crypto';
import { isSingleAddress } from '../../shared/address';
import { AppError } from '../../shared/errors';
import { jisBytes } from '../../shared/sending/jis';
import { encodedPart } from './mail-attachments';
import type { MailEnvelope, OutgoingMessage } from './mail-transport';
import { wireAddress } from './wire-address';

/** Characters per encoded word: 10 two-byte characters and their escapes stay far under 75 columns. */
const WORD_CHARS = 10;
/** Characters per body line piece: far under SMTP's 998-octet line limit even all in kanji. */
const LINE_CHARS = 300;

function jis(text: string, part: string): Buffer {
  const bytes = jisBytes(text);
  if (!bytes) throw new AppError('validation', `The ${part} holds a character ISO-2022-JP cannot write`, { part });
  return Buffer.from(bytes);
}

/** Encoded words for a header value (subject, display name); plain printable ASCII stays as it is. */
function headerText(text: string, part: string): string {
  if (/^[\x20-\x7e]*$/.test(text) && text.length <= 60 && !/=\?/.test(text)) return text;
  const chars = [...text];
  const words: string[] = [];
  for (let i = 0; i < chars.length; i += WORD_CHARS) {
    words.push(`=?ISO-2022-JP?B?${jis(chars.slice(i, i + WORD_CHARS).join(''), part).toString('base64')}?=`);
  }
  return words.join('\r\n ');
}

function mailbox(name: string, address: string, part: string): string {
  const addr = `<${wireAddress(address)}>`;
  if (!name) return addr;
  const plain = /^[A-Za-z0-9 !#$%&'*+\-/=?^_`{|}~]*$/.test(name) && name.length <= 60;
  const phrase = plain ? name : headerText(name, part);
  // Fold before the address when the line would pass 78 columns ("From: " or "To: " comes first).
  const last = phrase.slice(phrase.lastIndexOf('\n') + 1);
  return `${phrase}${last.length + addr.length + 7 > 78 ? '\r\n ' : ' '}${addr}`;
}

function body(text: string): Buffer {
  const lines: Buffer[] = [];
  for (const line of text.replace(/\r\n?/g, '\n').split('\n')) {
    const chars = [...line];
    if (chars.length === 0) lines.push(Buffer.alloc(0));
    for (let i = 0; i < chars.length; i += LINE_CHARS) lines.push(jis(chars.slice(i, i + LINE_CHARS).join(''), 'body'));
  }
  return Buffer.concat(lines.flatMap((l, i) => (i === 0 ? [l] : [Buffer.from('\r\n'), l])));
}

/** RFC 5322 date in UTC. */
function dateHeader(d: Date): string {
  return d.toUTCString().replace(/GMT$/, '+0000');
}

export async function buildIso2022jpMime(envelope: MailEnvelope, message: OutgoingMessage): Promise<Buffer> {
  // Same promise-1 shape as the UTF-8 path: one plain address each, the same member in the envelope and in To.
  if (!isSingleAddress(envelope.from) || !isSingleAddress(envelope.to)) {
    throw new AppError('validation', 'The address is not exactly one plain email address.', { address: envelope.to });
  }
  if (envelope.to !== message.to.address) {
    throw new AppError('internal', 'The envelope recipient differs from the To header.', { envelope: envelope.to, header: message.to.address });
  }
  const head = [
    `From: ${mailbox(message.from.name, message.from.address, 'sender name')}`,
    `To: ${mailbox(message.to.name, message.to.address, 'member name')}`,
    `Subject: ${headerText(message.subject, 'subject')}`,
    `Date: ${dateHeader(message.date)}`,
    `Message-ID: ${message.messageId}`,
    'MIME-Version: 1.0',
  ];
  const textHeaders = ['Content-Type: text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding: 7bit'];
  const files = message.attachments ?? [];
  if (files.length === 0) {
    // A text that ends with a line break already ends with CRLF; another would add an empty line.
    const end = /\n$/.test(message.text) ? [] : [Buffer.from('\r\n')];
    return Buffer.concat([Buffer.from([...head, ...textHeaders, '', ''].join('\r\n')), body(message.text), ...end]);
  }
  const boundary = `--_tayori_${randomBytes(12).toString('hex')}`;
  const parts = await Promise.all(files.map(encodedPart));
  const chunks: Buffer[] = [
    Buffer.from([...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`, ...textHeaders, '', ''].join('\r\n')),
    body(message.text),
  ];
  for (const p of parts) chunks.push(Buffer.from(`\r\n--${boundary}\r\n`), p);
  chunks.push(Buffer.from(`\r\n--${boundary}--\r\n`));
  return Buffer.concat(chunks);
}
