// The practice outbox keeps exactly what a real SMTP client sent it, and only listens on loopback.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { startPracticeOutbox, type PracticeOutbox } from '../../../electron/services/practice/outbox-server';
import { manualClock } from '../../../electron/services/clock';
import { AppError } from '../../../shared/errors';
import { tempDir } from '../../helpers/tmp';

const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function start(opts: { maxStored?: number; maxMessageBytes?: number } = {}) {
  const t = tempDir();
  const clock = manualClock(Date.UTC(2026, 4, 1, 9, 0, 0));
  const outbox = await startPracticeOutbox({ dir: join(t.dir, 'outbox'), clock, ...opts });
  cleanups.push(t.cleanup, () => outbox.close());
  return { outbox, clock, dir: join(t.dir, 'outbox'), root: t.dir };
}

function client(outbox: PracticeOutbox) {
  const tr = nodemailer.createTransport({ host: outbox.host, port: outbox.port, secure: false, ignoreTLS: true });
  cleanups.push(() => tr.close());
  return tr;
}

describe('practice outbox', () => {
  it('stores and returns the envelope, headers, body and attachment a client sent', async () => {
    const { outbox, dir } = await start();
    expect(outbox.host).toBe('127.0.0.1');
    expect(outbox.port).toBeGreaterThan(0);
    const info = await client(outbox).sendMail({
      envelope: { from: 'jimukyoku@sakura-heights.example', to: ['aoki.ichiro@mail.example'] },
      from: { name: 'さくらハイツ管理組合', address: 'jimukyoku@sakura-heights.example' },
      to: { name: '青木 一郎', address: 'aoki.ichiro@mail.example' },
      subject: '【さくらハイツ管理組合】定期総会のお知らせ',
      text: '101号室\n青木 一郎 様\n\n総会のお知らせです。',
      messageId: '<practice-1@sakura-heights.example>',
      date: new Date(Date.UTC(2026, 4, 1, 8, 59, 0)),
      attachments: [{ filename: '議案書.pdf', content: Buffer.from('%PDF-1.4 practice'), contentType: 'application/pdf' }],
    });
    expect(info.accepted).toEqual(['aoki.ichiro@mail.example']);

    const list = outbox.list();
    expect(list).toHaveLength(1);
    const s = list[0]!;
    expect(s.envelope).toEqual({ from: 'jimukyoku@sakura-heights.example', to: ['aoki.ichiro@mail.example'] });
    expect(s.receivedAt).toBe(Date.UTC(2026, 4, 1, 9, 0, 0));
    expect(s.subject).toBe('【さくらハイツ管理組合】定期総会のお知らせ');
    expect(s.attachmentCount).toBe(1);

    const m = await outbox.get(s.id);
    expect(m.headers.from).toEqual([{ name: 'さくらハイツ管理組合', address: 'jimukyoku@sakura-heights.example' }]);
    expect(m.headers.to).toEqual([{ name: '青木 一郎', address: 'aoki.ichiro@mail.example' }]);
    expect(m.headers.cc).toEqual([]);
    expect(m.headers.bcc).toEqual([]);
    expect(m.headers.messageId).toBe('<practice-1@sakura-heights.example>');
    expect(m.headers.date).toBe('2026-05-01T08:59:00.000Z');
    expect(m.headers.lines.map((l) => l.key)).toEqual(
      expect.arrayContaining(['from', 'to', 'subject', 'message-id', 'date', 'mime-version', 'content-type']),
    );
    // Header lines are as received: the Japanese subject is still MIME-encoded there.
    expect(m.headers.lines.find((l) => l.key === 'subject')!.line).toMatch(/^Subject: =\?UTF-8\?/i);
    expect(m.text.trim()).toBe('101号室\n青木 一郎 様\n\n総会のお知らせです。');
    expect(m.attachments).toEqual([{ name: '議案書.pdf', size: 17, contentType: 'application/pdf' }]);

    // On disk: the raw message and its envelope, side by side.
    const files = readdirSync(dir).sort();
    expect(files).toEqual([`${s.id}.eml`, `${s.id}.json`]);
    expect(readFileSync(join(dir, `${s.id}.eml`), 'latin1')).toContain('Message-ID: <practice-1@sakura-heights.example>');
    expect(m.size).toBe(readFileSync(join(dir, `${s.id}.eml`)).length);
    expect(m.raw).toBe(readFileSync(join(dir, `${s.id}.eml`), 'utf8'));
    expect(outbox.count()).toBe(1);
  });

  it('keeps every RCPT TO of a transaction, lists newest first, and survives a restart', async () => {
    const { outbox, clock, dir } = await start();
    const tr = client(outbox);
    await tr.sendMail({ from: 'a@sakura-heights.example', to: 'one@mail.example', subject: 'first', text: '1' });
    clock.advance(1000);
    await tr.sendMail({
      envelope: { from: 'a@sakura-heights.example', to: ['x@mail.example', 'y@mail.example'] },
      from: 'a@sakura-heights.example',
      to: 'x@mail.example',
      cc: 'y@mail.example',
      subject: 'second',
      text: '2',
    });
    const list = outbox.list();
    expect(list.map((s) => s.subject)).toEqual(['second', 'first']);
    expect(list[0]!.envelope.to).toEqual(['x@mail.example', 'y@mail.example']);
    expect((await outbox.get(list[0]!.id)).headers.cc).toEqual([{ name: '', address: 'y@mail.example' }]);
    await outbox.close();

    const again = await startPracticeOutbox({ dir, clock });
    cleanups.push(() => again.close());
    expect(again.list()).toEqual(list);
    await client(again).sendMail({ from: 'a@sakura-heights.example', to: 'z@mail.example', subject: 'third', text: '3' });
    expect(again.list().map((s) => s.subject)).toEqual(['third', 'second', 'first']);
  });

  it('refuses to bind anything but 127.0.0.1', async () => {
    const t = tempDir();
    cleanups.push(t.cleanup);
    for (const host of ['0.0.0.0', '::', 'localhost', '192.168.1.10', '::1', '127.0.0.2']) {
      const err = await startPracticeOutbox({ dir: t.dir, host }).catch((e: unknown) => e);
      expect(err, host).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe('practice-only');
    }
  });

  it('rejects an oversized message and stores nothing', async () => {
    const { outbox } = await start({ maxMessageBytes: 2000 });
    const err = await client(outbox)
      .sendMail({ from: 'a@sakura-heights.example', to: 'b@mail.example', subject: 'big', text: 'x'.repeat(10_000) })
      .catch((e: unknown) => e as { responseCode?: number });
    expect(err).toMatchObject({ responseCode: 552 });
    expect(outbox.list()).toEqual([]);
  });

  it('stops accepting at the stored-count limit with a temporary error, until cleared', async () => {
    const { outbox, dir } = await start({ maxStored: 2 });
    const tr = client(outbox);
    const send = (n: number) =>
      tr.sendMail({ from: 'a@sakura-heights.example', to: `m${n}@mail.example`, subject: `m${n}`, text: 'x' });
    await send(1);
    await send(2);
    const err = await send(3).catch((e: unknown) => e as { responseCode?: number });
    expect(err).toMatchObject({ responseCode: 452 });
    expect(outbox.list()).toHaveLength(2);
    outbox.clear();
    expect(outbox.list()).toEqual([]);
    expect(readdirSync(dir)).toEqual([]);
    await send(4);
    expect(outbox.list().map((s) => s.subject)).toEqual(['m4']);
  });

  it('get refuses unknown and path-like ids', async () => {
    const { outbox, root } = await start();
    writeFileSync(join(root, 'secret.eml'), 'not yours');
    for (const id of ['../secret', 'nope', '20260101T000000000Z-000001', '']) {
      const err = await outbox.get(id).catch((e: unknown) => e);
      expect((err as AppError).code, id).toBe('not-found');
    }
    expect(existsSync(join(root, 'secret.eml'))).toBe(true);
  });
});
