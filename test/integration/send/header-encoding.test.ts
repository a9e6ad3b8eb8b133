// Names and subjects on the wire, read back from a real SMTP server on 127.0.0.1: text that looks
// like an encoded word ("=?utf-8?B?…?=") arrives as that very text (it used to be decoded by
// mail clients into a different name, even an address), and a word longer than a header line
// is folded (no line over 78 characters). Both the synchronous writer and nodemailer's stream
// (quoted-printable bodies) are covered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer';
import { composeMail, newMessageId, type OutgoingMessage } from '../../../electron/smtp/mail-transport';
import { serializeMime } from '../../../electron/smtp/mime-serialize';
import { createSmtpPool } from '../../../electron/smtp/smtp-pool';
import type { MailTransport } from '../../../electron/smtp/mail-transport';
import { startSmtpCapture, type SmtpCapture } from '../../helpers/smtp-capture';

let smtp: SmtpCapture;
let transport: MailTransport;
beforeAll(async () => {
  smtp = await startSmtpCapture();
  transport = createSmtpPool({ connection: { host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true }, maxConnections: 1 });
});
afterAll(async () => {
  transport.close();
  await smtp.close();
});

const FROM = { address: 'info@chounaikai.example.jp', name: '桜町 町内会' };
const spoof = (text: string) => `=?utf-8?B?${Buffer.from(text).toString('base64')}?=`;
const BODIES = {
  // Mostly Japanese: base64, written by Tayori's synchronous writer.
  base64: '山田 様\n\n総会のお知らせです。\n',
  // Mostly ASCII with one accent: quoted-printable, which only nodemailer's stream writes.
  'quoted-printable': 'Dear member,\n\nThe meeting is on Friday at the café.\n',
};

async function sendAndRead(name: string, subject: string, text: string) {
  const to = `m${smtp.messages.length + 1}@example.jp`;
  const message: OutgoingMessage = { from: FROM, to: { address: to, name }, subject, text, messageId: newMessageId(FROM.address), date: new Date(0) };
  await transport.send({ from: FROM.address, to }, message);
  const captured = smtp.messages.at(-1)!;
  expect(captured.rcptTo).toEqual([to]);
  const raw = captured.raw.toString('latin1');
  const head = raw.slice(0, raw.indexOf('\r\n\r\n'));
  const parsed = await smtp.parse(captured);
  const toValue = parsed.to && !Array.isArray(parsed.to) ? parsed.to.value : [];
  return { head, raw, parsed, to: toValue, message };
}

/** Which writer composed this message: Tayori's synchronous one, or nodemailer's stream. */
function writer(message: OutgoingMessage): 'sync' | 'stream' {
  const tree = new MailComposer(composeMail({ from: message.from.address, to: message.to.address }, message)).compile();
  return serializeMime(tree, []) === null ? 'stream' : 'sync';
}

describe.each(Object.entries(BODIES))('headers with a %s body', (kind, body) => {
  it('a name that looks like an encoded word arrives as written, with the one real address', async () => {
    const name = spoof('会長 <chair@bank.example>');
    const r = await sendAndRead(name, '総会のお知らせ', body);
    expect(writer(r.message)).toBe(kind === 'base64' ? 'sync' : 'stream');
    expect(r.to).toEqual([{ name, address: r.message.to.address }]);
    expect(r.head).not.toContain('chair@bank.example');
    expect(r.parsed.text?.trim()).toBe(body.trim());
  });

  it('an ASCII subject holding an encoded word arrives as written', async () => {
    const subject = `Notice ${spoof('【重要】パスワード再設定')} for members`;
    const r = await sendAndRead('Taro Yamada', subject, body);
    expect(r.parsed.subject).toBe(subject);
    expect(r.to).toEqual([{ name: 'Taro Yamada', address: r.message.to.address }]);
  });

  it('words longer than a header line are folded, and read back whole', async () => {
    const name = `Yamada${'A'.repeat(1200)}`;
    const subject = `${'S'.repeat(1200)} 山田${'x'.repeat(1100)}`;
    const r = await sendAndRead(name, subject, body);
    for (const line of r.head.split('\r\n')) expect(line.length, line.slice(0, 40)).toBeLessThanOrEqual(78);
    expect(r.to).toEqual([{ name, address: r.message.to.address }]);
    expect(r.parsed.subject).toBe(subject);
  });

  it('ordinary names and subjects are written as before', async () => {
    const r = await sendAndRead('Taro Yamada', 'Meeting notice', body);
    expect(r.head).toMatch(/^To: Taro Yamada <m\d+@example\.jp>$/m);
    expect(r.head).toMatch(/^Subject: Meeting notice$/m);
    const quoted = await sendAndRead('Yamada, Taro', 'x', body);
    expect(quoted.head).toMatch(/^To: "Yamada, Taro" <m\d+@example\.jp>$/m);
    expect(quoted.to[0]!.name).toBe('Yamada, Taro');
  });
});
