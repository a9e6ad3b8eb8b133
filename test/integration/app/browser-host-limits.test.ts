// Request bodies in the browser host: each channel has its own limit; past it the client gets a
// coded `too-large` answer (HTTP 413) instead of a dropped socket, whether the size was declared
// or the body was streamed, while uploads and templates still get the room they need.
import { request } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeWire, encodeWire } from '../../../shared/contract/wire';
import { startBrowserHost, type BrowserHost } from '../../../electron/browser-host/browser-host';
import { DEFAULT_BODY_LIMIT, TEMPLATE_BODY_LIMIT, bodyLimit } from '../../../electron/browser-host/body-limits';
import { manualClock } from '../../../electron/services/clock';
import { tempDir } from '../../helpers/tmp';

let host: BrowserHost;
let origin: string;
const t = tempDir();

beforeAll(async () => {
  const rendererDir = join(t.dir, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><html><head></head><body></body></html>');
  host = await startBrowserHost({ dataDir: join(t.dir, 'data'), rendererDir, clock: manualClock(), log: () => undefined });
  origin = host.url.replace(/\/$/, '');
});
afterAll(async () => {
  await host.close();
  t.cleanup();
});

const headers = () => ({ 'content-type': 'application/json', origin, 'x-tayori-token': host.token });

async function post(channel: string, body: string) {
  const res = await fetch(`${origin}/api/invoke/${channel}`, { method: 'POST', headers: headers(), body });
  return { status: res.status, connection: res.headers.get('connection'), body: decodeWire(await res.text()) };
}

/** A body streamed in chunks without Content-Length: the server only learns its size by reading. */
function postChunked(channel: string, body: Buffer): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${origin}/api/invoke/${channel}`, { method: 'POST', headers: headers() }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: decodeWire(Buffer.concat(chunks).toString('utf8')) }));
    });
    // Writing on after the answer may hit a closed socket; the answer is what matters.
    req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
    let off = 0;
    const pump = () => {
      while (off < body.length) {
        if (!req.write(body.subarray(off, (off += 64 * 1024)))) return void req.once('drain', pump);
      }
      req.end();
    };
    pump();
  });
}

describe('request body limits', () => {
  it('gives each channel the room it needs, and the rest a few KB', () => {
    expect(bodyLimit('users:list')).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimit('no:such-channel')).toBe(DEFAULT_BODY_LIMIT);
    expect(bodyLimit('template:check')).toBe(TEMPLATE_BODY_LIMIT);
    expect(bodyLimit('import:run')).toBeGreaterThan(100 * 1024 * 1024);
    expect(bodyLimit('attachments:add')).toBeGreaterThan(100 * 1024 * 1024);
  });

  it('answers a body over the limit with too-large (413) and closes the connection', async () => {
    const r = await post('users:list', encodeWire({ padding: 'x'.repeat(DEFAULT_BODY_LIMIT) }));
    expect(r.status).toBe(413);
    expect(r.connection).toBe('close');
    expect(r.body).toMatchObject({ ok: false, error: { code: 'too-large', details: { channel: 'users:list', limit: DEFAULT_BODY_LIMIT } } });
  });

  it('answers a streamed body without Content-Length as soon as it passes the limit', async () => {
    const r = await postChunked('users:list', Buffer.from(encodeWire({ padding: 'x'.repeat(8 * 1024 * 1024) })));
    expect(r).toMatchObject({ status: 413, body: { ok: false, error: { code: 'too-large' } } });
  });

  it('answers a declared size far over any limit without reading it', async () => {
    const big = await new Promise<{ status: number; body: unknown }>((resolve, reject) => {
      const req = request(
        `${origin}/api/invoke/import:run`,
        { method: 'POST', headers: { ...headers(), 'content-length': String(2 ** 40) } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            resolve({ status: res.statusCode ?? 0, body: decodeWire(Buffer.concat(chunks).toString('utf8')) });
            req.destroy();
          });
        },
      );
      req.on('error', (e) => (req.destroyed ? undefined : reject(e)));
      req.write('{"fileName":"a.csv"');
    });
    expect(big).toMatchObject({ status: 413, body: { ok: false, error: { code: 'too-large', details: { channel: 'import:run' } } } });
  });

  it('still takes a long template and keeps serving calls after a refusal', async () => {
    const body = '{{#if a}}x{{/if}}\n'.repeat(10_000); // 180,000 characters, well over the default limit
    const r = await post('template:check', encodeWire({ listId: null, subject: '件名', body }));
    expect(r).toMatchObject({ status: 200, body: { ok: true, value: { ok: true } } });
    expect((await post('users:list', '{}')).body).toEqual({ ok: true, value: [] });
  });
});
