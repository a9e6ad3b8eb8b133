// The Lists screen in Chromium (issue 11): rejected rows by Excel row, a member excluded from
// sending (with a reason, after a confirm step) and included again, a member's address edited
// and shown as changed, the suppression list (add with a reason, search, remove after a confirm
// step), and a re-import that first shows what it would change by name and key, applies only on
// confirmation, and is undone. Screenshots in ja and en.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { membersCsvText, toCp932, type TestMember } from './helpers/cp932-csv';
import { openSession, type E2eSession } from './helpers/session';
import { setUpOrganisation } from './helpers/ui';

const USERS = [
  { name: '森', pin: '5820' },
  { name: '林', pin: '9134' },
] as const;

// 108 伊藤 was registered with 髙橋's address; 102's room cell has a line break (one Excel row,
// two text lines), so 小野's bad address is Excel row 7 on text line 8.
const FIRST: readonly TestMember[] = [
  { no: '101', name: '髙橋 一郎', email: 'takahashi@example.com', room: '101号室' },
  { no: '102', name: '青木 花子', email: 'aoki@example.net', room: '102号室\n（角部屋）' },
  { no: '103', name: '上田 健', email: 'ueda@example.org', room: '201号室' },
  { no: '104', name: '江藤 さくら', email: 'eto@example.com', room: '202号室' },
  { no: '108', name: '伊藤 四郎', email: 'takahashi@example.com', room: '205号室' },
  { no: '109', name: '小野 次郎', email: 'ono@@example.com', room: '301号室' },
];
// The corrected list: 伊藤 removed, 林 added.
const SECOND: readonly TestMember[] = [
  ...FIRST.filter((m) => !['108', '109'].includes(m.no)),
  { no: '110', name: '林 三郎', email: 'hayashi@example.org', room: '302号室' },
];

let session: E2eSession;
let page: Page;
const shoot = (name: string) => session.shoot(name);
const row = (key: string) => page.locator(`[data-member-ref="k:${key}"]`);
const memberCount = () => page.locator('select[name="list"] option:checked').textContent();

/** Opens a folded card of the screen (members excluded, earlier imports, the suppression list). */
async function unfold(testId: string): Promise<void> {
  const card = page.locator(`[data-testid="${testId}"]`);
  if ((await card.getAttribute('open')) === null) await card.locator('summary').click();
  await page.waitForSelector(`[data-testid="${testId}"][open]`);
}

async function pick(name: string, members: readonly TestMember[]): Promise<void> {
  await page.setInputFiles('[data-testid="file-input"]', { name, mimeType: 'text/csv', buffer: toCp932(membersCsvText(members)) });
  await page.waitForSelector('[data-testid="import-mapping"]');
}

beforeAll(async () => {
  session = await openSession('tayori-e2e-lists-', 'ja-JP');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('the Lists screen in Chromium', () => {
  it('imports a list and reports a rejected row by its Excel row, with the text line where it differs', async () => {
    await setUpOrganisation(page, { organisation: 'みどり町内会', from: 'office@midori.example', smtpPort: 2525, users: USERS });
    await page.fill('input[name="new-list"]', '会員名簿');
    await page.click('[data-action="create-list"]');
    await page.waitForSelector('select[name="list"] option:checked:has-text("会員名簿")', { state: 'attached' });

    await pick('members.csv', FIRST);
    // A list without members is imported at once: there is nothing to replace.
    await page.click('[data-action="run-import"]');
    const rejected = page.locator('[data-testid="rejected-rows"]');
    await rejected.waitFor();
    expect(await rejected.locator('th').first().textContent()).toBe('Excel の行');
    expect(await rejected.locator('tr[data-row="7"] td').first().textContent()).toBe('7 （ファイルの 8 行目）');
    expect(await page.getAttribute('[data-testid="rejected-rows"] tr[data-row="7"]', 'data-line')).toBe('8');
    await expect.poll(() => page.textContent('[data-testid="match-count"]')).toBe('5 件');
    await page.locator('[data-testid="rejected-rows"]').scrollIntoViewIfNeeded();
    await shoot('l01-import-excel-rows');
  });

  it('excludes a member with a reason after a confirm step, lists them as excluded, and includes them again', async () => {
    await row('103').locator('[data-action="exclude-member"]').click();
    const form = page.locator('[data-testid="exclude-member"]');
    await form.waitFor();
    expect(await form.textContent()).toContain('上田 健（ueda@example.org）');
    // Nothing happens until the confirm button.
    expect(await page.locator('[data-testid="exclusions"]').count()).toBe(0);
    await form.locator('input[name="exclude-reason"]').fill('長期入院');
    await form.scrollIntoViewIfNeeded();
    await shoot('l02-exclude-confirm');
    await form.locator('[data-action="confirm-exclude"]').click();
    const excluded = page.locator('[data-testid="exclusions"] tr[data-ref="k:103"]');
    await excluded.waitFor();
    expect(await excluded.locator('td').allTextContents()).toEqual(expect.arrayContaining(['上田 健', 'ueda@example.org', '長期入院', '森']));
    await row('103').locator('.chip', { hasText: '送信対象外' }).waitFor();
    await page.locator('[data-testid="excluded-panel"]').scrollIntoViewIfNeeded();
    await shoot('l03-excluded');

    await excluded.locator('[data-action="include-again"]').click();
    await page.locator('[data-testid="excluded-panel"]', { hasText: '送信対象外の会員はいません。' }).waitFor();
    expect(await row('103').locator('.chip').count()).toBe(0);
  });

  it('edits a member’s address and shows the row as changed', async () => {
    await row('104').locator('[data-action="edit-member"]').click();
    const form = page.locator('[data-testid="member-edit"]');
    await form.waitFor();
    await form.locator('input[name="edit-email"]').fill('ETO＠new.example ');
    await form.locator('input[data-column="部屋番号"]').fill('203号室');
    await form.scrollIntoViewIfNeeded();
    await shoot('l04-member-edit');
    await form.locator('[data-action="save-member"]').click();
    await page.waitForSelector('[data-testid="member-saved"]');
    // The service normalised the address; the row says it changed, and that it was edited here.
    await row('104').locator('span', { hasText: 'ETO@new.example' }).waitFor();
    expect(await row('104').locator('.chip').allTextContents()).toEqual(['アドレス変更', '名簿で編集']);
    await page.locator('[data-testid="member-browser"]').scrollIntoViewIfNeeded();
    await shoot('l05-member-edited');
  });

  it('keeps a suppression list: add with a reason and a note, search, remove after a confirm step', async () => {
    await unfold('suppressions-panel');
    const panel = page.locator('[data-testid="suppressions-panel"]');
    expect(await panel.locator('select[name="suppress-reason"] option').allTextContents()).toEqual([
      '本人から配信停止の希望', '転居した', '亡くなった', '宛先がなく届かない（何度も戻ってくる）', 'その他',
    ]);
    await panel.locator('input[name="suppress-address"]').fill('ueda@example.org');
    await panel.locator('select[name="suppress-reason"]').selectOption('moved');
    await panel.locator('input[name="suppress-note"]').fill('電話で申し出');
    await panel.locator('[data-action="add-suppression"]').click();
    await panel.locator('tr[data-address="ueda@example.org"]').waitFor();
    await panel.locator('input[name="suppress-address"]').fill('old@example.jp');
    await panel.locator('select[name="suppress-reason"]').selectOption('bounced');
    await panel.locator('[data-action="add-suppression"]').click();
    await panel.locator('tr[data-address="old@example.jp"]').waitFor();
    expect(await panel.locator('tr[data-address="ueda@example.org"] td').allTextContents()).toEqual(
      expect.arrayContaining(['ueda@example.org', '転居した', '電話で申し出', '森']),
    );
    await panel.locator('input[name="suppression-search"]').fill('ueda');
    await expect.poll(() => panel.locator('[data-testid="suppressions"] tbody tr').count()).toBe(1);
    await panel.locator('input[name="suppression-search"]').fill('');
    await panel.locator('tr[data-address="old@example.jp"]').waitFor();
    await panel.locator('tr[data-address="old@example.jp"] [data-action="remove-suppression"]').click();
    await panel.locator('[data-testid="remove-suppression-confirm"]').waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shoot('l06-suppressions');
    await panel.locator('[data-action="confirm-remove-suppression"]').click();
    await panel.locator('tr[data-address="old@example.jp"]').waitFor({ state: 'detached' });
    expect(await panel.locator('[data-testid="suppressions"] tbody tr').count()).toBe(1);
  });

  it('shows what a re-import would change by name and key, changes nothing until confirmed, then applies it', async () => {
    await page.locator('[data-testid="import-panel"]').scrollIntoViewIfNeeded();
    await pick('members-2.csv', SECOND);
    expect(await page.locator('[data-action="run-import"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="import-mapping"]')).toContain('区切り文字: カンマ（,）');
    await shoot('l06b-import-mapping');
    await page.click('[data-action="preview-import"]');
    const preview = page.locator('[data-testid="import-preview"]');
    await preview.waitFor();
    // The removal names 伊藤 and 108, not only the address 伊藤 shared with 髙橋.
    const removed = preview.locator('[data-diff="removed"] tr[data-key="108"] td');
    expect(await removed.allTextContents()).toEqual(['—', '108', '伊藤 四郎', 'takahashi@example.com']);
    expect(await preview.locator('[data-diff="added"] tr[data-key="110"] td').allTextContents()).toEqual(['6', '110', '林 三郎', 'hayashi@example.org']);
    expect(await preview.locator('[data-diff="email-changed"] tr[data-key="104"] td').allTextContents()).toEqual([
      '5', '104', '江藤 さくら', 'eto@example.com', 'ETO@new.example', 'eto@example.com',
    ]);
    expect(await preview.locator('[data-diff="removed"] th').nth(1).textContent()).toBe('会員番号');
    // Nothing has changed yet.
    expect(await memberCount()).toContain('会員 5 人');
    await page.locator('[data-testid="import-confirm"]').scrollIntoViewIfNeeded();
    await shoot('l07-reimport-preview');

    await page.click('[data-action="confirm-import"]');
    await page.waitForSelector('[data-testid="import-report"]');
    await row('110').waitFor();
    expect(await row('108').count()).toBe(0);
    await unfold('import-history');
    await page.locator('[data-testid="import-history"]').scrollIntoViewIfNeeded();
    await shoot('l08-reimport-done');
  });

  it('undoes the re-import after a confirm step: 伊藤 and the edited address are back, the history says who undid it', async () => {
    await page.locator('[data-testid="import-report"] ~ .row [data-action="undo-import"]').click();
    const confirm = page.locator('[data-testid="import-panel"] [data-testid="undo-import-confirm"]');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('「members-2.csv」');
    await confirm.scrollIntoViewIfNeeded();
    await shoot('l09-undo-confirm');
    await confirm.locator('[data-action="confirm-undo-import"]').click();
    await page.waitForSelector('[data-testid="import-undone"]');
    await row('108').waitFor();
    expect(await row('110').count()).toBe(0);
    await row('104').locator('span', { hasText: 'ETO@new.example' }).waitFor();
    await unfold('import-history');
    const undone = page.locator('[data-testid="import-history"] tr[data-undone="true"]');
    await undone.waitFor();
    expect(await undone.textContent()).toContain('元に戻し済み（森、');
    expect(await page.locator('[data-testid="import-history"] [data-action="undo-import"]').count()).toBe(0);
    await page.locator('[data-testid="import-history"]').scrollIntoViewIfNeeded();
    await shoot('l10-undone');
  });

  it('scrolls a long list with the page: one scrollbar, the search and column heads stay in view', async () => {
    const many: TestMember[] = Array.from({ length: 3000 }, (_, i) => ({ no: String(5000 + i), name: `会員 ${i}`, email: `m${i}@example.jp`, room: `${i}号室` }));
    await page.fill('input[name="new-list"]', '大きな名簿');
    await page.click('[data-action="create-list"]');
    await page.waitForSelector('select[name="list"] option:checked:has-text("大きな名簿")', { state: 'attached' });
    await pick('many.csv', many);
    await page.click('[data-action="run-import"]');
    await expect.poll(() => page.textContent('[data-testid="match-count"]'), { timeout: 30_000 }).toBe('3,000 件');
    // Counts are written with the language's digit grouping, in the list picker and the report.
    expect(await memberCount()).toContain('会員 3,000 人');
    expect(await page.textContent('[data-stat="accepted"] b')).toBe('3,000');
    // The rows have no scrolling box of their own: only the page (the main area) scrolls.
    // (A string: test code is typed without the DOM library; it runs in the page.)
    const boxes = await page.evaluate(`(() => {
      const list = document.querySelector('.member-browser');
      const main = document.querySelector('.main');
      return { listOverflow: getComputedStyle(list).overflowY, listScrolls: list.scrollHeight > list.clientHeight + 1, mainScrolls: main.scrollHeight > main.clientHeight };
    })()`);
    expect(boxes).toEqual({ listOverflow: 'visible', listScrolls: false, mainScrolls: true });
    // Scrolled to the end, the last member is drawn on screen and the heads are still in view.
    await page.evaluate(`document.querySelector('.main').scrollTo(0, 1e9)`);
    const last = page.locator('[data-member-ref="k:7999"]');
    await last.waitFor();
    const main = (await page.locator('.main').boundingBox())!;
    const lastBox = (await last.boundingBox())!;
    expect(lastBox.y + lastBox.height).toBeLessThanOrEqual(main.y + main.height + 1);
    expect(lastBox.y).toBeGreaterThan(main.y);
    const head = (await page.locator('.member-browser-head').boundingBox())!;
    expect(Math.abs(head.y - main.y)).toBeLessThanOrEqual(1);
    expect(await page.locator('input[name="member-search"]').isVisible()).toBe(true);
    await shoot('l11-long-list-end');
    // Editing a row far down opens the form in view; closing it brings the row back.
    await page.locator('[data-member-ref="k:7990"] [data-action="edit-member"]').click();
    const form = page.locator('[data-testid="member-edit"]');
    await form.waitFor();
    const formBox = (await form.boundingBox())!;
    expect(formBox.y).toBeGreaterThanOrEqual(main.y - 1);
    expect(formBox.y).toBeLessThan(main.y + main.height);
    await form.locator('[data-action="close-member-form"]').click();
    const back = (await page.locator('[data-member-ref="k:7990"]').boundingBox())!;
    expect(back.y).toBeGreaterThan(main.y);
    expect(back.y).toBeLessThan(main.y + main.height);
  });

  it('stops a long import from its progress bar: nothing of it is kept, and the page says so', async () => {
    const many: TestMember[] = Array.from({ length: 60_000 }, (_, i) => ({ no: String(100_000 + i), name: `会員 ${i}`, email: `big${i}@example.jp`, room: `${i}号室` }));
    await page.fill('input[name="new-list"]', '止める名簿');
    await page.click('[data-action="create-list"]');
    await page.waitForSelector('select[name="list"] option:checked:has-text("止める名簿")', { state: 'attached' });
    await pick('huge.csv', many);
    // The progress bar and its stop button are drawn the moment the import is asked for, and the
    // stop is pressed then (a click in the page, through the button's own handler): over HTTP the
    // stop can reach the app before the file does, and must stop the import all the same.
    await page.evaluate(`new Promise((resolve) => {
      const seen = new MutationObserver(() => {
        const stop = document.querySelector('[data-action="stop-import"]');
        if (!stop) return;
        seen.disconnect();
        window.__stopLabel = stop.textContent;
        stop.click();
        resolve();
      });
      seen.observe(document.body, { childList: true, subtree: true });
      document.querySelector('[data-action="run-import"]').click();
    })`);
    expect(await page.evaluate('window.__stopLabel')).toBe('取り込みを中止');
    const error = page.locator('[data-error-code="import-cancelled"]');
    await error.waitFor({ timeout: 30_000 });
    expect(await error.textContent()).toContain('取り込みを中止しました。名簿は変更されていません。');
    expect(await page.locator('[data-testid="import-progress"]').count()).toBe(0);
    await expect.poll(() => page.textContent('[data-testid="match-count"]')).toBe('0 件');
    await shoot('l13-import-stopped');
  }, 180_000);

  it('fits 1280×800 without horizontal overflow and logged no page errors', () => {
    for (const [name, px] of Object.entries(session.overflows)) expect(px, name).toBeLessThanOrEqual(0);
    expect(session.errors).toEqual([]);
  });
});
