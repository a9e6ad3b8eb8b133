// ISO-2022-JP notices for older phones: built with encoding-japanese's JIS, sent as raw bytes
// with the one-member envelope, and read back by mailparser (subject, body, From name, To); the
// check report lists every character it cannot write with the members it affects, and blocks;
// the approval's digest covers the choice.
import { afterEach, describe, expect, it } from 'vitest';
import { countByStatus } from '../../../electron/db/repos/sends-repo';
import { sendHarness, type Harness } from '../../helpers/send-harness';
import { buildIso2022jpMime } from '../../../electron/smtp/iso2022jp-mime';
import { simpleParser } from 'mailparser';
import { createCheckService } from '../../../electron/services/checks';

let h: Harness | undefined;

afterEach(async () => {
  await h?.cleanup();
  h = undefined;
});

const member = (email: string, name: string, area = '1') => ({ email, name, fields: { 氏名: name, 地区: area, 会費: '1000', メール: email } });

describe('ISO-2022-JP notices', () => {
  it('round-trip through a real SMTP server: subject, body, From name and To read back by mailparser', async () => {
    h = await sendHarness({ members: [member('taro@docomo.ne.jp', '山田 太郎'), member('hanako.@ezweb.ne.jp', '佐藤 花子', '第２')] });
    const { fx, db, smtp } = h;
    // Changing the encoding voids the approval like any edit; ask and approve again.
    fx.campaigns.setEncoding(fx.campaignId, 'iso-2022-jp', 'operator');
    expect(fx.approvals.currentApproval(fx.campaignId)).toBeNull();
    await fx.approvals.requestApproval(fx.campaignId, 1, '1357');
    await fx.approvals.approve(fx.campaignId, 2, '2468');
    h.start();
    await h.svc.settled(fx.campaignId);
    expect(countByStatus(db, fx.campaignId)).toMatchObject({ sent: 2, failed: 0 });
    for (const m of smtp.messages) {
      expect(m.rcptTo).toHaveLength(1);
      // Nothing but 7-bit bytes on the wire.
      expect([...m.raw].every((b) => b < 0x80)).toBe(true);
      expect(m.raw.toString('latin1')).toMatch(/Content-Type: text\/plain; charset=ISO-2022-JP/);
    }
    const hanako = smtp.messages.find((m) => m.rcptTo[0] === '"hanako."@ezweb.ne.jp')!;
    const mail = await simpleParser(hanako.raw);
    expect(mail.subject).toBe('【町内会】佐藤 花子様 会費のお知らせ');
    expect(mail.text).toBe('佐藤 花子 様\n\n第２地区の今年度の会費は 1000 円です。\nよろしくお願いいたします。\n');
    expect(mail.from?.value).toEqual([{ address: 'info@chounaikai.example.jp', name: '桜町 町内会' }]);
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value : null).toEqual([{ address: '"hanako."@ezweb.ne.jp', name: '佐藤 花子' }]);
    expect(mail.headers.get('cc')).toBeUndefined();
    // Each header line stays within RFC 5322's 78 columns.
    const head = hanako.raw.toString('latin1').split('\r\n\r\n')[0]!;
    for (const line of head.split('\r\n')) expect(line.length).toBeLessThanOrEqual(78);
  });

  it('carries attachments in a multipart message mailparser reads back', async () => {
    const date = new Date(Date.UTC(2026, 11, 2, 3, 0));
    const raw = await buildIso2022jpMime(
      { from: 'info@town.example.jp', to: 'taro@docomo.ne.jp' },
      {
        from: { address: 'info@town.example.jp', name: '町内会' },
        to: { address: 'taro@docomo.ne.jp', name: '山田 太郎' },
        subject: '総会のお知らせ（長い件名が折り返されても一つの件名として読めること）',
        text: '総会は　４月１日です。\n'.repeat(3) + 'あ'.repeat(700),
        messageId: '<x@town.example.jp>',
        date,
        attachments: [{ fileName: '案内.txt', content: Buffer.from('hello') }],
        encoding: 'iso-2022-jp',
      },
    );
    const mail = await simpleParser(raw);
    expect(mail.subject).toBe('総会のお知らせ（長い件名が折り返されても一つの件名として読めること）');
    // A 700-character line is cut into pieces of 300 (SMTP's 998-octet line limit).
    expect(mail.text).toBe('総会は　４月１日です。\n'.repeat(3) + ['あ'.repeat(300), 'あ'.repeat(300), 'あ'.repeat(100)].join('\n'));
    expect(mail.attachments.map((a) => [a.filename, a.content.toString()])).toEqual([['案内.txt', 'hello']]);
    expect(mail.date?.getTime()).toBe(date.getTime());
  });

  it('refuses a character ISO-2022-JP cannot write instead of sending "?"', async () => {
    const send = buildIso2022jpMime(
      { from: 'a@town.example.jp', to: 'b@docomo.ne.jp' },
      { from: { address: 'a@town.example.jp', name: '' }, to: { address: 'b@docomo.ne.jp', name: '髙橋' }, subject: 's', text: 't', messageId: '<y@z>', date: new Date(0), encoding: 'iso-2022-jp' },
    );
    await expect(send).rejects.toMatchObject({ code: 'validation' });
  });

  it('the check report lists every unwritable character with the members it affects, blocking', async () => {
    h = await sendHarness({ members: [member('a@docomo.ne.jp', '髙橋 一郎'), member('b@example.jp', '佐藤 花子', '①'), member('c@example.jp', '鈴木 次郎')] });
    const { fx, db } = h;
    fx.campaigns.updateCampaign(fx.campaignId, { bodyTemplate: '{{氏名}} 様 😀\n{{地区}}地区の会費は {{会費}} 円です。' }, 'operator');
    const checks = createCheckService({ db });
    const utf8 = checks.checkCampaign(fx.campaignId);
    expect(utf8.items.filter((i) => i.code === 'encoding-unwritable')).toEqual([]);
    fx.campaigns.setEncoding(fx.campaignId, 'iso-2022-jp', 'operator');
    const jis = checks.checkCampaign(fx.campaignId).items.filter((i) => i.code === 'encoding-unwritable');
    const byChar = Object.fromEntries(jis.map((i) => [i.params.char, { severity: i.severity, members: i.params.memberCount, where: i.params.where }]));
    const ids = fx.members.length;
    expect(byChar).toEqual({
      '😀': { severity: 'blocking', members: ids, where: 'template' },
      '髙': { severity: 'blocking', members: 1, where: 'members' },
      '①': { severity: 'blocking', members: 1, where: 'members' },
    });
    expect(jis.find((i) => i.params.char === '髙')!.message.ja).toContain('髙橋 一郎');
  });
});
