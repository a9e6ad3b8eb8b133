// The redirect end of a desktop sign-in (RFC 8252 §7.3): an HTTP listener on 127.0.0.1 on a port
// the system picks, for one sign-in only. The browser comes back to it with the authorization
// response; it answers with a short page (Japanese and English) and closes.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LoopbackRedirect {
  /** http://127.0.0.1:<port>/callback */
  readonly redirectUri: string;
  /** The callback's query parameters; rejects when the wait ran out or close() was called. */
  readonly response: Promise<URLSearchParams>;
  close(): void;
}

const PATH = '/callback';

const page = (ok: boolean) =>
  `<!doctype html><html lang="ja"><meta charset="utf-8"><title>Tayori</title><body style="font-family:sans-serif;margin:3em">` +
  (ok
    ? '<h1>サインインしました / Signed in</h1><p>このタブを閉じて Tayori に戻ってください。<br>You can close this tab and go back to Tayori.</p>'
    : '<h1>サインインできませんでした / Sign-in did not complete</h1><p>Tayori に戻って、もう一度お試しください。<br>Go back to Tayori and try again.</p>') +
  '</body></html>';

/** `state`: only a callback carrying this sign-in's state ends the wait (another local program cannot). */
export async function startLoopbackRedirect(timeoutMs: number, state: string): Promise<LoopbackRedirect> {
  let settle: { resolve: (p: URLSearchParams) => void; reject: (e: Error) => void } | null = null;
  const response = new Promise<URLSearchParams>((resolve, reject) => (settle = { resolve, reject }));
  // Unhandled until the caller awaits it: a timeout before that must not crash the process.
  response.catch(() => undefined);

  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    // Only the callback counts (a browser also asks for /favicon.ico); nothing here is cached.
    if (req.method !== 'GET' || url.pathname !== PATH || !settle || url.searchParams.get('state') !== state) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    const ok = url.searchParams.has('code') && !url.searchParams.has('error');
    res.writeHead(ok ? 200 : 400, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', connection: 'close' }).end(page(ok));
    const s = settle;
    settle = null;
    s.resolve(url.searchParams);
    close();
  });
  const timer = setTimeout(() => fail(new Error('The sign-in was not completed in time')), timeoutMs);
  timer.unref?.();

  function fail(e: Error): void {
    const s = settle;
    settle = null;
    s?.reject(e);
    close();
  }
  function close(): void {
    clearTimeout(timer);
    server.close();
    server.closeAllConnections?.();
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // 127.0.0.1, not "localhost": the loopback literal cannot be redirected by a hosts file.
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { redirectUri: `http://127.0.0.1:${port}${PATH}`, response, close: () => fail(new Error('The sign-in was cancelled')) };
}
