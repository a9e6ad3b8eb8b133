// The guards issue 9 found missing, through the check service on a real SQLite file (what
// checks:run and approval use): look-alike addresses that differ only in the domain, mail
// saved as UTF-16, archives too deep to open, mail found by content inside a zip named by its
// entry, and member names that are not sent as they read (line breaks, "Bcc:", direction
// controls).
import { strToU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { hasBlocking } from '../../../shared/guards';
import { createCheckService } from '../../../electron/services/checks';
import { tempDb } from '../../helpers/tmp';
import { forwardedEml, zipOf } from './attachment-fixtures';
import { seedCampaign, type Seed } from './seed';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function check(seed: Partial<Seed> & Pick<Seed, 'members'>) {
  const t = tempDb();
  cleanup = t.cleanup;
  const { campaignId } = seedCampaign(t.db, { settings: { organisationAddress: 'info@tayori-town.jp' }, ...seed });
  return createCheckService({ db: t.db }).checkCampaign(campaignId);
}

const members = [
  { email: 'sato@example.org', name: '佐藤 花子' },
  { email: 'kato@example.net', name: '加藤 一郎' },
];
const eml = forwardedEml(['resident1@example.jp', 'resident2@example.jp']);
const utf16 = (bytes: Uint8Array) => new Uint8Array(Buffer.from(new TextDecoder().decode(bytes), 'utf16le'));

describe('addresses that differ only in the domain', () => {
  it('pairs them as look-alikes, and the typo-domain item says the corrected address is on the list', () => {
    const r = check({
      members: [
        { email: 'taro.tanaka@gmial.com', name: '田中 太郎' },
        { email: 'taro.tanaka@gmail.com', name: '田中 太郎' },
        { email: 'hanako@docomo.ne.jo', name: '山田 花子' },
        ...members,
      ],
    });
    const look = r.items.find((i) => i.code === 'lookalike-addresses')!;
    expect(look.params.examples).toBe('taro.tanaka@gmial.com ≈ taro.tanaka@gmail.com');
    expect(look.members).toHaveLength(2);
    const typos = r.items.filter((i) => i.code === 'typo-domain');
    expect(typos.map((i) => [i.params.domain, i.params.alreadyListed, i.params.listedAddresses])).toEqual([
      ['docomo.ne.jo', 0, ''],
      ['gmial.com', 1, 'taro.tanaka@gmail.com'],
    ]);
    const gmial = typos.find((i) => i.params.domain === 'gmial.com')!;
    expect(gmial.message.ja).toContain('直したアドレス（taro.tanaka@gmail.com）は名簿にすでにあります');
    expect(gmial.message.en).toContain('already on the list');
    expect(typos.find((i) => i.params.domain === 'docomo.ne.jo')!.message.en).not.toContain('already on the list');
  });
});

describe('attachments', () => {
  it('blocks a mail saved as UTF-16 text, whatever it is called', () => {
    const r = check({ members, attachments: { 'memo.txt': utf16(eml) } });
    expect(r.items.map((i) => [i.code, i.severity, i.params.reason])).toEqual([
      ['attachment-mail-file', 'blocking', 'content'],
      // Its text is read as UTF-16 too, so the addresses in it are found.
      ['attachment-has-addresses', 'warning', undefined],
    ]);
  });

  it('blocks an archive nested too deep to look into', () => {
    const deep = zipOf({ 'a.zip': zipOf({ 'b.zip': zipOf({ 'c.txt': strToU8('x') }) }) });
    const r = check({ members, attachments: { 'deep.zip': deep } });
    expect(r.items.map((i) => [i.code, i.severity])).toEqual([['attachment-archive-too-deep', 'blocking']]);
    expect(hasBlocking(r)).toBe(true);
  });

  it('names the zip entry that is a mail by its content', () => {
    const r = check({ members, attachments: { 'docs.zip': zipOf({ 'minutes.dat': eml, 'a.txt': strToU8('hello') }) } });
    const i = r.items.find((x) => x.code === 'attachment-archive-contains-mail')!;
    expect(i.params.inner).toBe('minutes.dat');
    expect(i.message.ja).toContain('minutes.dat');
    expect(i.message.en).toContain('minutes.dat');
  });
});

describe('member names', () => {
  it('says when a name has line breaks, header-like text or direction controls', () => {
    const r = check({
      members: [
        { email: 'a@example.org', name: '山田 花子\n東京都港区1-2-3' },
        { email: 'b@example.org', name: '佐藤\r\nBcc: everyone@example.com' },
        { email: 'c@example.org', name: '\u202Emoc.knab@riahc' },
        ...members,
      ],
    });
    const found = Object.fromEntries(r.items.filter((i) => i.code.startsWith('name-')).map((i) => [i.code, i]));
    expect(Object.keys(found).sort()).toEqual(['name-bidi-control', 'name-header-text', 'name-line-breaks']);
    expect(found['name-line-breaks']!.params).toMatchObject({ count: 2, examples: 'line 2: 山田 花子 東京都港区1-2-3; line 3: 佐藤 Bcc: everyone@example.com' });
    expect(found['name-header-text']!.params).toMatchObject({ count: 1, examples: 'line 3: 佐藤 Bcc: everyone@example.com' });
    expect(found['name-bidi-control']!.params).toMatchObject({ count: 1, examples: 'line 4: <U+202E>moc.knab@riahc' });
    for (const i of Object.values(found)) expect(i.severity).toBe('warning');
  });

  it('is quiet for ordinary names', () => {
    expect(check({ members: [...members, { email: 'c@example.org', name: 'Cc Yamada (To be confirmed)' }] }).items).toEqual([]);
  });
});
