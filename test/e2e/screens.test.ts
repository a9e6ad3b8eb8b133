// Every screen as a new user meets it, in Japanese and English, at 1280×800 and 1024×700: no
// word or code of the other language (nor a `kebab-case` code) in what is shown, nothing clipped,
// spilling out, wrapped or off the window. The walk is the practice flow (set-up → lists →
// compose → check → test send → approval → send → history → outbox → settings); every screen is
// saved as test-output/screenshots/s<NN>-<screen>-<lang>-<width>.png for a person to look at.
// History (and its audit log) belongs to issue 13b: it is photographed, not audited, here.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_USERS } from '../../electron/services/practice/practice-seed';
import type { PageGlobals } from './helpers/browser-globals';
import { ROOT } from './helpers/renderer-build';
import { auditScreen, type Finding } from './helpers/screen-audit';
import { openSession, type E2eSession } from './helpers/session';
import { chooseOperator, nav, waitForSendState } from './helpers/ui';

const [REQUESTER, APPROVER] = PRACTICE_USERS;
const SIZES = [
  { width: 1280, height: 800 },
  { width: 1024, height: 700 },
] as const;
const SHOTS_DIR = join(ROOT, 'test-output', 'screenshots');

let session: E2eSession;
let page: Page;
const findings: Array<Finding & { shot: string }> = [];

async function setLanguage(lang: 'ja' | 'en'): Promise<void> {
  await page.getByRole('button', { name: lang === 'ja' ? '日本語' : 'English', exact: true }).click();
  await page.waitForFunction((l) => (globalThis as unknown as PageGlobals).document.documentElement.lang === l, lang);
}

/** Photographs and audits the screen as it is, in both languages at both sizes; ends in Japanese at 1280. */
async function walk(name: string, opts: { audit?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  for (const size of SIZES) {
    await page.setViewportSize(size);
    for (const lang of ['ja', 'en'] as const) {
      await setLanguage(lang);
      await page.evaluate(() => new Promise((r) => (globalThis as unknown as PageGlobals).requestAnimationFrame(() => r(null))));
      const shot = `${name}-${lang}-${size.width}`;
      await page.screenshot({ path: join(SHOTS_DIR, `${shot}.png`) });
      if (opts.audit !== false) for (const f of await auditScreen(page, lang)) findings.push({ ...f, shot });
    }
  }
  await page.setViewportSize(SIZES[0]);
  await setLanguage('ja');
}

beforeAll(async () => {
  session = await openSession('tayori-e2e-screens-', 'ja-JP');
  page = session.page;
}, 180_000);

afterAll(async () => {
  await session?.close();
});

describe('every screen reads in its language and fits, ja and en, 1280×800 and 1024×700', { timeout: 120_000 }, () => {
  it('first run', async () => {
    await page.waitForSelector('[data-screen="setup"]');
    await walk('s01-first-run');
    // The hidden file-like controls are no Tab stops; the first Tab lands on a visible control with a ring.
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => {
      const g = globalThis as unknown as { document: { activeElement: { tagName: string } | null }; getComputedStyle(e: unknown): { outlineStyle: string } };
      const el = g.document.activeElement;
      return el && el.tagName !== 'BODY' ? g.getComputedStyle(el).outlineStyle : 'no focus';
    })).not.toBe('none');
    await page.click('[data-action="setup-real"]');
    await page.waitForSelector('input[name="org-name"]');
    // A too-short PIN says, at the field, what a valid PIN is.
    await page.fill('input[name="user-0-pin"]', '12');
    expect(await page.textContent('[data-invalid="user-0-pin"]')).toMatch(/4〜8 桁/);
    await walk('s02-setup-form');
    // A Microsoft 365 office picks its service: server and limits filled, no password asked,
    // and where the sign-in is done said in words.
    await page.selectOption('select[name="smtp-preset"]', 'microsoft365');
    await page.waitForSelector('[data-testid="setup-oauth-later"]');
    expect(await page.inputValue('input[name="smtp-host"]')).toBe('smtp.office365.com');
    expect(await page.locator('input[name="smtp-password"], [data-action="test-connection"]').count()).toBe(0);
    await walk('s02-setup-microsoft365');
    await page.fill('input[name="user-0-pin"]', '');
    await page.click('[data-action="setup-back"]');
  });

  it('practice set-up shows progress, then the lists', async () => {
    await page.click('[data-action="try-sample"]');
    await page.waitForSelector('[data-testid="practice-progress"]');
    await page.waitForSelector('[data-screen="lists"]', { timeout: 60_000 });
    await chooseOperator(page, REQUESTER.name);
    await page.waitForSelector('[data-member-index="5"]');
    expect(await page.getAttribute('[data-testid="file-input"]', 'tabindex')).toBe('-1');
    await walk('s03-lists');
  });

  it('compose and check', async () => {
    await nav(page, 'compose');
    await page.waitForSelector('[data-testid="editor"]');
    await page.fill('input[name="cancel-window"]', '10');
    await page.click('[data-action="save"]');
    await page.waitForFunction(() => (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="live-preview"] [data-field="body"]'));
    await walk('s04-compose');
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-testid="check-findings"]');
    await page.waitForSelector('[data-testid="message-browser"] [data-testid="mail-view"]');
    // The sample has warnings but nothing blocking: no "must fix" heading above "nothing blocks".
    expect(await page.locator('[data-testid="no-blocking"]').count()).toBe(1);
    expect(await page.locator('[data-testid="blocking-heading"]').count()).toBe(0);
    await walk('s05-check');
    // A finding names its first few people; "show all" lists every one of them by name and address.
    const finding = page.locator('[data-testid="check-findings"] li', { hasText: 'sasaki.shoko@mail.example' });
    expect(await finding.locator('[data-action="finding-show-all"]').textContent()).toBe('該当する人を表示（2 人）');
    await finding.locator('[data-action="finding-show-all"]').click();
    const people = finding.locator('[data-testid="finding-members"] tbody tr');
    await people.first().waitFor();
    expect((await people.locator('td:nth-child(3)').allTextContents()).sort()).toEqual(['sasaki.sho@mail.example', 'sasaki.shoko@mail.example']);
    await walk('s05b-check-show-all');
    await finding.locator('[data-action="finding-show-less"]').click();
  });

  it('test send, approval', async () => {
    await nav(page, 'test-send');
    // The member picker asks the host to search the whole list by name.
    await page.fill('input[name="test-member-search"]', '野口');
    await page.waitForFunction(() => {
      const sel = (globalThis as unknown as PageGlobals).document.querySelector('select[name="test-member"]');
      return sel !== null && (sel.textContent ?? '').includes('野口') && !(sel.textContent ?? '').includes('青木');
    });
    await page.fill('input[name="test-member-search"]', '');
    await walk('s06-test-send');
    await page.click('[data-action="test-send"]');
    await page.waitForSelector('[data-testid="test-sent"]');
    await nav(page, 'approval');
    // A wrong PIN says how many tries are left and links to the guide's PIN section.
    await page.fill('input[name="requester-pin"]', '0000');
    await page.click('[data-action="request-approval"]');
    const wrong = page.locator('[data-error-code="pin-wrong"]');
    expect(await wrong.textContent()).toMatch(/あと 4 回/);
    expect(await wrong.locator('[data-help="pin"]').count()).toBe(1);
    await walk('s07-approval-request');
    await page.fill('input[name="requester-pin"]', REQUESTER.pin);
    await page.click('[data-action="request-approval"]');
    await page.waitForSelector('[data-testid="approval-summary"]');
    await page.selectOption('select[name="approver"]', { label: APPROVER.name });
    await walk('s08-approval');
    await page.fill('input[name="approver-pin"]', APPROVER.pin);
    await page.click('[data-action="approve"]');
    await page.waitForSelector('[data-testid="approved"]');
  });

  it('send: countdown, then completed with the next steps', async () => {
    await page.click('[data-action="to-send"]');
    await walk('s09-send-ready');
    await page.click('[data-action="schedule"]');
    await page.waitForSelector('[data-testid="countdown"]');
    expect(await waitForSendState(page, ['completed'])).toBe('completed');
    await page.waitForSelector('[data-testid="send-next-steps"]');
    await page.waitForSelector('[data-testid="send-members"] tbody tr');
    await walk('s10-send-completed');
    // The pressed filter looks chosen: its colours differ from an unpressed one.
    const look = (sel: string) => page.$eval(sel, (e) => (globalThis as unknown as { getComputedStyle(x: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor);
    expect(await look('[data-filter="all"]')).not.toBe(await look('[data-filter="sent"]'));
    // The next steps link to the guide's "did not get the mail" section, in the page's language.
    await page.click('[data-testid="send-next-steps"] [data-help="not-received"]');
    await page.waitForSelector('[data-testid="guide"] #guide-not-received');
    await walk('s15-guide-not-received');
    await page.click('[data-action="close-guide"]');
  });

  it('history, outbox, settings', async () => {
    await nav(page, 'history');
    await walk('s11-history', { audit: false });
    await nav(page, 'outbox');
    await page.locator('[data-testid="outbox-list"] button').nth(1).click();
    await page.waitForSelector('[data-testid="outbox-message"]');
    await walk('s12-outbox');
    await nav(page, 'settings');
    await walk('s13-settings');
    // Dark mode follows the OS.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(SHOTS_DIR, 's13-settings-dark-ja-1280.png') });
    const bg = await page.$eval('html', (e) => (globalThis as unknown as { getComputedStyle(x: unknown): { backgroundColor: string } }).getComputedStyle(e).backgroundColor);
    await page.emulateMedia({ colorScheme: 'light' });
    expect(bg).toBe('rgb(23, 25, 28)');
  });

  it('an empty compose screen says how to start', async () => {
    await nav(page, 'compose');
    await page.fill('input[name="campaign-name"]', '空のお知らせ');
    await page.click('[data-action="create-campaign"]');
    await page.waitForSelector('[data-testid="compose-start"]');
    await walk('s14-compose-empty');
  });

  it('remembers the header language across a reload', async () => {
    await setLanguage('en');
    await page.reload();
    await page.waitForSelector('[data-screen="lists"]');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang)).toBe('en');
    await setLanguage('ja');
  });

  it('found nothing foreign, clipped or spilling, and logged no page errors', () => {
    const lines = findings.map((f) => `${f.shot} ${f.kind}: "${f.text}" at ${f.where}`);
    expect(lines).toEqual([]);
    expect(session.errors).toEqual([]);
  });
});
