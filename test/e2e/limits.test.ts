// Limits and carrier phones in Chromium (issue 12): a mail account with a daily limit, a list with
// members on carrier phones (old dotted addresses among them), the ISO-2022-JP choice in compose
// with its blocking check, the carrier count and the estimate on the check and approval screens,
// a send that reaches the daily cap and says when the next message goes, and the ready notice to
// the carrier members. Screenshots in ja and en.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture';
import { toCp932 } from './helpers/cp932-csv';
import { openSession, type E2eSession } from './helpers/session';
import { createListWithImport, nav, setUpOrganisation, waitForSendState } from './helpers/ui';

const FROM = 'info@sakura-chounai.example';
const USERS = [
  { name: '佐藤', pin: '4821' },
  { name: '鈴木', pin: '7390' },
] as const;
const CSV = [
  '氏名,メールアドレス',
  '青木 一郎,taro..@docomo.ne.jp',
  '井上 花子,hanako.@ezweb.ne.jp',
  '上田 健,ueda@softbank.ne.jp',
  '江藤 さくら,eto@example.com',
  '小野 次郎,ono@example.net',
].join('\r\n');

let smtp: SmtpCapture;
let session: E2eSession;
let page: Page;
const shoot = (name: string) => session.shoot(name);

beforeAll(async () => {
  // smtp-server's strict check refuses even a quoted "taro.."; its lenient mode reads it as sent.
  smtp = await startSmtpCapture({ lenientAddressParsing: true });
  session = await openSession('tayori-e2e-limits-', 'ja-JP');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe('limits and carrier phones, in Chromium', () => {
  it('sets up a mail account with a daily limit of 3 and imports members on carrier phones', async () => {
    await setUpOrganisation(page, {
      organisation: 'さくら町内会',
      from: FROM,
      smtpPort: smtp.port,
      users: USERS,
      beforeSave: async () => {
        await page.fill('input[name="smtp-from-name"]', 'さくら町内会');
        await page.fill('input[name="smtp-per-day"]', '3');
        expect(await page.inputValue('input[name="smtp-carrier-per-minute"]')).toBe('20');
        await shoot('l00-setup-limits');
      },
    });
    await createListWithImport(page, '会員', { name: '会員.csv', buffer: toCp932(CSV) });
    // The old dotted carrier addresses are accepted (they used to be refused).
    expect(await page.textContent('[data-stat="accepted"] b')).toBe('5');
  });

  it('chooses ISO-2022-JP in compose; the check blocks ① and counts the carrier members, with the estimate', async () => {
    await nav(page, 'compose');
    await page.fill('input[name="campaign-name"]', '総会のお知らせ');
    await page.click('[data-action="create-campaign"]');
    await page.waitForSelector('[data-testid="editor"]');
    await page.selectOption('select[name="profile"]', { index: 1 });
    await page.fill('input[name="cancel-window"]', '10');
    await page.fill('input[name="subject"]', '総会のお知らせ');
    await page.fill('textarea[name="body"]', '{{氏名}} 様\n\n総会は ① 4月1日 10時からです。');
    await page.waitForSelector('[data-testid="template-ok"]');
    await page.selectOption('select[name="encoding"]', 'iso-2022-jp');
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { value: string } | null } }).document.querySelector('select[name="encoding"]')?.value === 'iso-2022-jp');
    await page.locator('[data-testid="encoding-choice"]').scrollIntoViewIfNeeded();
    await shoot('l01-compose-encoding');
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-testid="check-findings"]');
    const blocking = page.locator('[data-code="encoding-unwritable"][data-severity="blocking"]');
    await blocking.first().waitFor();
    expect(await blocking.first().textContent()).toContain('①');
    const carriers = page.locator('[data-code="carrier-recipients"][data-severity="warning"]');
    expect(await carriers.count()).toBe(1);
    await page.waitForSelector('[data-testid="carrier-notice"]');
    const estimate = page.locator('[data-testid="send-estimate"]');
    await estimate.waitFor();
    expect(await estimate.getAttribute('data-limited-by')).toBe('day');
    expect(await estimate.textContent()).toContain('1日3通まで');
    await shoot('l02-check-carriers-encoding');
  });

  it('with ① replaced, asks for and gives approval with the estimate in view', async () => {
    await nav(page, 'compose');
    await page.fill('textarea[name="body"]', '{{氏名}} 様\n\n総会は 4月1日 10時からです。');
    await page.waitForSelector('[data-testid="template-ok"]');
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-testid="check-findings"]');
    await page.waitForSelector('[data-code="carrier-recipients"]');
    expect(await page.locator('[data-code="encoding-unwritable"]').count()).toBe(0);
    await nav(page, 'approval');
    await page.fill('input[name="requester-pin"]', USERS[0].pin);
    await page.click('[data-action="request-approval"]');
    await page.waitForSelector('[data-testid="approval-summary"]');
    await page.selectOption('select[name="approver"]', { label: USERS[1].name });
    await page.fill('input[name="approver-pin"]', USERS[1].pin);
    await page.click('[data-action="approve"]');
    await page.waitForSelector('[data-testid="approved"]');
    expect(await page.textContent('[data-testid="send-estimate"]')).toContain('明日');
    expect(await page.textContent('[data-testid="approval-encoding"]')).toContain('ISO-2022-JP');
    await shoot('l03-approval-estimate');
  });

  it('sends 3 (the daily cap), then says when the next message goes and when the send ends; stop works', async () => {
    await page.click('[data-action="to-send"]');
    await page.waitForSelector('[data-testid="schedule-form"]');
    await page.waitForSelector('[data-testid="send-estimate"]');
    await page.click('[data-action="schedule"]');
    await page.waitForSelector('[data-testid="countdown"]');
    await page.waitForSelector('[data-testid="next-at"][data-reason="day"]', { timeout: 60_000 });
    await smtp.waitFor(3);
    expect(smtp.messages).toHaveLength(3);
    for (const m of smtp.messages) {
      expect(m.rcptTo).toHaveLength(1);
      expect(m.raw.toString('latin1')).toContain('charset=ISO-2022-JP');
    }
    expect(await page.textContent('[data-testid="next-at"]')).toContain('明日');
    expect(await page.textContent('[data-testid="expected-end"]')).toContain('明日');
    await shoot('l04-send-waiting-daily-cap');
    await page.click('[data-action="stop"]');
    expect(await waitForSendState(page, ['stopped'])).toBe('stopped');
    expect(smtp.messages).toHaveLength(3);
  });

  it('makes the ready notice to exactly the carrier members, opened in compose', async () => {
    await nav(page, 'check');
    await page.waitForSelector('[data-testid="carrier-notice"]');
    await page.click('[data-action="carrier-notice"]');
    await page.waitForSelector('[data-screen="compose"]');
    await page.waitForSelector('[data-testid="editor"]');
    expect(await page.inputValue('input[name="subject"]')).toBe('【さくら町内会】メール受信設定のお願い');
    expect(await page.inputValue('textarea[name="body"]')).toContain('sakura-chounai.example');
    await shoot('l05-carrier-notice-draft');
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-testid="check-findings"]');
    expect(await page.textContent('[data-testid="list-badge-recipients"]')).toContain('3');
  });
});
