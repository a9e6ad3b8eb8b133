// Probe (issue 15): the pool now builds the MIME while MAIL FROM / RCPT TO are in flight
// (smtp-pool.ts). A build that fails — a broken attachment, a text ISO-2022-JP cannot write, or a
// failure arriving only after the server answered DATA — must deliver nothing (the server never
// completes a message), must surface as the build's own error (retry-policy: a permanent failure,
// never "sent"), and the envelope check must still refuse before a byte reaches the server.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';

// The slow-failing build of the last probe: buildMime made to wait for the server's DATA.
const control = vi.hoisted(() => ({ failAfterData: null as null | Promise<void> }));
vi.mock('../../../electron/smtp/mail-transport', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../electron/smtp/mail-transport')>();
  return {
    ...real,
    buildMime: async (...args: Parameters<typeof real.buildMime>) => {
      if (control.failAfterData) {
        await control.failAfterData;
        throw new Error('probe: build failed after DATA');
      }
      return real.buildMime(...args);
    },
  };
});

import { newMessageId, TransportError, type OutgoingMessage } from '../../../electron/smtp/mail-transport';
import { createSmtpPool } from '../../../electron/smtp/smtp-pool';
import { classify } from '../../../electron/services/send/retry-policy';

interface Server {
  port: number;
  commands: string[];
  delivered: Buffer[];
  dataStarted: () => Promise<void>;
  close(): Promise<void>;
}

async function startServer(): Promise<Server> {
  const commands: string[] = [];
  const delivered: Buffer[] = [];
  let onDataStart: () => void = () => {};
  let started = new Promise<void>((r) => (onDataStart = r));
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onConnect(_s, cb) {
      commands.push('CONNECT');
      cb();
    },
    onMailFrom(a, _s, cb) {
      commands.push(`MAIL ${a.address}`);
      cb();
    },
    onRcptTo(a, _s, cb) {
      commands.push(`RCPT ${a.address}`);
      cb();
    },
    onData(stream, _s, cb) {
      commands.push('DATA');
      onDataStart();
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('error', () => undefined);
      stream.on('end', () => {
        // smtp-server ends the stream at the terminating dot only; a cut connection leaves it open.
        delivered.push(Buffer.concat(chunks));
        cb(null, 'queued');
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.server.address() as AddressInfo).port,
    commands,
    delivered,
    dataStarted: () => started,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

let s: Server;
let pool: ReturnType<typeof createSmtpPool>;
beforeEach(async () => {
  control.failAfterData = null;
  s = await startServer();
  pool = createSmtpPool({ connection: { host: '127.0.0.1', port: s.port, secure: false, ignoreTLS: true }, maxConnections: 1 });
});
afterEach(async () => {
  control.failAfterData = null;
  pool.close();
  await s.close();
});

const msg = (over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  from: { name: '事務局', address: 'office@sakura.example' },
  to: { name: '青木', address: 'aoki@a.example' },
  subject: '総会のお知らせ',
  text: '本文です。',
  messageId: newMessageId('office@sakura.example'),
  date: new Date('2026-12-02T00:00:00Z'),
  ...over,
});
const env = { from: 'office@sakura.example', to: 'aoki@a.example' };
const settle = () => new Promise((r) => setTimeout(r, 150));

/** The error is the build's (not a TransportError), and the send row becomes a permanent failure. */
function expectBuildFailure(e: unknown) {
  expect(e).toBeDefined();
  expect(e).not.toBeInstanceOf(TransportError);
  const outcome = classify(e, 1, 0, { maxAttempts: 3, baseDelayMs: 1000, maxDelayMs: 60_000 } as never, () => 0.5);
  expect(outcome.kind).toBe('failed');
}

describe('probe: a message whose build fails delivers nothing', () => {
  it('a broken attachment (not bytes): nothing delivered, the pool still sends the next message', async () => {
    const e = await pool.send(env, msg({ attachments: [{ fileName: 'a.pdf', content: 'not bytes' as unknown as Buffer }] })).then(() => undefined, (x: unknown) => x);
    expectBuildFailure(e);
    await settle();
    expect(s.delivered).toEqual([]);
    await pool.send(env, msg());
    expect(s.delivered).toHaveLength(1);
  });

  it('an ISO-2022-JP notice with a character it cannot write: nothing delivered', async () => {
    const e = await pool.send(env, msg({ encoding: 'iso-2022-jp', text: '寿司🍣です' })).then(() => undefined, (x: unknown) => x);
    expectBuildFailure(e);
    await settle();
    expect(s.delivered).toEqual([]);
    await pool.send(env, msg({ encoding: 'iso-2022-jp' }));
    expect(s.delivered).toHaveLength(1);
  });

  it('a build failing only after the server answered DATA: the server never completes the message', async () => {
    control.failAfterData = s.dataStarted().then(() => new Promise((r) => setTimeout(r, 50)));
    const e = await pool.send(env, msg()).then(() => undefined, (x: unknown) => x);
    expect(String((e as Error).message)).toMatch(/build failed after DATA/);
    expectBuildFailure(e);
    expect(s.commands).toContain('DATA');
    await settle();
    expect(s.delivered).toEqual([]);
    control.failAfterData = null;
    await pool.send(env, msg());
    expect(s.delivered).toHaveLength(1);
  });
});

describe('probe: the envelope check still comes first', () => {
  it('a To header naming someone else, or two recipients, never reaches the server', async () => {
    const bad = [
      { env: { from: env.from, to: 'other@b.example' }, m: msg() },
      { env: { from: env.from, to: 'aoki@a.example, other@b.example' }, m: msg({ to: { name: '', address: 'aoki@a.example, other@b.example' } }) },
      { env, m: msg({ encoding: 'iso-2022-jp', to: { name: '', address: 'other@b.example' } }) },
    ];
    for (const b of bad) {
      await expect(pool.send(b.env, b.m)).rejects.toBeDefined();
    }
    await settle();
    expect(s.commands).toEqual([]);
    expect(s.delivered).toEqual([]);
  });
});
