// A member's ordinary reply is not a bounce. Found by the security probe: a reply from the member
// (not a mailer daemon, not a multipart/report) whose subject contains エラー and whose text a
// failure word such as 見つかりません was read as a hard bounce "naming nobody", matched by its
// own In-Reply-To, and the member offered for the suppression list. Anyone who knows a
// Message-ID could do it on purpose. A failure naming no address is now accepted only from a real
// delivery report: multipart/report with a delivery status, the mailer daemon or postmaster, or a
// null return path.
import { describe, expect, it } from 'vitest';
import { parseBounce } from '../../../electron/services/bounces/parse-bounce';

const original = '<2b1e4c1e-8a57-4c62-9d8e-0f1f3c9a1a11@sakura.example>';

function message(headers: readonly string[]): Buffer {
  return Buffer.from([
    ...headers,
    'To: 事務局 <office@sakura.example>',
    'Subject: =?UTF-8?B?' + Buffer.from('Re: 総会のお知らせ（添付がエラーで開けません）').toString('base64') + '?=',
    'Message-ID: <reply-1@a.example>',
    `In-Reply-To: ${original}`,
    'Date: Wed, 02 Dec 2026 09:00:00 +0900',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: 8bit',
    '',
    'いつもお世話になっております。',
    'お知らせにあった議案書が見つかりません。もう一度送っていただけますか。',
    '',
  ].join('\r\n'), 'utf8');
}

describe("a member's ordinary reply is not a bounce", () => {
  it('does not read a reply from the member as a bounce report about their message', async () => {
    expect(await parseBounce(message(['From: 青木 <aoki@a.example>']))).toBeNull();
  });

  it('not even when the member calls themselves "Mail Delivery System"', async () => {
    expect(await parseBounce(message(['From: Mail Delivery System <aoki@a.example>']))).toBeNull();
  });

  it('the same words naming nobody from the mailer daemon, or with a null return path, are still a report', async () => {
    for (const headers of [['From: MAILER-DAEMON@mail.a.example'], ['Return-Path: <>', 'From: 配信システム <notice@mail.a.example>']]) {
      const report = await parseBounce(message(headers));
      expect(report?.originalMessageId).toBe(original);
      expect(report?.recipients).toEqual([expect.objectContaining({ address: null, kind: 'hard' })]);
    }
  });
});
