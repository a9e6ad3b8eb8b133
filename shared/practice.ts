// Practice mode's shared types (what the outbox screen shows) and the pure check that keeps
// every practice send on the built-in outbox. Pure: used by main, the browser host and the UI.
import { AppError } from './errors';

/** The only interface the practice outbox ever listens on. */
export const PRACTICE_HOST = '127.0.0.1';

export interface OutboxEnvelope {
  /** MAIL FROM, or null for the null sender `<>`. */
  readonly from: string | null;
  /** Every RCPT TO of the transaction, in order. Tayori's promise: exactly one. */
  readonly to: readonly string[];
}

export interface OutboxAddress {
  readonly name: string;
  readonly address: string;
}

export interface OutboxSummary {
  /** Stable id (also the file name stem); safe to pass back to `get`. */
  readonly id: string;
  /** Milliseconds since the epoch, from the injected clock. */
  readonly receivedAt: number;
  readonly envelope: OutboxEnvelope;
  readonly subject: string | null;
  /** The To header's addresses, as parsed. */
  readonly headerTo: readonly OutboxAddress[];
  /** Size of the message as received, in bytes. */
  readonly size: number;
  readonly attachmentCount: number;
}

interface OutboxHeaderLine {
  /** Lower-case header name. */
  readonly key: string;
  /** The whole header line as received, unfolded but not decoded. */
  readonly line: string;
}

interface OutboxHeaders {
  readonly from: readonly OutboxAddress[];
  readonly to: readonly OutboxAddress[];
  readonly cc: readonly OutboxAddress[];
  readonly bcc: readonly OutboxAddress[];
  readonly subject: string | null;
  /** ISO 8601, or null when the message had no parsable Date. */
  readonly date: string | null;
  readonly messageId: string | null;
  /** Every header line, in the order received. */
  readonly lines: readonly OutboxHeaderLine[];
}

interface OutboxAttachment {
  readonly name: string | null;
  readonly size: number;
  readonly contentType: string;
}

export interface OutboxMessage extends OutboxSummary {
  readonly headers: OutboxHeaders;
  readonly text: string;
  /** The HTML part as received, if any; the UI must render it sanitised, with no remote content. */
  readonly html: string | null;
  readonly attachments: readonly OutboxAttachment[];
  /** The whole message exactly as received (decoded as UTF-8 for display; SMTP bodies are 7-bit or UTF-8 here). */
  readonly raw: string;
}

export interface SmtpTarget {
  readonly host: string;
  readonly port: number;
}

/**
 * In practice mode every send must go to the practice outbox: same host (127.0.0.1, compared
 * exactly: no names, no other loopback spelling) and same port. Anything else throws
 * AppError('practice-only'), so a practice run can never reach a real mail server, whatever
 * profile or transport options were handed in.
 */
export function assertPracticeTarget(profile: SmtpTarget, outbox: SmtpTarget): void {
  const host = profile.host.trim();
  const ok =
    outbox.host === PRACTICE_HOST &&
    host === PRACTICE_HOST &&
    Number.isInteger(profile.port) &&
    profile.port > 0 &&
    profile.port === outbox.port;
  if (!ok) {
    throw new AppError('practice-only', 'In practice mode, mail can only go to the practice outbox.', {
      host: profile.host,
      port: profile.port,
      outboxHost: outbox.host,
      outboxPort: outbox.port,
    });
  }
}
