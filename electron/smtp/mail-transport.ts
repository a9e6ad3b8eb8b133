// The SMTP side of sending: the transport interface, and one member's message composed by nodemailer.
import { randomBytes } from 'node:crypto';
import MailComposer from 'nodemailer/lib/mail-composer';
import { isSingleAddress } from '../../shared/address';
import { AppError } from '../../shared/errors';
import { subjectForHeader, useSafeDisplayNames } from './header-words';
import { attachmentOptions, encodedPart, type MailAttachment } from './mail-attachments';
import { serializeMime } from './mime-serialize';
import { disablePlainMime, writePlainMime } from './plain-mime';
import { wireAddress } from './wire-address';
import type { MessageEncoding } from '../../shared/sending/encodings';

export type { MailAttachment } from './mail-attachments';

export interface MailAddress {
  readonly address: string;
  readonly name: string;
}

/** Everything a message carries. There is deliberately no cc, bcc, reply-to or extra-header field. */
export interface OutgoingMessage {
  readonly from: MailAddress;
  readonly to: MailAddress;
  readonly subject: string;
  readonly text: string;
  /** `<uuid@from-domain>`, made by newMessageId and committed before the transaction. */
  readonly messageId: string;
  readonly date: Date;
  /** The campaign's files, the same for every member (the approved ones, bytes in memory). */
  readonly attachments?: readonly MailAttachment[];
  /** 'iso-2022-jp' for older phones (built by iso2022jp-mime.ts); UTF-8 when absent. */
  readonly encoding?: MessageEncoding;
}

export interface MailEnvelope {
  readonly from: string;
  readonly to: string;
}

interface SendResult {
  readonly messageId: string;
  /** The server's final reply to DATA, e.g. "250 OK: queued as 1234". */
  readonly response: string;
}

export interface MailTransport {
  send(envelope: MailEnvelope, message: OutgoingMessage): Promise<SendResult>;
  close(): void;
}

// A comma, angle bracket or space would let a single "address" expand into several recipients
// in the header or the envelope (promise 1).
function assertSingleAddress(address: string): void {
  if (!isSingleAddress(address)) {
    throw new AppError('validation', 'The address is not exactly one plain email address.', { address });
  }
}

/**
 * A globally unique Message-ID in the sender's own domain: a UUID version 7 (RFC 9562: the time
 * in milliseconds, then 74 random bits). Time-ordered on purpose: the send loop commits each
 * member's Message-ID with its in_flight claim, and ids that sort by time land on the last page
 * of the sends.message_id index instead of a random page each, so a claim's commit writes less.
 */
export function newMessageId(fromAddress: string): string {
  const at = fromAddress.lastIndexOf('@');
  const domain = at >= 0 ? fromAddress.slice(at + 1) : 'localhost';
  return `<${uuidV7(Date.now())}@${domain || 'localhost'}>`;
}

function uuidV7(ms: number): string {
  const b = randomBytes(16);
  b.writeUIntBE(ms, 0, 6);
  b[6] = 0x70 | (b[6]! & 0x0f);
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** The promise-1 shape of a transaction: one plain sender, one plain recipient, and the To header names it. */
export function checkEnvelope(envelope: MailEnvelope, message: OutgoingMessage): void {
  assertSingleAddress(envelope.from);
  assertSingleAddress(envelope.to);
  if (envelope.to !== message.to.address) {
    throw new AppError('internal', 'The envelope recipient differs from the To header.', {
      envelope: envelope.to,
      header: message.to.address,
    });
  }
}

/**
 * Checks the promise-1 shape of a message and turns it into nodemailer's mail options.
 * Exported so that the benchmark's bare nodemailer run sends byte-for-byte the same messages.
 */
export function composeMail(envelope: MailEnvelope, message: OutgoingMessage) {
  checkEnvelope(envelope, message);
  return {
    envelope: { from: envelope.from, to: [wireAddress(envelope.to)] },
    from: { name: message.from.name, address: message.from.address },
    to: { name: message.to.name, address: wireAddress(message.to.address) },
    subject: subjectForHeader(message.subject),
    text: message.text,
    messageId: message.messageId,
    date: message.date,
    ...(message.attachments && message.attachments.length > 0 ? { attachments: message.attachments.map(attachmentOptions) } : {}),
    // Template data must never be able to pull a local file or a URL into a message.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/**
 * The MIME bytes of a message (UTF-8, RFC 2047 headers): nodemailer's composition, written
 * directly with its encoders for a plain-text message without files (plain-mime.ts).
 */
export async function buildMime(envelope: MailEnvelope, message: OutgoingMessage): Promise<Buffer> {
  const mail = composeMail(envelope, message);
  const files = message.attachments ?? [];
  if (files.length === 0) {
    const plain = writePlainMime(mail);
    if (plain && plainChecked) return plain;
    if (plain) {
      // Once per process: the direct writer must give exactly nodemailer's bytes, else it is off.
      const composed = await composeWithNodemailer(mail, []);
      plainChecked = true;
      if (!plain.equals(composed)) disablePlainMime();
      return composed;
    }
  }
  return composeWithNodemailer(mail, files.length > 0 ? await Promise.all(files.map(encodedPart)) : []);
}

/** Whether writePlainMime has been compared with nodemailer's composition in this process. */
let plainChecked = false;

/** nodemailer composes (headers, encodings, structure); serializeMime writes it out when it can. */
async function composeWithNodemailer(mail: ReturnType<typeof composeMail>, raws: readonly Buffer[]): Promise<Buffer> {
  // Same parts as composeMail's, but each encoded once for the whole run (see encodedPart).
  const tree = new MailComposer(raws.length > 0 ? { ...mail, attachments: raws.map((part) => ({ raw: part })) } : mail).compile();
  // Before any header is written, by either path below: names as encoded words where needed.
  useSafeDisplayNames(tree);
  // nodemailer composes (headers, encodings, structure); only the writing out is done here, and
  // anything unusual is left to nodemailer's own stream.
  return serializeMime(tree, raws) ?? tree.build();
}

/**
 * Where a transaction failed. The send service needs this to keep promise 5: only a failure
 * after the message body started to flow leaves it unknown whether the server took it.
 * - 'connect': connecting, TLS or AUTH; no transaction was begun.
 * - 'envelope': MAIL FROM / RCPT TO / DATA command, before any byte of the message was sent.
 * - 'data': the message body was (at least partly) sent.
 */
export type TransportStage = 'connect' | 'envelope' | 'data';

export class TransportError extends Error {
  readonly stage: TransportStage;
  /** nodemailer's code: EAUTH, ETLS, ESOCKET, ECONNECTION, ETIMEDOUT, EENVELOPE, EMESSAGE, … */
  readonly code: string;
  readonly responseCode: number | undefined;
  readonly response: string | undefined;

  constructor(stage: TransportStage, cause: unknown) {
    const e = (cause ?? {}) as { message?: string; code?: string; responseCode?: number; response?: string };
    super(e.message ?? String(cause), { cause });
    this.name = 'TransportError';
    this.stage = stage;
    this.code = e.code ?? 'EUNKNOWN';
    this.responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
    this.response = e.response;
  }
}
