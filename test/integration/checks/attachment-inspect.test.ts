// Attachment inspection on real files: mail files by name and by content, archives holding
// them (one level nested), text from CSV (CP932), docx, xlsx and PDF (fallback scan and unpdf).
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findAddresses } from '../../../shared/guards';
import { inspectAttachment, looksLikeMail } from '../../../electron/services/checks';
import { extractPdfText, scanPdfText } from '../../../electron/services/checks/pdf-text';
import { cp932Csv, docx, forwardedEml, pdf, xlsx, zipOf } from './attachment-fixtures';

const residents = Array.from({ length: 12 }, (_, i) => `resident${i + 1}@example.jp`);

describe('looksLikeMail', () => {
  it('recognises a saved message whatever it is called, and an mbox', () => {
    const eml = forwardedEml(residents);
    expect(looksLikeMail(eml)).toBe(true);
    expect(looksLikeMail(strToU8(`From events@x.jp Mon Aug  5 10:00:00 2024\n${new TextDecoder().decode(eml)}`))).toBe(true);
  });

  it('does not take an ordinary text or CSV for a mail', () => {
    expect(looksLikeMail(strToU8('Subject: our meeting\nPlease bring your notes.\n'))).toBe(false);
    expect(looksLikeMail(strToU8('name,email\nA,a@x.jp\n'))).toBe(false);
    expect(looksLikeMail(strToU8('To: all members\nFrom now on the gate closes at 9.\n'))).toBe(false);
  });
});

describe('inspectAttachment', () => {
  it('flags a mail renamed to .txt by its content and reads its addresses', () => {
    const r = inspectAttachment('notice.txt', forwardedEml(residents));
    expect(r.looksLikeMail).toBe(true);
    expect(findAddresses(r.text!)).toEqual(expect.arrayContaining(residents));
  });

  it('finds a mail file inside a zip, and inside a zip inside a zip', () => {
    const eml = forwardedEml(residents);
    const direct = inspectAttachment('photos.zip', zipOf({ 'fwd/event.eml': eml, 'a.txt': strToU8('hello') }));
    expect(direct.containsMailFile).toBe(true);
    expect(direct.innerNames).toEqual(['fwd/event.eml', 'a.txt']);
    const nested = inspectAttachment('all.zip', zipOf({ 'inner.zip': zipOf({ 'old.msg': strToU8('x') }) }));
    expect(nested.containsMailFile).toBe(true);
    expect(nested.innerNames).toEqual(['inner.zip', 'inner.zip/old.msg']);
    const renamed = inspectAttachment('docs.zip', zipOf({ 'minutes.dat': eml }));
    expect(renamed.containsMailFile).toBe(true);
  });

  it('marks an archive nested too deep to open (not as unreadable: the guards block it)', () => {
    const deep = zipOf({ 'a.zip': zipOf({ 'b.zip': zipOf({ 'c.txt': strToU8('x') }) }) });
    const r = inspectAttachment('deep.zip', deep);
    expect(r.tooDeep).toBe(true);
    expect(r.unreadable).toBeUndefined();
  });

  it('recognises a mail saved as UTF-16 text, with or without a BOM, and reads its addresses', () => {
    const text = new TextDecoder().decode(forwardedEml(residents));
    const le = new Uint8Array(Buffer.from(text, 'utf16le'));
    const be = new Uint8Array(Buffer.from(text, 'utf16le').swap16());
    for (const bytes of [new Uint8Array([0xff, 0xfe, ...le]), le, new Uint8Array([0xfe, 0xff, ...be]), be]) {
      expect(looksLikeMail(bytes)).toBe(true);
      const r = inspectAttachment('memo.txt', bytes);
      expect(r.looksLikeMail).toBe(true);
      expect(findAddresses(r.text!)).toEqual(expect.arrayContaining(residents));
    }
    // Ordinary UTF-16 text is still not a mail.
    expect(looksLikeMail(new Uint8Array(Buffer.from('\ufeff会員名簿\r\n山田 太郎\r\n', 'utf16le')))).toBe(false);
  });

  it('names the entries found to be mail by their content, inside a zip and a nested one', () => {
    const eml = forwardedEml(residents);
    const utf16 = new Uint8Array(Buffer.from(new TextDecoder().decode(eml), 'utf16le'));
    const r = inspectAttachment('docs.zip', zipOf({ 'minutes.dat': eml, 'notes.txt': strToU8('hello'), 'inner.zip': zipOf({ 'memo.txt': utf16 }) }));
    expect(r.containsMailFile).toBe(true);
    expect(r.mailEntries).toEqual(['minutes.dat', 'inner.zip/memo.txt']);
  });

  it('reads CP932 CSV, docx and xlsx text', () => {
    const csv = inspectAttachment('名簿.csv', cp932Csv([['氏名', 'メール'], ['山田 太郎', 'taro@example.jp']]));
    expect(csv.text).toContain('山田 太郎');
    expect(findAddresses(csv.text!)).toEqual(['taro@example.jp']);
    const word = inspectAttachment('案内.docx', docx(['お問い合わせ: hanako.sato@example.jp', '以上']));
    expect(findAddresses(word.text!)).toEqual(['hanako.sato@example.jp']);
    expect(word.containsMailFile).toBe(false);
    const sheet = inspectAttachment('list.xlsx', xlsx(['ichiro@example.jp', 'jiro@example.jp']));
    expect(findAddresses(sheet.text!)).toEqual(['ichiro@example.jp', 'jiro@example.jp']);
  });

  it('reads PDF text with the fallback scan (compressed or not) and with unpdf', async () => {
    const compressed = pdf(['Contact: saburo@example.jp', 'Thank you']);
    expect(findAddresses(scanPdfText(compressed))).toEqual(['saburo@example.jp']);
    expect(findAddresses(scanPdfText(pdf(['shiro@example.jp'], false)))).toEqual(['shiro@example.jp']);
    expect(findAddresses(inspectAttachment('flyer.pdf', compressed).text!)).toEqual(['saburo@example.jp']);
    const text = await extractPdfText(compressed);
    expect(findAddresses(text!)).toEqual(['saburo@example.jp']);
    expect(inspectAttachment('flyer.pdf', compressed, 'from unpdf goro@example.jp').text).toBe('from unpdf goro@example.jp');
  });

  it('returns no text for a broken PDF and does not throw', async () => {
    expect(await extractPdfText(strToU8('%PDF-1.4 garbage'))).toBeNull();
    expect(inspectAttachment('x.pdf', strToU8('%PDF-1.4 garbage')).looksLikeMail).toBe(false);
  });

  it('leaves a plain image alone', () => {
    const r = inspectAttachment('map.png', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]));
    expect(r).toEqual({ looksLikeMail: false, containsMailFile: false });
    expect(zipSync).toBeTypeOf('function');
  });
});
