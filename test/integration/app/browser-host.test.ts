// The loopback browser host: token, Host and Origin checks, loopback-only bind, the page's
// token and CSP, bytes crossing HTTP intact, and events reaching an SSE client.
import { request } from 'node:http';
import Encoding from 'encoding-japanese';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeWire, decodeWire } from '../../../shared/contract/wire';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/browser-host';
import { manualClock } from '../../../electron/services/clock';
import { tempDir } from '../../helpers/tmp';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(url: string, opts: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers ?? {} }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

let host: BrowserHost;
let origin: string;
const t = tempDir();

beforeAll(async () => {
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head><title>T</title></head><body></body></html>');
  host = await startBrowserHost({ dataDir: join(t.dir, 'data'), rendererDir, clock: manualClock(), log: () => undefined });
  origin = host.url.replace(/\/$/, '');
});
afterAll(async () => {
  await host.close();
  t.cleanup();
});

function invoke(channel: string, args: unknown, headers: Record<string, string> = {}) {
  return send(`${origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin, 'x-tayori-token': host.token, ...headers },
    body: encodeWire(args),
  });
}

describe('browser host', () => {
  it('listens on 127.0.0.1 and refuses any other bind address', async () => {
    expect(new URL(host.url).hostname).toBe('127.0.0.1');
    await expect(startBrowserHost({ dataDir: join(t.dir, 'other'), host: '0.0.0.0', log: () => undefined })).rejects.toMatchObject({
      code: 'forbidden',
    });
  });

  it('serves index.html with the per-start token and the CSP header', async () => {
    const r = await send(`${origin}/`);
    expect(r.status).toBe(200);
    expect(r.body).toContain(`<meta name="tayori-token" content="${host.token}" />`);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    expect(String(r.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect((await send(`${origin}/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it('answers a call with a valid token, Host and Origin', async () => {
    const r = await invoke('users:list', {});
    expect(r.status).toBe(200);
    expect(decodeWire(r.body)).toEqual({ ok: true, value: [] });
  });

  it('refuses a call without or with a wrong token (401)', async () => {
    expect((await invoke('users:list', {}, { 'x-tayori-token': '' })).status).toBe(401);
    expect((await invoke('users:list', {}, { 'x-tayori-token': host.token.slice(1) + 'x' })).status).toBe(401);
    expect((await send(`${origin}/api/events`)).status).toBe(401);
  });

  it('refuses another Origin, a missing Origin on POST, and a foreign Host (403)', async () => {
    expect((await invoke('users:list', {}, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await invoke('users:list', {}, { origin: 'http://localhost:' + new URL(origin).port })).status).toBe(403);
    const noOrigin = await send(`${origin}/api/invoke/users:list`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-tayori-token': host.token },
      body: '{}',
    });
    expect(noOrigin.status).toBe(403);
    // DNS rebinding: a page on another name that resolves to 127.0.0.1 still sends its own Host.
    expect((await invoke('users:list', {}, { host: 'evil.example:80' })).status).toBe(403);
  });

  it('validates arguments and reports unknown channels as coded errors', async () => {
    expect(decodeWire((await invoke('users:create', { name: 'A' })).body)).toMatchObject({ ok: false, error: { code: 'validation' } });
    expect(decodeWire((await invoke('no:such', {})).body)).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('carries file bytes intact (CP932 CSV decoded on the other side)', async () => {
    // Shift_JIS/CP932 as Excel writes it: every byte must arrive as sent for this to decode.
    const text = 'メールアドレス,氏名\r\na@example.jp,山田 花子\r\n';
    const csv = Buffer.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));
    const r = decodeWire((await invoke('import:analyze', { fileName: 'm.csv', bytes: new Uint8Array(csv) })).body) as {
      ok: boolean;
      value: { encoding: string; headers: string[]; bytes: number };
    };
    expect(r.ok).toBe(true);
    expect(r.value.encoding).toBe('shift_jis');
    expect(r.value.headers).toEqual(['メールアドレス', '氏名']);
    expect(r.value.bytes).toBe(csv.length);
  });

  it('pushes events to a Server-Sent Events client', async () => {
    const received = new Promise<string>((resolve, reject) => {
      const req = request(`${origin}/api/events?token=${encodeURIComponent(host.token)}`, (res) => {
        expect(res.headers['content-type']).toContain('text/event-stream');
        let buf = '';
        res.on('data', (c: Buffer) => {
          buf += c.toString('utf8');
          const m = /data: (.*)\n\n/.exec(buf);
          if (m) {
            resolve(m[1]!);
            req.destroy();
          }
        });
        // Once connected, cause an event: an import reports progress.
        void invoke('users:create', { name: 'Aiko', pin: '4826' }).then(async (u) => {
          const user = decodeWire(u.body) as { value: { id: number } };
          await invoke('import:run', {
            actorId: user.value.id,
            listName: 'L',
            fileName: 'l.csv',
            bytes: new TextEncoder().encode('email,name\na@example.jp,A\n'),
          });
        });
      });
      req.on('error', (e) => (e.message.includes('aborted') ? undefined : reject(e)));
      req.end();
    });
    const event = decodeWire(await received) as { event: string; payload: { phase: string } };
    expect(event.event).toBe('import:progress');
  });
});
