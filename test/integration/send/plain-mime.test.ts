// The direct plain-text writer against nodemailer's own composition: for any plain-text message
// the sender can make (Japanese or ASCII subjects and names, long words, encoded-word look-alikes,
// long lines, CR/LF mixes), the bytes are identical, and what it cannot write it declines.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import MailComposer from 'nodemailer/lib/mail-composer';
import { buildMime, composeMail, type OutgoingMessage } from '../../../electron/smtp/mail-transport';
import { useSafeDisplayNames } from '../../../electron/smtp/header-words';
import { disablePlainMime, writePlainMime } from '../../../electron/smtp/plain-mime';

const text = fc.string({ unit: fc.constantFrom('会', '費', '様', 'お', '知', 'ら', 'せ', 'a', 'Z', '1', ' ', '\n', '\r\n', '\r', '.', '=', '\t', '😀', 'é', '\u0001'), maxLength: 400 });
const line = fc.string({ unit: fc.constantFrom('総', '会', '資', '料', 'a', 'b', 'Q', ' ', '-', '_', '(', ')', '「', '」', '"', '\\', '=?', '?=', 'é', '😀', ',', '<', '@'), minLength: 1, maxLength: 90 });

function message(m: { subject: string; name: string; body: string; fromName: string }): OutgoingMessage {
  return {
    from: { address: 'info@chounaikai.example.jp', name: m.fromName },
    to: { address: 'm0001@example.jp', name: m.name },
    subject: m.subject,
    text: m.body,
    messageId: '<0b5c3c7e-1f6e-4a8e-9b1a-2f0c2c3d4e5f@chounaikai.example.jp>',
    date: new Date(1_700_000_000_000),
  };
}

/** nodemailer's own stream, as the sender would have written the message without this path. */
async function composed(msg: OutgoingMessage): Promise<Buffer> {
  const tree = new MailComposer(composeMail({ from: msg.from.address, to: msg.to.address }, msg)).compile();
  useSafeDisplayNames(tree);
  return tree.build();
}

describe('writePlainMime', () => {
  it('writes exactly the bytes nodemailer composes, or declines', async () => {
    let written = 0;
    await fc.assert(
      fc.asyncProperty(fc.record({ subject: line, name: line, body: text, fromName: fc.oneof(line, fc.constant('桜町 町内会'), fc.constant('')) }), async (m) => {
        const msg = message(m);
        const fast = writePlainMime(composeMail({ from: msg.from.address, to: msg.to.address }, msg));
        if (fast === null) return;
        written++;
        expect(fast.toString('latin1')).toBe((await composed(msg)).toString('latin1'));
      }),
      { numRuns: 500 },
    );
    expect(written).toBeGreaterThan(200);
  });

  it('covers the notice the sender makes, and buildMime gives the same bytes', async () => {
    const msg = message({ subject: '【町内会】山田 花子様 会費のお知らせ', name: '山田 花子', body: '山田 花子 様\n\n第1地区の今年度の会費は 1000 円です。\nよろしくお願いいたします。\n', fromName: '桜町 町内会' });
    const fast = writePlainMime(composeMail({ from: msg.from.address, to: msg.to.address }, msg));
    expect(fast).not.toBeNull();
    const reference = await composed(msg);
    expect(fast!.equals(reference)).toBe(true);
    // The first message of the process is also composed by nodemailer and compared; both ways agree.
    expect((await buildMime({ from: msg.from.address, to: msg.to.address }, msg)).equals(reference)).toBe(true);
    expect((await buildMime({ from: msg.from.address, to: msg.to.address }, msg)).equals(reference)).toBe(true);
  });

  it('declines what nodemailer writes as quoted-printable, and an empty body', () => {
    const mostlyLatin = message({ subject: 'Notice', name: 'Yamada', body: 'Dear member, the fee is 1000 yen. 会費', fromName: 'Sakura' });
    expect(writePlainMime(composeMail({ from: mostlyLatin.from.address, to: mostlyLatin.to.address }, mostlyLatin))).toBeNull();
    const empty = message({ subject: 'Notice', name: 'Yamada', body: '', fromName: 'Sakura' });
    expect(writePlainMime(composeMail({ from: empty.from.address, to: empty.to.address }, empty))).toBeNull();
  });

  // Last: it turns the path off for the rest of this file's process, as a failed self-check does.
  it('once turned off, declines everything and the message is still composed, by nodemailer', async () => {
    const msg = message({ subject: '会費のお知らせ', name: '山田 花子', body: '山田 花子 様\n会費は 1000 円です。\n', fromName: '桜町 町内会' });
    const envelope = { from: msg.from.address, to: msg.to.address };
    expect(writePlainMime(composeMail(envelope, msg))).not.toBeNull();
    disablePlainMime();
    expect(writePlainMime(composeMail(envelope, msg))).toBeNull();
    expect((await buildMime(envelope, msg)).equals(await composed(msg))).toBe(true);
  });
});
