// Practice mode end to end in Chromium: "Try it with sample data" on a fresh install, the whole
// flow with the real second-user PIN step and cancel window, then the practice outbox screen
// shows each message exactly as received, one recipient each; the banner shows the fictional
// PINs, the practice organisation is set up (no address warning), and "Delete practice data"
// asks first, then removes it. Screenshots in ja and en (a few were copied by hand to
// docs/screenshots/ for the README).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_ORGANISATION_NAME, PRACTICE_PROFILE, PRACTICE_USERS } from '../../electron/services/practice/practice-seed';
import type { PageGlobals } from './helpers/browser-globals';
import { openSession, type E2eSession } from './helpers/session';
import { chooseOperator, nav, waitForSendState } from './helpers/ui';

const [REQUESTER, APPROVER] = PRACTICE_USERS;

let session: E2eSession;
let page: Page;

const shoot = (name: string) => session.shoot(name);

beforeAll(async () => {
  session = await openSession('tayori-e2e-practice-', 'en-US');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
});

describe('practice mode in Chromium', () => {
  it('offers "Try it with sample data" in English for an English browser and enters practice mode', async () => {
    await page.waitForSelector('[data-screen="setup"]');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang)).toBe('en');
    await shoot('p01-first-run');
    await page.click('[data-action="try-sample"]');
    await page.waitForSelector('[data-testid="practice-banner"]');
    await page.waitForSelector('[data-screen="lists"]');
  });

  it('shows the practice users and their PINs in the banner, and the practice organisation', async () => {
    const users = page.locator('[data-testid="practice-users"]');
    await users.waitFor();
    for (const u of PRACTICE_USERS) expect(await users.locator(`[data-user="${u.name}"]`).textContent()).toContain(u.pin);
    expect(await page.textContent('.app-header .org')).toBe(PRACTICE_ORGANISATION_NAME);
  });

  it('shows the sample list with its members', async () => {
    await chooseOperator(page, REQUESTER.name);
    await page.waitForSelector('[data-member-index="5"]');
    await shoot('p02-lists');
  });

  it('runs compose, check, test send and approval by the second user', async () => {
    await nav(page, 'compose');
    await page.waitForSelector('[data-testid="editor"]');
    await page.fill('input[name="cancel-window"]', '10');
    await page.click('[data-action="save"]');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="live-preview"] [data-field="body"]'));
    await shoot('p03-compose');
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-testid="check-findings"]');
    await page.waitForSelector('[data-testid="message-browser"] [data-testid="mail-view"]');
    // The sample list carries traps the check report is meant to catch.
    expect(await page.locator('[data-testid="check-findings"] [data-severity="warning"]').count()).toBeGreaterThan(0);
    // The practice organisation's sending address is seeded: the sender can be checked.
    expect(await page.locator('[data-testid="check-findings"] [data-code="organisation-address-unset"]').count()).toBe(0);
    await shoot('p04-check');
    await nav(page, 'test-send');
    await page.click('[data-action="test-send"]');
    await page.waitForSelector('[data-testid="test-sent"]');
    await nav(page, 'approval');
    await page.fill('input[name="requester-pin"]', REQUESTER.pin);
    await page.click('[data-action="request-approval"]');
    await page.waitForSelector('[data-testid="approval-summary"]');
    await page.selectOption('select[name="approver"]', { label: APPROVER.name });
    await page.fill('input[name="approver-pin"]', APPROVER.pin);
    await shoot('p05-approval');
    await page.click('[data-action="approve"]');
    await page.waitForSelector('[data-testid="approved"]');
  });

  it('sends after the cancel window into the practice outbox', async () => {
    await page.click('[data-action="to-send"]');
    await page.click('[data-action="schedule"]');
    await page.waitForSelector('[data-testid="countdown"]');
    await shoot('p06-countdown');
    expect(await waitForSendState(page, ['completed'])).toBe('completed');
    await shoot('p06-sent');
  });

  it('lists every received message in the outbox, each with exactly one recipient', async () => {
    await nav(page, 'outbox');
    await page.waitForSelector('[data-testid="outbox-message"]');
    const items = page.locator('[data-testid="outbox-list"] button');
    const count = await items.count();
    expect(count).toBeGreaterThan(10);
    await items.nth(1).click();
    const envelope = (await page.textContent('[data-testid="outbox-message"] [data-field="envelope-to"]')) ?? '';
    const to = (await page.textContent('[data-testid="outbox-message"] [data-field="to"]')) ?? '';
    expect(envelope).toMatch(/^[^,\s]+@[^,\s]+$/);
    expect(to).toContain(envelope);
    expect(await page.textContent('[data-testid="outbox-message"] [data-field="raw"]')).toContain(envelope);
    await shoot('p07-outbox');
  });

  it('has its own Settings: the practice organisation and its sending address', async () => {
    await nav(page, 'settings');
    expect(await page.inputValue('input[name="organisation-name"]')).toBe(PRACTICE_ORGANISATION_NAME);
    expect(await page.inputValue('input[name="organisation-address"]')).toBe(PRACTICE_PROFILE.fromAddress);
    // The way into practice mode is in the real workspace's Settings only.
    expect(await page.locator('[data-testid="practice-panel"]').count()).toBe(0);
    await shoot('p08-settings');
  });

  it('deletes the practice data only after a confirm step, and leaves practice mode', async () => {
    await page.click('[data-testid="practice-banner"] [data-action="delete-practice"]');
    await page.waitForSelector('[data-testid="delete-practice-confirm"]');
    await shoot('p09-delete-confirm');
    await page.click('[data-action="cancel-delete-practice"]');
    expect(await page.locator('[data-testid="delete-practice-confirm"]').count()).toBe(0);
    expect(await page.locator('[data-testid="practice-banner"]').count()).toBe(1);

    await page.click('[data-testid="practice-banner"] [data-action="delete-practice"]');
    await page.click('[data-action="confirm-delete-practice"]');
    // Back in the real workspace, which is not set up yet; no practice data is left to delete.
    await page.waitForSelector('[data-screen="setup"]');
    expect(await page.locator('[data-testid="practice-banner"]').count()).toBe(0);
    const status = await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      const token = g.document.querySelector('meta[name="tayori-token"]')?.content ?? '';
      const r = await g.fetch('/api/invoke/practice:status', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-tayori-token': token },
        body: '{}',
      });
      return (await r.json()) as { ok: boolean; value: { active: boolean; hasData: boolean } };
    });
    expect(status).toMatchObject({ ok: true, value: { active: false, hasData: false } });
    expect(await page.locator('[data-action="delete-practice"]').count()).toBe(0);
  });

  it('fits 1280×800 without horizontal overflow and logged no page errors', () => {
    for (const [name, px] of Object.entries(session.overflows)) expect(px, name).toBeLessThanOrEqual(0);
    expect(session.errors).toEqual([]);
  });
});
