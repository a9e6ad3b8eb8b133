// "該当する人を表示" under a check finding, in Chromium, in Japanese: when the report changes under
// an open list (here: one of two shared addresses is marked shared on the check screen, so the
// same finding now names two people instead of four), the list must not keep showing the people
// of the earlier report. It did: the open list was kept by the finding's place on the screen.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toCp932 } from './helpers/cp932-csv';
import { openSession, type E2eSession } from './helpers/session';
import { createListWithImport, nav, setUpOrganisation } from './helpers/ui';

const USERS = [
  { name: '佐藤', pin: '4821' },
  { name: '鈴木', pin: '7390' },
] as const;
// Two addresses, each on two rows with different names: one blocking finding about four people.
const CSV = [
  '会員番号,氏名,メールアドレス',
  '1001,青木 一郎,aoki@example.com',
  '1002,伊藤 四郎,aoki@example.com',
  '1003,上田 健,ueda@example.org',
  '1004,江藤 さくら,ueda@example.org',
  '1005,井上 花子,inoue@example.net',
].join('\r\n');

let session: E2eSession;
let page: Page;

beforeAll(async () => {
  session = await openSession('tayori-e2e-finding-members-', 'ja-JP');
  page = session.page;
});
afterAll(async () => {
  await session?.close();
});

describe('the people behind a finding, in Chromium', () => {
  it('an open list never shows the people of an earlier report', async () => {
    await setUpOrganisation(page, { organisation: 'ひかり管理組合', from: 'office@hikari.example', smtpPort: 2525, users: USERS });
    await createListWithImport(page, '全戸', { name: 'zenko.csv', buffer: toCp932(CSV) });
    await nav(page, 'compose');
    await page.fill('input[name="campaign-name"]', '総会のお知らせ');
    await page.click('[data-action="create-campaign"]');
    await page.waitForSelector('[data-testid="editor"]');
    await page.click('[data-action="to-check"]');
    const finding = page.locator('[data-testid="check-findings"] li[data-code="same-address-different-names"]');
    await finding.waitFor();
    expect(await finding.locator('[data-action="finding-show-all"]').textContent()).toBe('該当する人を表示（4 人）');
    await finding.locator('[data-action="finding-show-all"]').click();
    const emails = () => finding.locator('[data-testid="finding-members"] tbody tr td:nth-child(3)').allTextContents();
    await finding.locator('[data-testid="finding-members"] tbody tr').first().waitFor();
    expect((await emails()).sort()).toEqual(['aoki@example.com', 'aoki@example.com', 'ueda@example.org', 'ueda@example.org']);

    await page.click('[data-testid="shared-address"][data-email="aoki@example.com"] [data-action="mark-shared"]');
    await page.waitForSelector('[data-testid="shared-address"][data-email="aoki@example.com"]', { state: 'detached' });
    // The same finding, now about the two people at ueda@: closed, or showing only them.
    expect(await finding.count()).toBe(1);
    await page.waitForFunction(() => !(globalThis as unknown as { document: { body: { textContent: string } } }).document.body.textContent.includes('該当する人を表示（4 人）'));
    expect((await emails()).filter((e) => e !== 'ueda@example.org')).toEqual([]);
    await finding.locator('[data-action="finding-show-all"]').click();
    await finding.locator('[data-testid="finding-members"] tbody tr').first().waitFor();
    expect((await emails()).sort()).toEqual(['ueda@example.org', 'ueda@example.org']);
    await session.shoot('f01-finding-members-after-change');
  });
});
