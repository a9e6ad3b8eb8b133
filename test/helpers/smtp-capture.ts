// A real SMTP server (smtp-server) on 127.0.0.1 that keeps every received transaction, with
// hooks to answer chosen transactions with an error or to drop the connection inside DATA.
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import { simpleParser, type ParsedMail } from 'mailparser';

interface CapturedMessage {
  /** 1-based number of the SMTP transaction (MAIL FROM) this message completed. */
  readonly tx: number;
  readonly mailFrom: string;
  /** Every RCPT TO of the transaction, in order. */
  readonly rcptTo: readonly string[];
  readonly raw: Buffer;
  readonly authUser: string | null;
}

/** What to do to one transaction; `at` is the command whose reply carries the error. */
type Fault =
  | { readonly at: 'mail' | 'rcpt' | 'data'; readonly code: number; readonly message: string }
  | { readonly at: 'drop-in-data' };

export interface CaptureOptions {
  /** When set, AUTH is required and only these credentials pass. */
  readonly auth?: { readonly user: string; readonly pass: string };
  /**
   * When set, AUTH XOAUTH2 only (as Exchange Online and Gmail offer it) and this decides whether
   * the bearer token is good; a bad one gets Gmail's 334 challenge, then 535.
   */
  readonly xoauth2?: (user: string, accessToken: string) => boolean;
  /** Called once per transaction (at MAIL FROM) with its 1-based number. */
  readonly fault?: (tx: number) => Fault | undefined;
  /** Asked at each new connection: true cuts it before the greeting (an outage, as the client sees it). */
  readonly down?: () => boolean;
  /**
   * smtp-server's own address check refuses dots at the edges of a local part even when it is
   * quoted ("taro.."@docomo.ne.jp, valid RFC 5321); its lenient mode reads the address as sent.
   */
  readonly lenientAddressParsing?: boolean;
  /** Called at each RCPT TO with the address (greylisting is decided per recipient); a reply refuses it. */
  readonly rcpt?: (address: string, tx: number) => { readonly code: number; readonly message: string } | undefined;
}

export interface SmtpCapture {
  readonly port: number;
  readonly messages: CapturedMessage[];
  /** Number of MAIL FROM commands seen, whatever became of them. */
  transactions(): number;
  authFailures(): number;
  /** Connections cut by `down`. */
  connectionsCut(): number;
  parse(m: CapturedMessage): Promise<ParsedMail>;
  /** Resolves when `count` messages were received; rejects after `timeoutMs`. */
  waitFor(count: number, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export async function startSmtpCapture(options: CaptureOptions = {}): Promise<SmtpCapture> {
  const messages: CapturedMessage[] = [];
  const faults = new Map<string, { tx: number; fault: Fault | undefined }>();
  let txCount = 0;
  let authFailures = 0;
  let connectionsCut = 0;
  const waiters: Array<{ count: number; resolve: () => void }> = [];

  const current = (session: SMTPServerSession) => faults.get(session.id) ?? { tx: 0, fault: undefined };

  const server: SMTPServer = new SMTPServer({
    secure: false,
    ...(options.lenientAddressParsing ? { lenientAddressParsing: true } : {}),
    onConnect(session, callback) {
      if (!options.down?.()) return callback();
      connectionsCut++;
      for (const c of server.connections) if (c.id === session.id) c._socket.destroy();
    },
    disabledCommands: options.auth || options.xoauth2 ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth && !options.xoauth2,
    ...(options.xoauth2 ? { authMethods: ['XOAUTH2'] } : {}),
    allowInsecureAuth: true,
    logger: false,
    size: 50 * 1024 * 1024,
    onAuth(auth, _session, callback) {
      if (options.xoauth2 && auth.method === 'XOAUTH2') {
        if (options.xoauth2(auth.username ?? '', auth.accessToken ?? '')) return callback(null, { user: auth.username });
        authFailures++;
        return callback(null, { data: { status: '401', schemes: 'bearer', scope: 'https://mail.google.com/' } });
      }
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.pass) {
        callback(null, { user: auth.username });
      } else {
        authFailures++;
        callback(smtpError(535, '5.7.8 Authentication credentials invalid'));
      }
    },
    onMailFrom(_address, session, callback) {
      txCount++;
      const entry = { tx: txCount, fault: options.fault?.(txCount) };
      faults.set(session.id, entry);
      const f = entry.fault;
      if (f && f.at === 'mail') return callback(smtpError(f.code, f.message));
      callback();
    },
    onRcptTo(address, session, callback) {
      const { tx, fault: f } = current(session);
      if (f && f.at === 'rcpt') return callback(smtpError(f.code, f.message));
      const refusal = options.rcpt?.(address.address, tx);
      if (refusal) return callback(smtpError(refusal.code, refusal.message));
      callback();
    },
    onData(stream, session, callback) {
      const { tx, fault } = current(session);
      if (fault && fault.at === 'drop-in-data') {
        // Cut the TCP connection after the first chunk of the message: the client cannot know
        // whether the message was taken.
        stream.once('data', () => {
          for (const c of server.connections) if (c.id === session.id) c._socket.destroy();
        });
        stream.on('error', () => undefined);
        stream.resume();
        return;
      }
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        if (fault && fault.at === 'data') return callback(smtpError(fault.code, fault.message));
        messages.push({
          tx,
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          rcptTo: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks),
          authUser: typeof session.user === 'string' ? session.user : null,
        });
        for (const w of waiters.splice(0)) {
          if (messages.length >= w.count) w.resolve();
          else waiters.push(w);
        }
        callback(null, `OK queued as ${tx}`);
      });
    },
  });
  server.on('error', () => undefined);

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  if (!address || typeof address === 'string') throw new Error('smtp capture did not bind');

  return {
    port: address.port,
    messages,
    transactions: () => txCount,
    authFailures: () => authFailures,
    connectionsCut: () => connectionsCut,
    parse: (m) => simpleParser(m.raw),
    waitFor(count, timeoutMs = 20_000) {
      if (messages.length >= count) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`only ${messages.length}/${count} messages arrived`)), timeoutMs);
        waiters.push({
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of server.connections) c._socket.destroy();
        server.close(() => resolve());
      }),
  };
}
