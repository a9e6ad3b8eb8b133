// Promise 1 against a second, independent SMTP implementation: Postfix's smtp-sink, dumping
// every transaction with its envelope (X-Mail-Args / X-Rcpt-Args) to files we read back.
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, readdirSync, readFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { afterEach, describe, expect, it } from 'vitest';
import { countByStatus } from '../../../electron/db/repos/sends-repo';
import { sendHarness, type Harness } from '../../helpers/send-harness';
import { tempDir } from '../../helpers/tmp';

const SMTP_SINK = '/usr/sbin/smtp-sink';
const present = existsSync(SMTP_SINK);
if (!present) console.warn(`SKIPPED: ${SMTP_SINK} is absent (Debian package postfix); the smtp-sink test cannot run`);

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => (a && typeof a === 'object' ? resolve(a.port) : reject(new Error('no port'))));
    });
  });
}

async function listening(port: number): Promise<void> {
  for (let i = 0; i < 200; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = createConnection({ host: '127.0.0.1', port }, () => (c.destroy(), resolve(true)));
      c.on('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('smtp-sink did not start listening');
}

describe.skipIf(!present)('Postfix smtp-sink as the server (promise 1)', () => {
  it('receives one transaction per member with one RCPT TO equal to the To header', async () => {
    const dumps = tempDir();
    cleanups.push(dumps.cleanup);
    chmodSync(dumps.dir, 0o777); // smtp-sink writes as the unprivileged postfix user
    const port = await freePort();
    const sink: ChildProcess = spawn(SMTP_SINK, ['-u', 'postfix', '-c', '-d', join(dumps.dir, '%Y%m%d%H%M%S.'), `127.0.0.1:${port}`, '1000'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let counters = '';
    sink.stdout!.on('data', (d: Buffer) => (counters += d.toString()));
    cleanups.push(() => sink.kill('SIGTERM'));
    await listening(port);

    const n = 50;
    const h: Harness = await sendHarness({ members: n, maxConnections: 3, port });
    cleanups.push(() => h.cleanup());
    h.start();
    await h.svc.settled(h.fx.campaignId);
    expect(countByStatus(h.db, h.fx.campaignId).sent).toBe(n);

    let files: string[] = [];
    for (let i = 0; i < 200 && files.length < n; i++) {
      files = readdirSync(dumps.dir);
      if (files.length < n) await new Promise((r) => setTimeout(r, 25));
    }
    expect(files).toHaveLength(n);
    const seen = new Set<string>();
    const names = new Map(h.fx.members.map((m) => [m.email, m.name]));
    for (const f of files) {
      const text = readFileSync(join(dumps.dir, f), 'latin1');
      const rcpt = [...text.matchAll(/^X-Rcpt-Args: <([^>]*)>/gm)].map((m) => m[1]!);
      expect(rcpt).toHaveLength(1);
      expect(text).toMatch(/^X-Mail-Args: <info@chounaikai\.example\.jp>/m);
      const parsed = await simpleParser(Buffer.from(text.slice(text.search(/^(From|To|Subject|Message-ID|Date|Content-Type|MIME-Version):/m)), 'latin1'));
      const to = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : [];
      expect(to.map((a) => a.address)).toEqual(rcpt);
      expect(to[0]!.name).toBe(names.get(rcpt[0]!));
      expect(parsed.headers.has('cc')).toBe(false);
      expect(parsed.headers.has('bcc')).toBe(false);
      expect(parsed.subject).toBe(`【町内会】${names.get(rcpt[0]!)}様 会費のお知らせ`);
      seen.add(rcpt[0]!);
    }
    expect(seen.size).toBe(n);
    expect(counters.length).toBeGreaterThan(0);
  });
});
