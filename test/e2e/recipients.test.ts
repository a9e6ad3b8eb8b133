// Who receives it, in Chromium (issue 11): a new notice lands on the list the user chose (it once
// switched back to the previous list), the list is named on every step, a notice goes to part of
// a list, a shared address is resolved on the check screen, and the cancel-window field keeps
// what is typed. Screenshots in ja and en.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCp932 } from './helpers/cp932-csv';
import { openSession, type E2eSession } from './helpers/session';
import { nav, setUpOrganisation } from './helpers/ui';

const FROM = 'office@hikari.example';
const USERS = [
  { name: '佐藤', pin: '4821' },
  { name: '鈴木', pin: '7390' },
] as const;
const WHOLE = [
  '会員番号,氏名,メールアドレス,棟,役職',
  '1001,青木 一郎,aoki@example.com,A,理事',
  '1002,井上 花子,inoue@example.net,A,',
  '1003,上田 健,ueda@example.org,B,理事長',
  '1004,江藤 さくら,eto@example.com,B,',
  '1005,伊藤 四郎,aoki@example.com,A,',
].join('\r\n');
const FLOOR_ONE = ['会員番号,氏名,メールアドレス,棟,役職', '2001,小野 次郎,ono@example.com,A,', '2002,加藤 三郎,kato@example.net,A,'].join('\r\n');

let session: E2eSession;
let page: Page;
const shoot = (name: string) => session.shoot(name);

async function importList(name: string, csv: string, count: number): Promise<void> {
  await page.fill('input[name="new-list"]', name);
  await page.click('[data-action="create-list"]');
  await page.waitForFunction((n) => [...(globalThis as unknown as { document: { querySelectorAll(s: string): { selected: boolean; textContent: string }[] } }).document.querySelectorAll('select[name="list"] option')].some((o) => o.selected && o.textContent.startsWith(n)), name);
  await page.setInputFiles('[data-testid="file-input"]', { name: `${name}.csv`, mimeType: 'text/csv', buffer: toCp932(csv) });
  await page.waitForSelector('[data-testid="import-mapping"]');
  await page.selectOption('select[name="map-keyColumn"]', '会員番号');
  await page.click('[data-action="run-import"]');
  await page.waitForSelector('[data-testid="import-report"]');
  expect(await page.textContent('[data-stat="accepted"] b')).toBe(String(count));
}

beforeAll(async () => {
  session = await openSession('tayori-e2e-recipients-', 'ja-JP');
  page = session.page;
});
afterAll(async () => {
  await session?.close();
});

describe('who receives it, in Chromium', () => {
  it('sets up and imports the whole list, then starts a notice on it', async () => {
    await setUpOrganisation(page, { organisation: 'ひかり管理組合', from: FROM, smtpPort: 2525, users: USERS });
    await importList('全戸', WHOLE, 5);
    await nav(page, 'compose');
    await page.fill('input[name="campaign-name"]', '総会のお知らせ');
    await page.click('[data-action="create-campaign"]');
    await page.waitForSelector('[data-testid="editor"]');
    expect(await page.textContent('[data-testid="list-badge-name"]')).toBe('全戸');
  });

  it('creates the next notice on the list the user chose, never the previous one', async () => {
    await nav(page, 'lists');
    await importList('1階のみ', FLOOR_ONE, 2);
    await page.click('[data-action="to-compose"]');
    await page.waitForSelector('[data-screen="compose"]');
    expect(await page.textContent('[data-testid="list-badge-name"]')).toBe('1階のみ');
    // The notice of the other list is not offered here, and nothing is open.
    expect(await page.locator('select[name="campaign"] option').allTextContents()).toEqual(['—']);
    await page.fill('input[name="campaign-name"]', '1階 断水のお知らせ');
    await page.click('[data-action="create-campaign"]');
    await page.waitForSelector('[data-testid="editor"]');
    await page.fill('input[name="subject"]', '断水のお知らせ');
    await page.fill('textarea[name="body"]', '{{氏名}} 様\n明日 10 時から断水します。');
    expect(await page.textContent('[data-testid="list-badge-name"]')).toBe('1階のみ');
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-testid="check-findings"]');
    expect(await page.textContent('[data-testid="list-badge-name"]')).toBe('1階のみ');
    expect(await page.textContent('[data-testid="list-badge-recipients"]')).toContain('2');
    await shoot('r01-right-list');
  });

  it('keeps the typed cancel window and saves drafts by itself', async () => {
    await nav(page, 'lists');
    await page.selectOption('select[name="list"]', { index: 0 });
    await nav(page, 'compose');
    await page.waitForSelector('[data-testid="editor"]');
    expect(await page.textContent('[data-testid="list-badge-name"]')).toBe('全戸');
    await page.click('input[name="cancel-window"]', { clickCount: 3 });
    await page.keyboard.type('30');
    expect(await page.inputValue('input[name="cancel-window"]')).toBe('30');
    await page.fill('input[name="subject"]', '総会のお知らせ');
    await page.fill('textarea[name="body"]', '{{氏名}} 様（{{棟}}棟）\n総会は 6 月 1 日です。');
    await page.waitForSelector('[data-testid="saved"]', { timeout: 10_000 });
    // Leaving and coming back shows what was typed.
    await nav(page, 'lists');
    await nav(page, 'compose');
    expect(await page.inputValue('input[name="cancel-window"]')).toBe('30');
    expect(await page.inputValue('textarea[name="body"]')).toContain('総会は 6 月 1 日です。');
  });

  it('sends to part of the list: 棟 = A, counted live and named in words', async () => {
    await page.check('input[name="selection-kind"][value="conditions"]');
    await page.selectOption('select[name="condition-0-column"]', '棟');
    await page.fill('input[name="condition-0-value"]', 'A');
    await page.waitForSelector('[data-testid="selection-count"][data-count="3"]');
    expect(await page.textContent('[data-testid="selection-count"]')).toContain('「棟」が「A」の会員 3 人');
    await page.waitForSelector('[data-testid="saved"]', { timeout: 10_000 });
    await shoot('r02-selection');
  });

  it('blocks one address with two names until it is marked shared on the check screen', async () => {
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-testid="shared-address-resolver"]');
    expect(await page.locator('[data-testid="check-findings"] [data-severity="blocking"][data-code="same-address-different-names"]').count()).toBe(1);
    await shoot('r03-shared-address');
    await page.click('[data-testid="shared-address"][data-email="aoki@example.com"] [data-action="mark-shared"]');
    await page.waitForSelector('[data-testid="check-findings"] [data-code="shared-address"]');
    expect(await page.locator('[data-testid="check-findings"] li[data-severity="blocking"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-code')))).toEqual([]);
    expect(await page.textContent('[data-testid="list-badge-recipients"]')).toContain('3');
  });

  it('shows the approver the list and the selection in words', async () => {
    await nav(page, 'approval');
    await page.fill('input[name="requester-pin"]', USERS[0].pin);
    await page.click('[data-action="request-approval"]');
    await page.waitForSelector('[data-testid="approval-summary"]');
    expect(await page.textContent('[data-testid="approval-list"]')).toBe('全戸');
    expect(await page.textContent('[data-testid="approval-who"]')).toBe('「棟」が「A」の会員 3 人');
    await shoot('r04-approval-words');
  });
});

describe('scheduled sending, in Chromium', () => {
  it('books the send for tomorrow morning, shows when it starts, and can cancel it', async () => {
    await page.selectOption('select[name="approver"]', { label: USERS[1].name });
    await page.fill('input[name="approver-pin"]', USERS[1].pin);
    await page.click('[data-action="approve"]');
    await page.waitForSelector('[data-testid="approved"]');
    await page.click('[data-action="to-send"]');
    await page.waitForSelector('[data-testid="schedule-form"]');
    expect(await page.textContent('[data-testid="list-badge-recipients"]')).toContain('3');
    await page.check('input[name="send-when"][value="at"]');
    const tomorrow = new Date(Date.now() + 24 * 3_600_000);
    const p = (n: number) => String(n).padStart(2, '0');
    await page.fill('input[name="send-at"]', `${tomorrow.getFullYear()}-${p(tomorrow.getMonth() + 1)}-${p(tomorrow.getDate())}T09:30`);
    await page.click('[data-action="schedule"]');
    await page.waitForSelector('[data-testid="countdown"]');
    const seconds = Number(await page.getAttribute('[data-testid="countdown"] .countdown', 'data-seconds'));
    expect(seconds).toBeGreaterThan(3600);
    expect(await page.textContent('[data-testid="countdown"]')).toContain('9:30');
    await shoot('r05-scheduled');
    await page.click('[data-action="cancel-send"]');
    await page.waitForSelector('[data-testid="cancelled"]');
  });
});
