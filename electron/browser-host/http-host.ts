// The browser host's HTTP server: the contract over POST /api/invoke/:channel and Server-Sent
// Events at /api/events, plus the renderer files. Loopback only, per-start token, Host and
// Origin checked.
//
// Why a token in the served page is acceptable: the server listens on 127.0.0.1 only, so only
// processes on this machine can reach it; the Host check defeats DNS rebinding and the Origin
// check refuses requests made by other web pages, so a web page cannot read the token (the
// same-origin policy hides our index.html from it) nor use the API without it; and the token
// changes at every start. What remains is another local program of the same user, which could
// read the data folder anyway.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeWire, decodeWire } from '../../shared/contract/wire';
import { AppError } from '../../shared/errors';
import type { Dispatch } from '../app/dispatch';
import type { EventBus } from '../app/event-bus';
import { bodyLimit } from './body-limits';
import { readBody } from './read-body';
import { securityHeaders, serveStatic } from './static-files';

const LOOPBACK = '127.0.0.1';

export interface HttpHostOptions {
  readonly dispatch: Dispatch;
  readonly events: EventBus;
  readonly rendererDir: string;
  readonly host?: string;
  readonly port?: number;
  readonly log?: (message: string, error?: unknown) => void;
}

export interface HttpHost {
  readonly url: string;
  readonly token: string;
  readonly port: number;
  close(): Promise<void>;
}

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(encodeWire(body));
}

export async function startHttpHost(options: HttpHostOptions): Promise<HttpHost> {
  const host = options.host ?? LOOPBACK;
  if (host !== LOOPBACK) {
    throw new AppError('forbidden', 'The browser host only listens on 127.0.0.1.', { host });
  }
  const log = options.log ?? console.error;
  const token = randomBytes(32).toString('base64url');
  const sseClients = new Set<ServerResponse>();
  let origin = '';
  let hostHeader = '';

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    securityHeaders(res);
    // DNS rebinding: a page at evil.example resolving to 127.0.0.1 still sends its own Host.
    if (req.headers.host !== hostHeader) return sendJson(res, 403, { error: 'host' });
    const reqOrigin = req.headers.origin;
    if (reqOrigin !== undefined && reqOrigin !== origin) return sendJson(res, 403, { error: 'origin' });
    const url = new URL(req.url ?? '/', origin);

    if (url.pathname.startsWith('/api/')) {
      if (req.method === 'POST' && url.pathname.startsWith('/api/invoke/')) {
        if (reqOrigin === undefined) return sendJson(res, 403, { error: 'origin' });
        const given = req.headers['x-tayori-token'];
        if (!sameToken(typeof given === 'string' ? given : null, token)) return sendJson(res, 401, { error: 'token' });
        const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
        let args: unknown;
        try {
          const text = await readBody(req, channel, bodyLimit(channel));
          args = text ? decodeWire(text) : {};
        } catch (e) {
          if (e instanceof AppError && e.code === 'too-large') {
            // The rest of the body is being dropped; the connection is not reused after it.
            res.setHeader('Connection', 'close');
            return sendJson(res, 413, { ok: false, error: e.toInfo() });
          }
          const error = e instanceof AppError ? e.toInfo() : { code: 'validation', message: 'The request body is not valid JSON.' };
          return sendJson(res, 200, { ok: false, error });
        }
        return sendJson(res, 200, await options.dispatch(channel, args));
      }
      if (req.method === 'GET' && url.pathname === '/api/events') {
        if (!sameToken(url.searchParams.get('token'), token)) return sendJson(res, 401, { error: 'token' });
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
        res.write(': connected\n\n');
        sseClients.add(res);
        req.on('close', () => sseClients.delete(res));
        return;
      }
      return sendJson(res, 404, { error: 'not-found' });
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.writeHead(405).end();
    return serveStatic(res, options.rendererDir, url.pathname, token);
  }

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log('browser host request failed', e);
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: { code: 'internal', message: 'Something went wrong inside Tayori.' } });
      else res.end();
    });
  });
  const unsubscribe = options.events.subscribe((event, payload) => {
    const data = encodeWire({ event, payload });
    for (const client of sseClients) client.write(`data: ${data}\n\n`);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  origin = `http://${host}:${port}`;
  hostHeader = `${host}:${port}`;

  return {
    url: `${origin}/`,
    token,
    port,
    close: async () => {
      unsubscribe();
      for (const client of sseClients) client.end();
      sseClients.clear();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
