// Maps nodemailer / socket failures to coded AppErrors with plain-words messages, so the UI
// (and the send engine's pause/retry decisions) never parse error text.
import { AppError, isAppError } from '../../shared/errors';

/** What the sender needs to decide between retry, fail and pause; attached as details. */
interface SmtpErrorDetails {
  /** nodemailer's code (EAUTH, ESOCKET, ETIMEDOUT, ...), if any. */
  readonly smtpCode: string | null;
  /** The underlying system / TLS code (ECONNREFUSED, DEPTH_ZERO_SELF_SIGNED_CERT, ...), if any. */
  readonly cause: string | null;
  /** The server's reply line and its numeric code, when the server answered. */
  readonly response: string | null;
  readonly responseCode: number | null;
  /** The SMTP command in progress (MAIL FROM, RCPT TO, DATA, AUTH PLAIN, CONN, ...). */
  readonly command: string | null;
  /** True for a 4xx reply: worth retrying later. */
  readonly transient: boolean;
}

const CONNECT_CAUSES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EPIPE', 'EADDRNOTAVAIL',
]);

function field(e: object, key: string): unknown {
  return (e as Record<string, unknown>)[key];
}

function str(v: unknown): string | null {
  return typeof v === 'string' && v !== '' ? v : null;
}

function isCertificateProblem(cause: string | null, message: string): boolean {
  if (cause && /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|HOSTNAME_MISMATCH/i.test(cause)) return true;
  return /certificate|self[- ]signed|unable to verify|altnames|wrong version number|handshake|ssl routines/i.test(message);
}

export function mapSmtpError(e: unknown): AppError {
  if (isAppError(e)) return e;
  if (e === null || typeof e !== 'object') return new AppError('internal', 'Unexpected mail error', { value: String(e) });
  const message = typeof field(e, 'message') === 'string' ? (field(e, 'message') as string) : '';
  const smtpCode = str(field(e, 'code'));
  const originalCode = str(field(e, 'originalCode'));
  const cause = originalCode ?? (smtpCode && !smtpCode.startsWith('E') ? smtpCode : null) ?? (CONNECT_CAUSES.has(smtpCode ?? '') ? smtpCode : null);
  const response = str(field(e, 'response'));
  const rc = field(e, 'responseCode');
  const responseCode = typeof rc === 'number' ? rc : response && /^\d{3}/.test(response) ? Number(response.slice(0, 3)) : null;
  const details: SmtpErrorDetails = {
    smtpCode,
    cause,
    response,
    responseCode,
    command: str(field(e, 'command')),
    transient: responseCode !== null && responseCode >= 400 && responseCode < 500,
  };

  if (smtpCode === 'EAUTH' || smtpCode === 'ENOAUTH' || responseCode === 535 || responseCode === 534) {
    return new AppError('smtp-auth', 'The mail server rejected the user name or password', details);
  }
  if (smtpCode === 'ETIMEDOUT' || cause === 'ETIMEDOUT' || cause === 'ESOCKETTIMEDOUT') {
    return new AppError('smtp-timeout', 'The mail server did not answer in time', details);
  }
  // Reset or closed during the STARTTLS handshake: the host and port answered, the encryption
  // failed (a middlebox stripping TLS, a server whose TLS set-up is broken).
  if (field(e, 'tlsUpgrade') === true) {
    return isCertificateProblem(cause, message)
      ? new AppError('smtp-tls', "The mail server's security certificate was rejected", details)
      : new AppError('smtp-tls', 'The secure connection to the mail server failed during the STARTTLS handshake', details);
  }
  if (smtpCode === 'EDNS' || (cause !== null && CONNECT_CAUSES.has(cause))) {
    return new AppError('smtp-connect', 'Could not connect to the mail server (check host and port)', details);
  }
  if (isCertificateProblem(cause, message)) {
    return new AppError('smtp-tls', "The mail server's security certificate was rejected", details);
  }
  // requireTLS against a server that does not offer STARTTLS (or refuses it).
  if ((smtpCode === 'ETLS' && details.command === 'STARTTLS') || /STARTTLS/i.test(message)) {
    return new AppError('smtp-starttls-unavailable', 'The mail server does not offer the required encryption (STARTTLS)', details);
  }
  if (smtpCode === 'ETLS') {
    return new AppError('smtp-tls', 'The secure connection to the mail server failed', details);
  }
  if (responseCode !== null && responseCode >= 400) {
    return new AppError('smtp-rejected', `The mail server refused: ${response ?? responseCode}`, details);
  }
  if (smtpCode === 'ESOCKET' || smtpCode === 'ECONNECTION') {
    return new AppError('smtp-connect', 'The connection to the mail server was lost', details);
  }
  return new AppError('internal', message || 'Unexpected mail error', details);
}
