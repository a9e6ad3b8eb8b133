// One SMTP session: connect (with TLS or STARTTLS as configured) and log in, with every failure
// as a TransportError of stage 'connect' that says what went wrong. The pool opens its
// connections here, and "test connection" checks a profile the same way, so both report alike.
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import { TransportError } from './mail-transport';

export interface SessionOptions {
  /** host, port, secure, requireTLS, ignoreTLS, tls, timeouts, name… */
  readonly connection: SMTPConnection.Options;
  readonly auth?: { readonly user: string; readonly pass: string };
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
function duringTlsUpgrade(smtp: SMTPConnection, e: unknown): unknown {
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
 * A connected (and, with `auth`, logged-in) session. `prepare` runs before connecting, for
 * listeners that must be there from the start. Throws TransportError('connect', …).
 */
export async function openSession(options: SessionOptions, prepare?: (smtp: SMTPConnection) => void): Promise<SMTPConnection> {
  const smtp = new SMTPConnection(options.connection);
  prepare?.(smtp);
  try {
    await step<void>(smtp, (cb) => smtp.connect(() => cb(null)));
    const auth = options.auth;
    if (auth) await step<void>(smtp, (cb) => smtp.login({ user: auth.user, pass: auth.pass }, (err) => cb(err)));
  } catch (e) {
    smtp.close();
    throw new TransportError('connect', duringTlsUpgrade(smtp, e));
  }
  return smtp;
}

/** Connects, logs in and says goodbye: "test connection". Throws TransportError('connect', …). */
export async function verifySession(options: SessionOptions): Promise<void> {
  // No listener would be left for an error arriving after QUIT; one that swallows it is.
  const smtp = await openSession(options, (c) => c.on('error', () => undefined));
  smtp.quit();
}
