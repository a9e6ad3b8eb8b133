// The synchronous MIME writer against nodemailer's own stream: for any message the sender can
// make (Japanese or ASCII text, long lines, CR/LF mixes, attachments), the bytes are identical,
// and when it cannot write a message it says so instead of guessing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer';
import { encodedPart, type MailAttachment } from '../../../electron/smtp/mail-attachments';
import { composeMail, type OutgoingMessage } from '../../../electron/smtp/mail-transport';
import { serializeMime } from '../../../electron/smtp/mime-serialize';

const text = fc.string({ unit: fc.constantFrom('会', '費', '様', 'お', '知', 'ら', 'せ', 'a', 'Z', '1', ' ', '\n', '\r\n', '.', '=', '\t', '😀', 'é'), maxLength: 300 });
const line = fc.string({ unit: fc.constantFrom('総', '会', '資', '料', 'a', 'b', ' ', '-', '_', '(', ')', '「', '」'), minLength: 1, maxLength: 60 });

const messages = fc.record({
  subject: line,
  name: line,
  body: text,
  files: fc.array(fc.record({ fileName: fc.tuple(line, fc.constantFrom('.pdf', '.txt', '.xlsx', '', '.bin')).map(([a, b]) => a.trim() + b), content: fc.uint8Array({ maxLength: 2_000 }) }), { maxLength: 3 }),
});

async function both(m: { subject: string; name: string; body: string; files: { fileName: string; content: Uint8Array }[] }) {
  const message: OutgoingMessage = {
    from: { address: 'info@chounaikai.example.jp', name: '桜町 町内会' },
    to: { address: 'm0001@example.jp', name: m.name },
    subject: m.subject,
    text: m.body,
    messageId: '<fixed@chounaikai.example.jp>',
    date: new Date(1_700_000_000_000),
  };
  const files: MailAttachment[] = m.files.map((f) => ({ fileName: f.fileName || 'x', content: Buffer.from(f.content) }));
  const raws = await Promise.all(files.map(encodedPart));
  const mail = { ...composeMail({ from: message.from.address, to: message.to.address }, message), baseBoundary: 'fixedboundary' };
  const options = raws.length > 0 ? { ...mail, attachments: raws.map((raw) => ({ raw })) } : mail;
  const fast = serializeMime(new MailComposer(options).compile(), raws);
  const streamed = await new MailComposer(options).compile().build();
  return { fast, streamed };
}

describe('serializeMime', () => {
  it('writes exactly the bytes of the stream, or declines (quoted-printable)', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(messages, async (m) => {
        const { fast, streamed } = await both(m);
        if (fast !== null) {
          written++;
          expect(fast.toString('latin1')).toBe(streamed.toString('latin1'));
        }
      }),
      { numRuns: 300 },
    );
    // Most generated messages are mostly Japanese, hence base64: the fast path did run.
    expect(written).toBeGreaterThan(50);
  });

  it('covers the shapes the sender makes: Japanese text with and without attachments', async () => {
    const body = '山田 花子 様\n\n第1地区の今年度の会費は 1000 円です。\nよろしくお願いいたします。\n';
    for (const files of [[], [{ fileName: '総会資料.pdf', content: new Uint8Array([37, 80, 68, 70, 0, 255, 13, 10]) }]]) {
      const { fast, streamed } = await both({ subject: '【町内会】会費のお知らせ', name: '山田 花子', body, files });
      expect(fast).not.toBeNull();
      expect(fast!.equals(streamed)).toBe(true);
    }
  });

  it('declines a raw part it was not told about, and one it was told about but is missing', async () => {
    const part = await encodedPart({ fileName: 'a.pdf', content: Buffer.from('x') });
    const mail = composeMail(
      { from: 'a@example.jp', to: 'b@example.jp' },
      { from: { address: 'a@example.jp', name: '' }, to: { address: 'b@example.jp', name: '' }, subject: '件名', text: '本文', messageId: '<m@example.jp>', date: new Date(0) },
    );
    expect(serializeMime(new MailComposer({ ...mail, attachments: [{ raw: part }] }).compile(), [])).toBeNull();
    expect(serializeMime(new MailComposer(mail).compile(), [part])).toBeNull();
    expect(serializeMime(new MailComposer({ ...mail, attachments: [{ raw: part }] }).compile(), [part])).not.toBeNull();
  });
});
