// The SMTP side of sending: one message to one member, composed by nodemailer, over pooled connections.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool';
import { AppError } from '../../shared/errors';

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
}

export interface MailEnvelope {
  readonly from: string;
  readonly to: string;
}

export interface SendResult {
  readonly messageId: string;
  /** The server's final reply to DATA, e.g. "250 OK: queued as 1234". */
  readonly response: string;
}

export interface MailTransport {
  send(envelope: MailEnvelope, message: OutgoingMessage): Promise<SendResult>;
  close(): void;
}

// One addr-spec and nothing else: a comma, angle bracket or space would let a single "address"
// expand into several recipients in the header or the envelope (promise 1).
const SINGLE_ADDRESS = /^[^\s@<>,;:"()[\]\\]+@[^\s@<>,;:"()[\]\\]+$/;

export function assertSingleAddress(address: string): void {
  if (!SINGLE_ADDRESS.test(address)) {
    throw new AppError('validation', 'The address is not exactly one plain email address.', { address });
  }
}

/** A globally unique Message-ID in the sender's own domain. */
export function newMessageId(fromAddress: string): string {
  const at = fromAddress.lastIndexOf('@');
  const domain = at >= 0 ? fromAddress.slice(at + 1) : 'localhost';
  return `<${randomUUID()}@${domain || 'localhost'}>`;
}

/**
 * Checks the promise-1 shape of a message and turns it into nodemailer's mail options.
 * Exported so that the benchmark's bare nodemailer run sends byte-for-byte the same messages.
 */
export function composeMail(envelope: MailEnvelope, message: OutgoingMessage) {
  assertSingleAddress(envelope.from);
  assertSingleAddress(envelope.to);
  if (envelope.to !== message.to.address) {
    throw new AppError('internal', 'The envelope recipient differs from the To header.', {
      envelope: envelope.to,
      header: message.to.address,
    });
  }
  return {
    envelope: { from: envelope.from, to: [envelope.to] },
    from: { name: message.from.name, address: message.from.address },
    to: { name: message.to.name, address: message.to.address },
    subject: message.subject,
    text: message.text,
    messageId: message.messageId,
    date: message.date,
    // Template data must never be able to pull a local file or a URL into a message.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}

/** A pooled nodemailer transport; `options` comes from transportOptions(profile, password). */
export function createPooledTransport(options: SMTPPool.Options): MailTransport {
  // maxRequeues 0: nodemailer's pool would otherwise silently send a message again when its
  // connection closed mid-transaction, even after DATA, when the server may already have taken
  // it. Promise 5 forbids that: the send service decides (the row becomes 'unknown').
  const transporter = nodemailer.createTransport({ ...options, pool: true, maxRequeues: 0 });
  return {
    async send(envelope, message) {
      const info = await transporter.sendMail(composeMail(envelope, message));
      return { messageId: info.messageId || message.messageId, response: info.response };
    },
    close() {
      transporter.close();
    },
  };
}
