// A small pool of nodemailer SMTP connections implementing MailTransport, one message per transaction.
// Why not nodemailer's own pool (createTransport({ pool: true })): when a connection closes during a
// transaction it queues the message again by itself (even after DATA, when the server may already
// hold it), and with that turned off it reports a 421 as a bare "connection closed". Here every
// failure says at which stage it happened, and nothing is ever sent twice behind our back.
import { Readable } from 'node:stream';
import SMTPConnection from 'nodemailer/lib/smtp-connection';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { buildMime, checkEnvelope, TransportError, type MailTransport } from './mail-transport';
import { wireAddress } from './wire-address';
import { buildIso2022jpMime } from './iso2022jp-mime';
import { openSession, step, type SessionOptions } from './smtp-session';

export interface SmtpPoolOptions extends SessionOptions {
  readonly maxConnections: number;
  /** Reconnect after this many messages (some providers cap messages per session). */
  readonly maxMessagesPerConnection?: number;
}

interface PooledConnection {
  readonly smtp: SMTPConnection;
  dead: boolean;
  messages: number;
}

/** Messages per connection unless the profile says otherwise (exported for the send benchmark). */
export const MESSAGES_PER_CONNECTION = 1000;

export function createSmtpPool(options: SmtpPoolOptions): MailTransport {
  const max = Math.max(1, Math.floor(options.maxConnections));
  const perConnection = options.maxMessagesPerConnection ?? MESSAGES_PER_CONNECTION;
  const idle: PooledConnection[] = [];
  const waiting: Array<() => void> = [];
  let open = 0;
  let closed = false;

  async function connect(): Promise<PooledConnection> {
    let conn: PooledConnection | null = null;
    // An idle connection the server closes must not crash the process, only leave the pool.
    const smtp = await openSession(options, (c) => {
      c.on('error', () => conn && (conn.dead = true));
      c.on('end', () => conn && (conn.dead = true));
    });
    conn = { smtp, dead: false, messages: 0 };
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
      // Before anything goes on the wire, the envelope names one sender and one member (promise 1).
      checkEnvelope(envelope, message);
      const conn = await acquire();
      const body = lateBody();
      conn.messages++;
      const transaction = step<SMTPConnection.SentMessageInfo>(conn.smtp, (cb) =>
        conn.smtp.send({ from: envelope.from, to: [wireAddress(envelope.to)] }, body.stream, cb),
      );
      // Settled below; this only keeps a failure during the build from counting as unhandled.
      transaction.catch(() => undefined);
      // The message is written out while the server reads MAIL FROM and RCPT TO, as nodemailer's
      // own pool does, instead of keeping the connection idle meanwhile. nodemailer writes UTF-8
      // only: an ISO-2022-JP notice is built by iso2022jp-mime.ts.
      let built = false;
      try {
        body.fill(message.encoding === 'iso-2022-jp' ? await buildIso2022jpMime(envelope, message) : await buildMime(envelope, message));
        built = true;
        const info = await transaction;
        release(conn, true);
        return { messageId: message.messageId, response: String(info.response ?? '') };
      } catch (e) {
        // A failed build: not a byte of the message was sent, and dropping the connection before
        // its DATA ended leaves the server nothing to deliver. The error is the build's, as before.
        release(conn, false);
        if (!built) throw e;
        throw new TransportError(body.started() ? 'data' : 'envelope', e);
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
 * A message body whose bytes may come after the transaction started. It also tells whether the
 * server ever got to see the message: SMTPConnection only starts reading it after the server
 * answered DATA with 354.
 */
function lateBody(): { readonly stream: Readable; started(): boolean; fill(raw: Buffer): void } {
  let raw: Buffer | null = null;
  let asked = false;
  const stream = new Readable({
    read() {
      asked = true;
      if (raw) {
        this.push(raw);
        this.push(null);
      }
    },
  });
  return {
    stream,
    started: () => asked,
    fill(bytes) {
      raw = bytes;
      if (asked) {
        stream.push(raw);
        stream.push(null);
      }
    },
  };
}

/** Pool options from transportOptions(profile, password) (nodemailer transport options). */
export function poolOptionsFrom(o: SMTPTransport.Options & { maxConnections?: number }): SmtpPoolOptions {
  // The pool logs in itself and never pools through nodemailer; file and URL access are
  // message options (composeMail sets them), not connection ones.
  const { auth, maxConnections, pool: _pool, disableFileAccess: _f, disableUrlAccess: _u, ...connection } = o as typeof o & {
    pool?: unknown;
  };
  const user = auth && 'user' in auth ? auth.user : undefined;
  const pass = auth && 'pass' in auth ? auth.pass : undefined;
  const provision = auth && 'provisionCallback' in auth ? auth.provisionCallback : undefined;
  return {
    connection,
    ...(user ? { auth: provision ? { user, provision } : { user, pass: pass ?? '' } } : {}),
    maxConnections: maxConnections ?? 1,
  };
}
