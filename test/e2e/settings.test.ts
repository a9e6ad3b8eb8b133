// Settings in Chromium (real workspace): the screen shows what set-up stored, refuses bad values
// with translated per-field sentences, saves the organisation, domains, free-mail policy,
// attachment limit, default cancel window and language (kept after a reload, used by a new
// notice); a broad member search shows "1,000+"; practice mode is opened from Settings and its
// data deleted after a confirm step. Screenshots in ja and en.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PageGlobals } from './helpers/browser-globals';
import { openSession, type E2eSession } from './helpers/session';
import { chooseOperator, nav, setUpOrganisation } from './helpers/ui';

const FROM = 'office@midori.example';
const USERS = [
  { name: '森', pin: '5820' },
  { name: '林', pin: '9134' },
] as const;
const MEMBERS = 10_005;

let session: E2eSession;
let page: Page;

const shoot = (name: string) => session.shoot(name);

const lang = () => page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang);

beforeAll(async () => {
  session = await openSession('tayori-e2e-settings-', 'ja-JP');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('settings in Chromium', () => {
  it('sets up, then shows the organisation and its sending address in Settings', async () => {
    await setUpOrganisation(page, { organisation: 'みどり町内会', from: FROM, smtpPort: 2525, users: USERS });
    await nav(page, 'settings');
    expect(await page.textContent('[data-nav="settings"]')).toBe('設定');
    expect(await page.inputValue('input[name="organisation-name"]')).toBe('みどり町内会');
    expect(await page.inputValue('input[name="organisation-address"]')).toBe(FROM);
    expect(await page.inputValue('input[name="default-cancel-window"]')).toBe('300');
    expect(await page.inputValue('input[name="max-attachment-mb"]')).toBe('10');
    expect(await page.isChecked('input[name="recipients-are-organisations"]')).toBe(false);
  });

  it('refuses out-of-range values with a translated sentence at each field, and saves nothing', async () => {
    await page.fill('input[name="default-cancel-window"]', '5');
    await page.fill('input[name="organisation-domains"]', 'localhost');
    await page.click('[data-action="save-settings"]');
    const cancel = page.locator('[data-invalid="defaultCancelWindowS"]');
    await cancel.waitFor();
    expect(await cancel.textContent()).toBe('10〜86400 秒の整数で入力してください。');
    expect(await page.textContent('[data-invalid="organisationDomains"]')).toContain('sakura.example');
    expect(await page.textContent('.settings-form [data-error-code="validation"]')).toContain('保存していません');
    expect(await page.locator('[data-testid="settings-saved"]').count()).toBe(0);
    await shoot('s01-settings-invalid');
    // Over the limit is refused by the host; an empty number never leaves the page.
    await page.fill('input[name="max-attachment-mb"]', '200');
    await page.fill('input[name="default-cancel-window"]', '');
    await page.fill('input[name="organisation-domains"]', '');
    await page.click('[data-action="save-settings"]');
    await page.locator('[data-invalid="defaultCancelWindowS"]').waitFor();
    expect(await page.locator('[data-invalid="organisationDomains"]').count()).toBe(0);
    await page.fill('input[name="default-cancel-window"]', '30');
    await page.click('[data-action="save-settings"]');
    const limit = page.locator('[data-invalid="maxAttachmentBytes"]');
    await limit.waitFor();
    expect(await limit.textContent()).toBe('0.06〜100 MB の範囲で入力してください。');
    expect(await page.locator('[data-invalid="defaultCancelWindowS"]').count()).toBe(0);
  });

  it('saves every setting with feedback, and keeps them after a reload', async () => {
    await page.fill('input[name="organisation-name"]', 'みどり町内会 事務局');
    await page.fill('input[name="default-cancel-window"]', '60');
    await page.fill('input[name="organisation-domains"]', 'midori.example, @Mail.Midori.example');
    await page.fill('input[name="max-attachment-mb"]', '5');
    await page.check('input[name="recipients-are-organisations"]');
    await page.click('[data-action="save-settings"]');
    await page.waitForSelector('[data-testid="settings-saved"]');
    expect(await page.locator('[data-invalid]').count()).toBe(0);
    // The form shows what was stored: domains lower-cased, without "@".
    expect(await page.inputValue('input[name="organisation-domains"]')).toBe('midori.example, mail.midori.example');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('.app-header .org')?.textContent === 'みどり町内会 事務局');
    await shoot('s02-settings-saved');

    await page.reload();
    await page.waitForSelector('[data-screen="lists"]');
    await nav(page, 'settings');
    expect(await page.inputValue('input[name="organisation-name"]')).toBe('みどり町内会 事務局');
    expect(await page.inputValue('input[name="organisation-domains"]')).toBe('midori.example, mail.midori.example');
    expect(await page.inputValue('input[name="default-cancel-window"]')).toBe('60');
    expect(await page.inputValue('input[name="max-attachment-mb"]')).toBe('5');
    expect(await page.isChecked('input[name="recipients-are-organisations"]')).toBe(true);
  });

  it('switches and stores the language from Settings, and follows the header buttons', async () => {
    await page.selectOption('select[name="language"]', 'en');
    await page.click('[data-action="save-settings"]');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.documentElement.lang === 'en');
    expect(await page.textContent('[data-testid="settings-saved"]')).toBe('Settings saved.');
    expect(await page.textContent('[data-nav="settings"]')).toBe('Settings');
    await page.getByRole('button', { name: '日本語', exact: true }).click();
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.documentElement.lang === 'ja');
    expect(await page.inputValue('select[name="language"]')).toBe('ja');
    await page.reload();
    await page.waitForSelector('[data-screen="lists"]');
    expect(await lang()).toBe('ja');
  });

  it('shows "10,000 件以上" when a search stops counting, and exact counts otherwise', async () => {
    await chooseOperator(page, USERS[0].name);
    await page.fill('input[name="new-list"]', '大きな名簿');
    await page.click('[data-action="create-list"]');
    const rows = Array.from({ length: MEMBERS }, (_, i) => `${i + 1},会員${i + 1},m${i + 1}@example.org`);
    await page.setInputFiles('[data-testid="file-input"]', {
      name: 'members.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(`会員番号,氏名,メールアドレス\n${rows.join('\n')}\n`, 'utf8'),
    });
    await page.waitForSelector('[data-testid="import-mapping"]');
    await page.click('[data-action="run-import"]');
    await page.waitForSelector('[data-testid="import-report"]');
    const count = page.locator('[data-testid="match-count"]');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="match-count"]')?.textContent === '10,005 件');
    await page.fill('input[name="member-search"]', 'example');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="match-count"]')?.textContent === '10,000 件以上');
    await shoot('s03-search-more');
    expect(await count.textContent()).toBe('10,000 件以上');
    await page.fill('input[name="member-search"]', 'm1000');
    // m1000 and m10000..m10005
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="match-count"]')?.textContent === '7 件');
  });

  it('gives a new notice the default cancel window from Settings', async () => {
    await nav(page, 'compose');
    await page.fill('input[name="campaign-name"]', '清掃のお知らせ');
    await page.click('[data-action="create-campaign"]');
    await page.waitForSelector('[data-testid="editor"]');
    expect(await page.inputValue('input[name="cancel-window"]')).toBe('60');
  });

  it('adds a user only when two people enter their PINs, and registers a test address the same way', async () => {
    await nav(page, 'settings');
    const panel = page.locator('[data-testid="users-panel"]');
    await panel.locator('input[name="user-name"]').fill('竹内');
    await panel.locator('input[name="user-pin"]').fill('3141');
    // One person twice is refused at the page (and by the host).
    await panel.locator('select[name="users-signer-0"]').selectOption({ label: USERS[0].name });
    await panel.locator('input[name="users-signer-0-pin"]').fill(USERS[0].pin);
    await panel.locator('select[name="users-signer-1"]').selectOption({ label: USERS[0].name });
    await panel.locator('input[name="users-signer-1-pin"]').fill(USERS[0].pin);
    expect(await panel.locator('[data-action="user-change"]').isDisabled()).toBe(true);
    // A wrong PIN from the second person: refused, with the reason in words.
    await panel.locator('select[name="users-signer-1"]').selectOption({ label: USERS[1].name });
    await panel.locator('input[name="users-signer-1-pin"]').fill('0000');
    await panel.locator('[data-action="user-change"]').click();
    await panel.locator('[data-error-code="pin-wrong"]').waitFor();
    expect(await panel.locator('[data-testid="users-list"] li').count()).toBe(2);
    for (const [i, u] of USERS.entries()) {
      await panel.locator(`select[name="users-signer-${i}"]`).selectOption({ label: u.name });
      await panel.locator(`input[name="users-signer-${i}-pin"]`).fill(u.pin);
    }
    await panel.locator('[data-action="user-change"]').click();
    await panel.locator('[data-testid="users-list"] li', { hasText: '竹内' }).waitFor();

    const tests = page.locator('[data-testid="test-addresses-panel"]');
    expect(await tests.locator('[data-testid="test-addresses"] li').allTextContents()).toEqual([`${FROM}${'削除'}`]);
    await tests.locator('input[name="test-address"]').fill('kaicho@midori.example');
    for (const [i, u] of USERS.entries()) {
      await tests.locator(`select[name="test-address-signer-${i}"]`).selectOption({ label: u.name });
      await tests.locator(`input[name="test-address-signer-${i}-pin"]`).fill(u.pin);
    }
    await tests.locator('[data-action="add-test-address"]').click();
    await tests.locator('[data-testid="test-addresses"] li', { hasText: 'kaicho@midori.example' }).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shoot('s05-users');
  });

  it('opens practice mode from Settings and deletes its data after confirming', async () => {
    await nav(page, 'settings');
    await page.waitForSelector('[data-testid="no-practice-data"]');
    await page.click('[data-action="enter-practice"]');
    await page.waitForSelector('[data-testid="practice-banner"]');
    await page.waitForSelector('[data-screen="lists"]');
    await page.click('[data-action="leave-practice"]');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="practice-banner"]') === null);
    await nav(page, 'settings');
    await page.click('[data-testid="practice-panel"] [data-action="delete-practice"]');
    await page.locator('[data-testid="delete-practice-confirm"]').scrollIntoViewIfNeeded();
    await shoot('s04-practice-delete');
    await page.click('[data-action="confirm-delete-practice"]');
    await page.waitForSelector('[data-testid="practice-deleted"]');
    await page.waitForSelector('[data-testid="no-practice-data"]');
    expect(await page.textContent('.app-header .org')).toBe('みどり町内会 事務局');
  });

  it('fits 1280×800 without horizontal overflow and logged no page errors', () => {
    for (const [name, px] of Object.entries(session.overflows)) expect(px, name).toBeLessThanOrEqual(0);
    expect(session.errors).toEqual([]);
  });
});
