// Practice mode end to end in Chromium: "Try it with sample data" on a fresh install, the whole
// flow with the real second-user PIN step and cancel window, then the practice outbox screen
// shows each message exactly as received, one recipient each. Screenshots in ja and en (a few
// were copied by hand to docs/screenshots/ for the README).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_USERS } from '../../electron/services/practice/practice-seed';
import { tempDir } from '../helpers/tmp';
import { launchBrowser, openPage } from './helpers/browser';
import type { PageGlobals } from './helpers/browser-globals';
import { startHost, type RunningHost } from './helpers/host';
import { shootBoth } from './helpers/screenshots';
import { chooseOperator, nav, waitForSendState } from './helpers/ui';

const [REQUESTER, APPROVER] = PRACTICE_USERS;

let browser: Browser;
let host: RunningHost;
let page: Page;
let pageErrors: string[];
let cleanup: () => void;
const overflows: Record<string, number> = {};

async function shoot(name: string): Promise<void> {
  overflows[name] = await shootBoth(page, name);
}

beforeAll(async () => {
  const dir = tempDir('tayori-e2e-practice-');
  cleanup = dir.cleanup;
  host = await startHost(dir.dir);
  browser = await launchBrowser();
  const opened = await openPage(browser, host.url, 'en-US');
  page = opened.page;
  pageErrors = opened.errors;
});

afterAll(async () => {
  await browser?.close();
  await host?.close();
  cleanup?.();
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
    await shoot('p04-check');
    await nav(page, 'test-send');
    await page.click('[data-action="test-send"]');
    await page.waitForSelector('[data-testid="test-sent"]');
    await nav(page, 'approval');
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

  it('fits 1280×800 without horizontal overflow and logged no page errors', () => {
    for (const [name, px] of Object.entries(overflows)) expect(px, name).toBeLessThanOrEqual(0);
    expect(pageErrors).toEqual([]);
  });
});
