// Builds nodemailer SMTP transport options from a profile: the only place that decides how
// Tayori connects (encryption, auth, pooling, timeouts). Shared by "test connection" and the sender.
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpProfile } from '../../shared/smtp-profile';

/**
 * An OAuth2 access token for the account's mailbox; renew: the last one was refused, fetch a new
 * one. The token itself never leaves the main process (it is not stored in the options' logs).
 */
export type AccessTokenSource = (renew: boolean) => Promise<string>;

export interface TransportTimeouts {
  /** Milliseconds to establish the TCP (or TLS) connection. */
  readonly connectionTimeout: number;
  /** Milliseconds to wait for the server's greeting after connecting. */
  readonly greetingTimeout: number;
  /** Milliseconds of inactivity allowed on an open connection. */
  readonly socketTimeout: number;
}

const DEFAULT_TIMEOUTS: TransportTimeouts = {
  connectionTimeout: 15_000,
  greetingTimeout: 15_000,
  socketTimeout: 60_000,
};

export function transportOptions(
  profile: SmtpProfile,
  password: string | null,
  timeouts: Partial<TransportTimeouts> = {},
  accessToken?: AccessTokenSource,
): SMTPTransport.Options {
  const t = { ...DEFAULT_TIMEOUTS, ...timeouts };
  const options: SMTPTransport.Options & { pool: true; maxConnections: number } = {
    pool: true,
    maxConnections: profile.maxConnections,
    host: profile.host,
    port: profile.port,
    // Implicit TLS from the first byte ('tls'), or a mandatory STARTTLS upgrade: requireTLS makes
    // nodemailer fail instead of silently continuing in clear text when the server lacks STARTTLS.
    secure: profile.security === 'tls',
    requireTLS: profile.security === 'starttls',
    // 'none' is only allowed for loopback (checked by the profile service); never upgrade there.
    ignoreTLS: profile.security === 'none',
    // Certificates are always verified; a self-signed server is reported as smtp-tls.
    tls: { rejectUnauthorized: true, minVersion: 'TLSv1.2' },
    connectionTimeout: t.connectionTimeout,
    greetingTimeout: t.greetingTimeout,
    socketTimeout: t.socketTimeout,
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  if (profile.authUser && profile.authMethod === 'oauth2') {
    // XOAUTH2 as nodemailer does it (the same options work in a bare nodemailer transport); the
    // token comes from the sign-in's refresh token, renewed when nodemailer says it was refused.
    const source = accessToken ?? (() => Promise.reject(new Error('No OAuth2 sign-in for this account')));
    options.auth = {
      type: 'OAuth2',
      user: profile.authUser,
      provisionCallback: (_user, renew, cb) => void source(renew).then((t) => cb(null, t), (e: Error) => cb(e)),
    };
  } else if (profile.authUser) options.auth = { user: profile.authUser, pass: password ?? '' };
  return options;
}
