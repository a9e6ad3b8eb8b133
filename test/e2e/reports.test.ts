// Reports people read, in Chromium (issue 13): after a practice send, History and the audit log
// speak the reader's language on a Japanese clock (JST stated), actions in words and no JSON or
// hashes until asked; the one-page summary prints; the incident report drafts the PPC items,
// the checklist and the deadlines, and starts a follow-up to exactly the members who received
// it. Screenshots in ja and en, and of the print layout.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PRACTICE_USERS } from '../../electron/services/practice/practice-seed';
import type { PageGlobals } from './helpers/browser-globals';
import { ROOT } from './helpers/renderer-build';
import { openSession, type E2eSession } from './helpers/session';
import { chooseOperator, nav, waitForSendState } from './helpers/ui';

const [REQUESTER, APPROVER] = PRACTICE_USERS;
const SHOTS = join(ROOT, 'test-output', 'screenshots');

let session: E2eSession;
let page: Page;
const shoot = (name: string) => session.shoot(name);
const text = async (sel: string) => (await page.textContent(sel)) ?? '';

beforeAll(async () => {
  session = await openSession('tayori-e2e-reports-', 'ja-JP');
  page = session.page;
  // A Japanese office's clock, whatever the test machine's zone.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setTimezoneOverride', { timezoneId: 'Asia/Tokyo' });
});
afterAll(async () => {
  await session?.close();
});

describe('reports people read, in Chromium', () => {
  it('sends the practice notice (approval by the second user)', async () => {
    await page.waitForSelector('[data-screen="setup"]');
    await page.click('[data-action="try-sample"]');
    await page.waitForSelector('[data-testid="practice-banner"]');
    await chooseOperator(page, REQUESTER!.name);
    await nav(page, 'compose');
    await page.waitForSelector('[data-testid="editor"]');
    await page.fill('input[name="cancel-window"]', '10');
    await page.click('[data-action="save"]');
    await nav(page, 'approval');
    await page.fill('input[name="requester-pin"]', REQUESTER!.pin);
    await page.click('[data-action="request-approval"]');
    await page.waitForSelector('[data-testid="approval-summary"]');
    await page.selectOption('select[name="approver"]', { label: APPROVER!.name });
    await page.fill('input[name="approver-pin"]', APPROVER!.pin);
    await page.click('[data-action="approve"]');
    await page.waitForSelector('[data-testid="approved"]');
    await page.click('[data-action="to-send"]');
    await page.click('[data-action="schedule"]');
    expect(await waitForSendState(page, ['completed'])).toBe('completed');
  }, 120_000);

  it('shows History and the audit log in words and local time, no JSON or hashes on screen', async () => {
    await nav(page, 'history');
    await page.waitForSelector('[data-testid="campaigns"] [data-campaign-id]');
    expect(await text('[data-testid="campaigns"] thead')).toContain('JST, UTC+09:00');
    const log = page.locator('[data-testid="audit-log"]');
    await log.locator('tbody tr').first().waitFor();
    const visible = await log.locator('tbody').innerText();
    expect(visible).toContain('承認');
    expect(visible).toContain('送信が完了');
    expect(visible).not.toMatch(/[{}]|approval\.given|send\.completed/);
    expect(visible).not.toMatch(/[0-9a-f]{40,}/);
    // The full record is one click away.
    const first = log.locator('details.audit-details').first();
    await first.locator('summary').click();
    expect(await first.locator('pre').innerText()).toContain('{');
    await first.locator('summary').click();
    // Dates stay on one line at 1280 wide (they once wrapped one character per line).
    const cell = await log.locator('td.when').first().boundingBox();
    expect(cell!.height).toBeLessThan(40);
    await shoot('r01-history');
  });

  it('prints a one-page summary of the notice', async () => {
    const row = page.locator('[data-testid="campaigns"] [data-campaign-id]').first();
    await row.locator('[data-action="summary"]').click();
    const doc = page.locator('[data-testid="notice-summary"] [data-testid="notice-summary-doc"]');
    await doc.waitFor();
    expect(await doc.locator('[data-testid="approved-by"]').innerText()).toContain(APPROVER!.name);
    expect(await doc.innerText()).toContain(REQUESTER!.name);
    expect(await doc.locator('[data-testid="bounced"]').innerText()).toMatch(/未確認|^\d+$/);
    await shoot('r02-summary');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'r02-summary-print-ja.png'), fullPage: true });
    const pdf = await page.pdf({ format: 'A4' });
    // One page: a PDF lists each page as a /Type /Page object.
    expect(pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length).toBe(1);
    await page.emulateMedia({ media: 'screen' });
  });

  it('drafts the incident report, its checklist and deadlines, and follows up to exactly those members', async () => {
    const row = page.locator('[data-testid="campaigns"] [data-campaign-id]').first();
    await row.locator('[data-action="incident"]').click();
    const report = page.locator('[data-testid="incident-report"]');
    await report.locator('[data-testid="incident-form"]').waitFor();
    const reached = await report.locator('[data-testid="incident-recipients"] tbody tr').count();
    expect(reached).toBeGreaterThan(10);
    expect(await report.locator('textarea[data-item="people"]').inputValue()).toContain(`${reached} 人`);
    await report.locator('input[data-field="discovered-on"]').fill('2026-12-01');
    await report.locator('input[data-check="financial"]').check();
    await report.locator('textarea[data-item="cause"]').fill('差し込みの列を取り違えた');
    const doc = await report.locator('article.incident-doc').innerText();
    expect(doc).toContain('2026-12-04');
    expect(doc).toContain('2026-12-31');
    expect(doc).toContain('差し込みの列を取り違えた');
    expect(doc).toContain('個人情報保護委員会への報告が必要です');
    // What was typed is kept: closed right after typing (before the quiet-time save) and
    // opened again, the report comes back as it was left.
    await report.locator('textarea[data-item="prevention"]').fill('二人目の確認で列名を読み上げる');
    await report.getByRole('button', { name: '閉じる' }).click();
    await report.waitFor({ state: 'detached' });
    await row.locator('[data-action="incident"]').click();
    await report.locator('[data-testid="incident-form"]').waitFor();
    expect(await report.locator('textarea[data-item="cause"]').inputValue()).toBe('差し込みの列を取り違えた');
    expect(await report.locator('textarea[data-item="prevention"]').inputValue()).toBe('二人目の確認で列名を読み上げる');
    expect(await report.locator('input[data-field="discovered-on"]').inputValue()).toBe('2026-12-01');
    expect(await report.locator('input[data-check="financial"]').isChecked()).toBe(true);
    expect(await report.locator('[data-testid="incident-save-state"]').innerText()).toContain('前回の入力を開きました');
    await shoot('r03-incident');
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'r03-incident-print-ja.png'), fullPage: true });
    await page.emulateMedia({ media: 'screen' });

    const download = page.waitForEvent('download');
    await report.locator('[data-action="incident-csv"]').click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^tayori-incident-campaign-\d+-/);

    await report.locator('[data-action="incident-follow-up"]').click();
    await page.waitForSelector('[data-screen="compose"]');
    const recipients = await page.evaluate(async () => {
      const g = globalThis as unknown as PageGlobals;
      const token = g.document.querySelector('meta[name="tayori-token"]')?.content ?? '';
      const r = await g.fetch('/api/invoke/campaigns:list', { method: 'POST', headers: { 'content-type': 'application/json', 'x-tayori-token': token }, body: '{}' });
      return (await r.json()) as { value: { followUpOf: number | null; followUpStatuses: string[] | null }[] };
    });
    const fu = recipients.value.find((c) => c.followUpOf !== null);
    expect(fu?.followUpStatuses).toEqual(['sent', 'unknown']);
    expect(session.errors).toEqual([]);
  });
});
