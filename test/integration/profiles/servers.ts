// Small real SMTP servers on 127.0.0.1 for the connection-test cases (and a silent TCP server).
import { createServer, type Server } from 'node:net';
import type { AddressInfo } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export interface Running {
  readonly port: number;
  close(): Promise<void>;
}

export async function startSmtp(options: SMTPServerOptions): Promise<Running> {
  const server = new SMTPServer({ logger: false, disableReverseLookup: true, ...options });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = ((server as unknown as { server: Server }).server.address() as AddressInfo).port;
  return { port, close: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Accepts TCP connections and never says a word: the client must time out. */
export async function startSilent(): Promise<Running> {
  const sockets = new Set<import('node:net').Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

/** A port that was just free: nothing listens on it, so connecting is refused. */
export async function closedPort(): Promise<number> {
  const s = await startSilent();
  await s.close();
  return s.port;
}
