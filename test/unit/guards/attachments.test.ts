// Attachment rules on plain inspection data: mail files, archives, size, addresses in text.
import { describe, expect, it } from 'vitest';
import { findAddresses, runChecks, type CheckAttachment } from '../../../shared/guards';
import { cleanInput, codes } from './build-input';

const att = (a: Partial<CheckAttachment> & { fileName: string }): CheckAttachment => ({ bytes: 100, sha256: 'h', ...a });
const run = (attachments: CheckAttachment[], policy = {}) =>
  runChecks(cleanInput({ attachments, policy: { organisationAddress: 'info@tayori-town.jp', ...policy } }));

describe('attachment rules', () => {
  it.each(['old.eml', 'OLD.MSG', 'box.mbox', 'archive.pst', 'mac.olm'])('blocks the mail file %s', (fileName) => {
    const r = run([att({ fileName })]);
    expect(r.items.map((i) => [i.code, i.severity, i.files])).toEqual([['attachment-mail-file', 'blocking', [fileName]]]);
  });

  it('blocks MIME content under another name, and an archive holding a mail file', () => {
    expect(codes(run([att({ fileName: 'notice.txt', looksLikeMail: true })]))).toEqual(['attachment-mail-file']);
    const r = run([att({ fileName: 'a.zip', innerNames: ['x/fwd.eml', 'y.txt'] }), att({ fileName: 'b.zip', containsMailFile: true })]);
    expect(r.items.map((i) => [i.code, i.params.inner])).toEqual([
      ['attachment-archive-contains-mail', 'x/fwd.eml'],
      ['attachment-archive-contains-mail', ''],
    ]);
  });

  it('warns about an archive it could not look into', () => {
    expect(codes(run([att({ fileName: 'ppap.zip', unreadable: true })]))).toEqual(['attachment-not-inspectable']);
  });

  it('blocks an archive nested too deep to look into, once even when also unreadable', () => {
    const r = run([att({ fileName: 'deep.zip', tooDeep: true }), att({ fileName: 'both.zip', tooDeep: true, unreadable: true })]);
    expect(r.items.map((i) => [i.code, i.severity, i.params.file])).toEqual([
      ['attachment-archive-too-deep', 'blocking', 'deep.zip'],
      ['attachment-archive-too-deep', 'blocking', 'both.zip'],
    ]);
  });

  it('names the entries found to be mail by content, with those found by name, once each', () => {
    const r = run([att({ fileName: 'docs.zip', containsMailFile: true, innerNames: ['a/fwd.eml', 'minutes.dat'], mailEntries: ['minutes.dat', 'a/fwd.eml'] })]);
    expect(r.items.map((i) => [i.code, i.params.inner])).toEqual([['attachment-archive-contains-mail', 'a/fwd.eml, minutes.dat']]);
  });

  it('warns over the size limit', () => {
    expect(codes(run([att({ fileName: 'big.pdf', bytes: 11 * 1024 * 1024 })]))).toEqual(['attachment-too-large']);
    expect(codes(run([att({ fileName: 'big.pdf', bytes: 3000 })], { maxAttachmentBytes: 2048 }))).toEqual(['attachment-too-large']);
    expect(codes(run([att({ fileName: 'ok.pdf', bytes: 2048 })], { maxAttachmentBytes: 2048 }))).toEqual([]);
  });

  it("warns more strongly about other members' addresses, listing them", () => {
    const r = run([att({ fileName: 'list.csv', text: 'name,email\nsato,SATO@example.org\nx,kato@example.net' })]);
    const i = r.items.find((x) => x.code === 'attachment-has-member-addresses')!;
    expect(i.members).toEqual([1, 2]);
    expect(i.params.addresses).toBe('sato@example.org, kato@example.net');
  });

  it("warns about any address, but not the organisation's own contact", () => {
    expect(codes(run([att({ fileName: 'a.txt', text: 'write to someone@else.example' })]))).toEqual(['attachment-has-addresses']);
    expect(codes(run([att({ fileName: 'a.txt', text: 'contact: info@tayori-town.jp' })]))).toEqual([]);
  });
});

describe('findAddresses', () => {
  it('finds addresses in Japanese text, full-width ones too, without trailing punctuation', () => {
    expect(findAddresses('連絡先：ｔａｒｏ＠ｅｘａｍｐｌｅ．ｊｐ。または hanako@example.jp.')).toEqual(['taro@example.jp', 'hanako@example.jp']);
    expect(findAddresses('no addresses @ here')).toEqual([]);
  });
});
