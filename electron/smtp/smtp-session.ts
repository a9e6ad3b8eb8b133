// One SMTP session: connect (with TLS or STARTTLS as configured) and log in, with every failure
// as a TransportError of stage 'connect' that says what went wrong. The pool opens its
// connections here, and "test connection" checks a profile the same way, so both report alike.
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import XOAuth2, { type XOAuth2ProvisionCallback } from 'nodemailer/lib/xoauth2';
import { TransportError } from './mail-transport';

/** A password login, or XOAUTH2 with a token from the account's OAuth2 sign-in. */
export type SessionAuth =
  | { readonly user: string; readonly pass: string }
  | { readonly user: string; readonly provision: XOAuth2ProvisionCallback };

export interface SessionOptions {
  /** host, port, secure, requireTLS, ignoreTLS, tls, timeouts, name… */
  readonly connection: SMTPConnection.Options;
  readonly auth?: SessionAuth;
}

/**
 * Runs one SMTPConnection step. nodemailer reports some failures only through the callback
 * and others (refused connection, a socket closing) only as 'error' or 'end' events, so the
 * step settles on whichever comes first.
 */
export function step<T>(smtp: SMTPConnection, fn: (cb: (err: unknown, value?: T) => void) => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const done = (err: unknown, value?: T) => {
      if (settled) return;
      settled = true;
      smtp.removeListener('error', onError);
      smtp.removeListener('end', onEnd);
      if (err) reject(err);
      else resolve(value as T);
    };
    const onError = (e: unknown) => done(e ?? new Error('SMTP connection error'));
    // A server that answers 421 closes the connection right after: let the reply (delivered
    // through the callback in the same turn) win over the bare close.
    const onEnd = () =>
      setImmediate(() => done(Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' })));
    smtp.once('error', onError);
    smtp.once('end', onEnd);
    fn(done);
  });
}

/**
 * A socket reset while STARTTLS upgrades the connection reaches us as a bare ESOCKET/ECONNRESET,
 * the same as an unreachable host. SMTPConnection still says it was upgrading: mark the error so
 * that it is reported as the TLS problem it is (smtp-errors.ts reads `tlsUpgrade`).
 */
export function duringTlsUpgrade(smtp: SMTPConnection, e: unknown): unknown {
  if ((smtp as { upgrading?: boolean }).upgrading !== true || e === null || typeof e !== 'object') return e;
  const src = e as { message?: string; code?: string; originalCode?: string; command?: string; response?: string; responseCode?: number };
  return Object.assign(new Error(src.message ?? 'The TLS handshake failed', { cause: e }), {
    code: src.code,
    originalCode: src.originalCode,
    command: src.command,
    response: src.response,
    responseCode: src.responseCode,
    tlsUpgrade: true,
  });
}

/**
 * Logs in. With OAuth2, nodemailer itself asks for a new token when the server answers the bearer
 * token with a 334 challenge (Google); a server that refuses with a plain 535 (Microsoft) gets one
 * more try here, with a renewed token, unless a renewed one was already refused.
 */
export async function logIn(smtp: SMTPConnection, auth: SessionAuth): Promise<void> {
  if ('pass' in auth) {
    await step<void>(smtp, (cb) => smtp.login({ user: auth.user, pass: auth.pass }, (err) => cb(err)));
    return;
  }
  let renewed = false;
  // A token that could not be had (sign-in withdrawn, server unreachable) is the caller's coded
  // error; nodemailer rewrites the code of any error it is given, so it gets a copy.
  let tokenFailure: unknown = null;
  const withToken = (forceRenew: boolean) =>
    new XOAuth2({
      user: auth.user,
      provisionCallback: (user, renew, cb) => {
        renewed ||= renew || forceRenew;
        auth.provision(user, renew || forceRenew, (err, token, expires) => {
          if (err) tokenFailure = err;
          cb(err ? new Error(err.message) : null, token, expires);
        });
      },
    });
  const attempt = (forceRenew: boolean) =>
    step<void>(smtp, (cb) => smtp.login({ user: auth.user, oauth2: withToken(forceRenew) }, (err) => cb(err))).catch((e: unknown) => {
      throw tokenFailure ?? e;
    });
  try {
    await attempt(false);
  } catch (e) {
    const refused = tokenFailure === null && (e as { code?: string }).code === 'EAUTH' && (e as { responseCode?: number }).responseCode !== undefined;
    if (renewed || !refused) throw e;
    await attempt(true);
  }
}

/**
 * A connected (and, with `auth`, logged-in) session. `prepare` runs before connecting, for
 * listeners that must be there from the start. Throws TransportError('connect', …).
 */
export async function openSession(options: SessionOptions, prepare?: (smtp: SMTPConnection) => void): Promise<SMTPConnection> {
  const smtp = new SMTPConnection(options.connection);
  prepare?.(smtp);
  try {
    await step<void>(smtp, (cb) => smtp.connect(() => cb(null)));
    if (options.auth) await logIn(smtp, options.auth);
  } catch (e) {
    smtp.close();
    throw new TransportError('connect', duringTlsUpgrade(smtp, e));
  }
  return smtp;
}
