// Remote sign-off (issue 16) in Chromium, in Japanese, in practice mode: two users register the
// approver's own approval address (two PINs), the requester asks for approval by mail, the mail
// lands in the practice outbox addressed to that address only, the code read there is typed on
// the approval screen, and the screen says the approval was a code mailed to that address.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_USERS } from '../../electron/services/practice/practice-seed';
import type { PageGlobals } from './helpers/browser-globals';
import { openSession, type E2eSession } from './helpers/session';
import { chooseOperator, expectError, nav } from './helpers/ui';

const [REQUESTER, APPROVER] = PRACTICE_USERS;
const CHAIR = 'kaicho@sakura-home.example';

let session: E2eSession;
let page: Page;
let code = '';

const shoot = (name: string) => session.shoot(name);
/** Each step waits on the app through Chromium on a busy 2-core machine. */
const STEP_MS = 120_000;

beforeAll(async () => {
  session = await openSession('tayori-e2e-approval-mail-', 'ja-JP');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('approval by a code mailed to the approver (practice mode, Japanese)', () => {
  it('enters practice mode and registers the approver\'s approval address with two PINs', async () => {
    await page.waitForSelector('[data-screen="setup"]');
    await page.click('[data-action="try-sample"]');
    await page.waitForSelector('[data-testid="practice-banner"]');
    await chooseOperator(page, REQUESTER.name);
    await nav(page, 'settings');
    const panel = page.locator('[data-testid="approval-addresses-panel"]');
    await panel.scrollIntoViewIfNeeded();
    await page.selectOption('select[name="approval-address-user"]', { label: APPROVER.name });
    await page.fill('input[name="approval-address"]', CHAIR);
    await page.selectOption('select[name="approval-address-signer-0"]', { label: REQUESTER.name });
    await page.fill('input[name="approval-address-signer-0-pin"]', REQUESTER.pin);
    await page.selectOption('select[name="approval-address-signer-1"]', { label: APPROVER.name });
    await page.fill('input[name="approval-address-signer-1-pin"]', APPROVER.pin);
    await page.click('[data-action="save-approval-address"]');
    await page.locator('[data-testid="approval-addresses"] li', { hasText: CHAIR }).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shoot('m01-approval-address');
  }, STEP_MS);

  it('asks for approval by mail: the screen shows where it goes, never the code', async () => {
    await nav(page, 'compose');
    await page.waitForSelector('[data-testid="editor"]');
    // The sample notice saves itself as it is edited; a short cancel window keeps the rehearsal quick.
    await page.fill('input[name="cancel-window"]', '10');
    if (await page.isEnabled('[data-action="save"]')) await page.click('[data-action="save"]');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="live-preview"] [data-field="body"]'));
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-testid="check-findings"]');
    await nav(page, 'approval');
    await page.fill('input[name="requester-pin"]', REQUESTER.pin);
    await page.click('[data-action="request-approval"]');
    await page.waitForSelector('[data-testid="approval-summary"]');
    await page.selectOption('select[name="mail-approver"]', { label: APPROVER.name });
    expect(await page.textContent('[data-testid="mail-goes-to"]')).toContain(CHAIR);
    await page.fill('input[name="asker-pin"]', REQUESTER.pin);
    await page.click('[data-action="ask-by-mail"]');
    await page.waitForSelector('[data-testid="mail-sent"]');
    await page.waitForSelector('[data-testid="enter-code"]');
    expect(await page.textContent('[data-testid="pending-codes"]')).toContain(CHAIR);
    await page.locator('[data-testid="ask-by-mail"]').scrollIntoViewIfNeeded();
    await shoot('m02-asked-by-mail');
  }, STEP_MS);

  it('the approval mail is in the practice outbox, to the approver\'s address only, with the summary and the code', async () => {
    await nav(page, 'outbox');
    await page.waitForSelector('[data-testid="outbox-list"] button');
    expect(await page.locator('[data-testid="outbox-list"] button').count()).toBe(1);
    await page.locator('[data-testid="outbox-list"] button').first().click();
    const view = page.locator('[data-testid="outbox-message"]');
    expect(await view.locator('[data-field="envelope-to"]').textContent()).toBe(CHAIR);
    expect(await view.locator('[data-field="subject"]').textContent()).toMatch(/^【承認のお願い】/);
    const body = (await view.locator('[data-field="body"]').textContent()) ?? '';
    for (const said of ['送信する人数:', 'ドメイン別', '見本 1:', '見本 3:', '取り消しの猶予', 'チェック結果の注意']) expect(body).toContain(said);
    const m = /承認コード: (\d{4}) (\d{4})/.exec(body);
    expect(m).not.toBeNull();
    code = `${m![1]}${m![2]}`;
    await shoot('m03-outbox-approval-mail');
  }, STEP_MS);

  it('a wrong code is refused with the tries left; the mailed code approves, and the screen says how', async () => {
    await nav(page, 'approval');
    await page.waitForSelector('[data-testid="enter-code"]');
    expect(await page.content()).not.toContain(code);
    await page.fill('input[name="approval-code"]', code === '00000000' ? '11111111' : '00000000');
    await page.click('[data-action="enter-code"]');
    expect(await expectError(page, 'approval-code-wrong')).toContain('あと 4 回');
    await page.fill('input[name="approval-code"]', `${code.slice(0, 4)} ${code.slice(4)}`);
    await page.click('[data-action="enter-code"]');
    await page.waitForSelector('[data-testid="approved"]');
    expect(await page.textContent('[data-testid="approved"]')).toContain('コードで承認しました');
    const how = page.locator('[data-testid="approval-how"]');
    expect(await how.getAttribute('data-method')).toBe('mail-code');
    expect(await how.textContent()).toContain(CHAIR);
    await shoot('m04-approved-by-code');
  }, STEP_MS);

  it('fits 1280×800 without horizontal overflow and logged no page errors', () => {
    for (const [name, px] of Object.entries(session.overflows)) expect(px, name).toBeLessThanOrEqual(0);
    // The wrong code's refusal is an expected error response, not a page error.
    expect(session.errors.filter((e) => !e.includes('400') && !e.includes('status of'))).toEqual([]);
  });
});
