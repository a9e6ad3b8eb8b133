// A small pool of nodemailer SMTP connections implementing MailTransport, one message per transaction.
// Why not nodemailer's own pool (createTransport({ pool: true })): when a connection closes during a
// transaction it queues the message again by itself (even after DATA, when the server may already
// hold it), and with that turned off it reports a 421 as a bare "connection closed". Here every
// failure says at which stage it happened, and nothing is ever sent twice behind our back.
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { buildMime, TransportError, type MailTransport } from './mail-transport';

export interface SmtpPoolOptions {
  /** host, port, secure, requireTLS, ignoreTLS, tls, timeouts, name… (not `auth`: see below). */
  readonly connection: SMTPConnection.Options;
  readonly auth?: { readonly user: string; readonly pass: string };
  readonly maxConnections: number;
  /** Reconnect after this many messages (some providers cap messages per session). */
  readonly maxMessagesPerConnection?: number;
}

interface PooledConnection {
  readonly smtp: SMTPConnection;
  dead: boolean;
  messages: number;
}

/**
 * Runs one SMTPConnection step. nodemailer reports some failures only through the callback
 * and others (refused connection, a socket closing) only as 'error' or 'end' events, so the
 * step settles on whichever comes first.
 */
function step<T>(smtp: SMTPConnection, fn: (cb: (err: unknown, value?: T) => void) => void): Promise<T> {
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

export function createSmtpPool(options: SmtpPoolOptions): MailTransport {
  const max = Math.max(1, Math.floor(options.maxConnections));
  const perConnection = options.maxMessagesPerConnection ?? 1000;
  const idle: PooledConnection[] = [];
  const waiting: Array<() => void> = [];
  let open = 0;
  let closed = false;

  async function connect(): Promise<PooledConnection> {
    const smtp = new SMTPConnection(options.connection);
    const conn: PooledConnection = { smtp, dead: false, messages: 0 };
    // An idle connection the server closes must not crash the process, only leave the pool.
    smtp.on('error', () => (conn.dead = true));
    smtp.on('end', () => (conn.dead = true));
    try {
      await step<void>(smtp, (cb) => smtp.connect(() => cb(null)));
      const auth = options.auth;
      if (auth) await step<void>(smtp, (cb) => smtp.login({ user: auth.user, pass: auth.pass }, (err) => cb(err)));
    } catch (e) {
      smtp.close();
      throw new TransportError('connect', e);
    }
    return conn;
  }

  async function acquire(): Promise<PooledConnection> {
    for (;;) {
      if (closed) throw new TransportError('connect', { code: 'ECLOSED', message: 'The transport was closed.' });
      const conn = idle.pop();
      if (conn) {
        if (!conn.dead) return conn;
        discard(conn);
        continue;
      }
      if (open < max) {
        open++;
        try {
          return await connect();
        } catch (e) {
          open--;
          waiting.shift()?.();
          throw e;
        }
      }
      await new Promise<void>((resolve) => waiting.push(resolve));
    }
  }

  function discard(conn: PooledConnection): void {
    conn.dead = true;
    conn.smtp.close();
    open--;
  }

  function release(conn: PooledConnection, healthy: boolean): void {
    if (!healthy || conn.dead || closed || conn.messages >= perConnection) {
      if (!conn.dead && healthy) conn.smtp.quit();
      discard(conn);
    } else {
      idle.push(conn);
    }
    waiting.shift()?.();
  }

  return {
    async send(envelope, message) {
      const raw = await buildMime(envelope, message);
      const conn = await acquire();
      // The body stream tells us whether the server ever got to see the message: SMTPConnection
      // only starts reading it after the server answered DATA with 354.
      let dataStarted = false;
      const body = new Readable({
        read() {
          dataStarted = true;
          this.push(raw);
          this.push(null);
        },
      });
      try {
        conn.messages++;
        const info = await step<SMTPConnection.SentMessageInfo>(conn.smtp, (cb) =>
          conn.smtp.send({ from: envelope.from, to: [envelope.to] }, body, cb),
        );
        release(conn, true);
        return { messageId: message.messageId, response: String(info.response ?? '') };
      } catch (e) {
        release(conn, false);
        throw new TransportError(dataStarted ? 'data' : 'envelope', e);
      }
    },
    close() {
      closed = true;
      for (const conn of idle.splice(0)) {
        conn.smtp.quit();
        discard(conn);
      }
      for (const wake of waiting.splice(0)) wake();
    },
  };
}

/**
 * A transport whose pool is made on first use, for factories that must fetch the password
 * asynchronously (the secret store). A failure to make it is a 'connect' failure: nothing was sent.
 */
export function lazyTransport(make: () => Promise<MailTransport>): MailTransport {
  let made: Promise<MailTransport> | null = null;
  let closed = false;
  return {
    async send(envelope, message) {
      made ??= make();
      let transport: MailTransport;
      try {
        transport = await made;
      } catch (e) {
        made = null;
        throw new TransportError('connect', e);
      }
      if (closed) transport.close();
      return transport.send(envelope, message);
    },
    close() {
      closed = true;
      void made?.then((t) => t.close(), () => undefined);
    },
  };
}

/** Pool options from transportOptions(profile, password) (nodemailer transport options). */
export function poolOptionsFrom(o: SMTPTransport.Options & { maxConnections?: number }): SmtpPoolOptions {
  const { auth, maxConnections, ...connection } = o;
  const user = auth && 'user' in auth ? auth.user : undefined;
  const pass = auth && 'pass' in auth ? auth.pass : undefined;
  return {
    connection,
    ...(user ? { auth: { user, pass: pass ?? '' } } : {}),
    maxConnections: maxConnections ?? 1,
  };
}
