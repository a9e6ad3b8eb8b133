// The built-in "practice outbox": an SMTP server on 127.0.0.1 that keeps every message it is
// sent in a folder, so practice mode runs the real send path with no mail account at all.
import { SMTPServer, type SMTPServerError, type SMTPServerSession } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { AppError } from '../../../shared/errors';
import { PRACTICE_HOST, type OutboxMessage, type OutboxSummary } from '../../../shared/practice';
import { systemClock, type Clock } from '../clock';
import { openOutboxStore } from './outbox-store';

const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const DEFAULT_MAX_STORED = 2000;

export interface PracticeOutboxOptions {
  /** Folder the messages are kept in (created if missing); e.g. <dataDir>/practice/outbox. */
  readonly dir: string;
  /** 0 or absent: any free port. */
  readonly port?: number;
  /** Only '127.0.0.1' is accepted; present so that a caller's mistake is refused, not ignored. */
  readonly host?: string;
  readonly clock?: Clock;
  readonly maxMessageBytes?: number;
  /** When this many messages are kept, new ones get a temporary 452 until the outbox is cleared. */
  readonly maxStored?: number;
}

export interface PracticeOutbox {
  readonly host: typeof PRACTICE_HOST;
  readonly port: number;
  /** Newest first. */
  list(): OutboxSummary[];
  count(): number;
  get(id: string): Promise<OutboxMessage>;
  clear(): void;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): SMTPServerError {
  return Object.assign(new Error(message), { responseCode: code });
}

function isLoopbackPeer(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::ffff:127.0.0.1';
}

export async function startPracticeOutbox(options: PracticeOutboxOptions): Promise<PracticeOutbox> {
  const host = options.host ?? PRACTICE_HOST;
  // Loopback only, and only the one IPv4 spelling: no TLS and no AUTH are offered, which is
  // safe solely because nothing outside this machine can connect.
  if (host !== PRACTICE_HOST) {
    throw new AppError('practice-only', 'The practice outbox only listens on 127.0.0.1.', { host });
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new AppError('validation', 'Invalid port for the practice outbox.', { port });
  }
  const maxBytes = options.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  const maxStored = options.maxStored ?? DEFAULT_MAX_STORED;
  const store = openOutboxStore(options.dir, options.clock ?? systemClock);
  let receiving = 0;

  const server = new SMTPServer({
    banner: 'Tayori practice outbox (messages are kept on this computer, never delivered)',
    disabledCommands: ['STARTTLS', 'AUTH'],
    authOptional: true,
    size: maxBytes,
    maxClients: 20,
    closeTimeout: 2000,
    logger: false,
    onConnect(session: SMTPServerSession, cb: (err?: Error | null) => void) {
      // Defence in depth: the socket is bound to 127.0.0.1, but never talk to anyone else.
      if (!isLoopbackPeer(session.remoteAddress)) return cb(smtpError(554, 'Local connections only'));
      cb();
    },
    onMailFrom(_address, _session, cb) {
      if (store.count() + receiving >= maxStored) {
        return cb(smtpError(452, 'Practice outbox is full; clear it to receive more'));
      }
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      receiving += 1;
      stream.on('data', (c: Buffer) => {
        // Past the limit smtp-server still drains the stream; stop keeping the bytes.
        if (!stream.sizeExceeded) chunks.push(c);
      });
      stream.on('error', (e) => {
        receiving -= 1;
        cb(e);
      });
      stream.on('end', () => {
        const finish = (err?: Error) => {
          receiving -= 1;
          cb(err);
        };
        if (stream.sizeExceeded) return finish(smtpError(552, `Message exceeds ${maxBytes} bytes`));
        const env = session.envelope;
        const envelope = {
          from: env.mailFrom === false ? null : env.mailFrom.address || null,
          to: env.rcptTo.map((r) => r.address),
        };
        store.save(Buffer.concat(chunks), envelope).then(
          () => finish(),
          () => finish(smtpError(451, 'Practice outbox could not store the message')),
        );
      });
    },
  });

  // smtp-server re-emits socket errors (a client resetting mid-session); with no listener
  // they would be thrown and take the app down. Listen failures are handled just below.
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    const onError = (e: NodeJS.ErrnoException) => {
      server.server.off('listening', onListening);
      const code = e.code === 'EADDRINUSE' ? 'conflict' : 'internal';
      reject(new AppError(code, 'The practice outbox could not start.', { port, cause: e.code ?? e.message }));
    };
    const onListening = () => {
      server.server.off('error', onError);
      resolve();
    };
    server.server.once('error', onError);
    server.server.once('listening', onListening);
    server.listen(port, host);
  });
  const address = server.server.address() as AddressInfo;
  if (address.address !== PRACTICE_HOST) {
    await new Promise<void>((r) => server.close(() => r()));
    throw new AppError('practice-only', 'The practice outbox only listens on 127.0.0.1.', { address });
  }
  let closed: Promise<void> | undefined;
  return {
    host: PRACTICE_HOST,
    port: address.port,
    list: () => store.list(),
    count: () => store.count(),
    get: (id) => store.get(id),
    clear: () => store.clear(),
    close() {
      closed ??= new Promise<void>((r) => server.close(() => r())).then(() => store.settle());
      return closed;
    },
  };
}
