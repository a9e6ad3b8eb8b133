// The whole real-mode flow in Chromium against the browser host and an SMTP server on 127.0.0.1:
// set-up, CP932 import, compose with fields, preview, test send, approval (same user refused,
// wrong PIN), cancel inside the window (nothing sent), send, and every member got only their own
// message. Also: a bad CSV shows its report with line numbers. Screenshots in ja and en.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture';
import type { PageGlobals } from './helpers/browser-globals';
import { membersCsvText, toCp932, type TestMember } from './helpers/cp932-csv';
import { openSession, type E2eSession } from './helpers/session';
import { chooseOperator, expectError, nav, waitForSendState } from './helpers/ui';

const MEMBERS: readonly TestMember[] = [
  { no: '101', name: '青木 一郎', email: 'aoki@example.com', room: '101号室' },
  { no: '102', name: '井上 花子', email: 'inoue@example.net', room: '102号室' },
  { no: '201', name: '上田 健', email: 'ueda@example.org', room: '201号室' },
  { no: '202', name: '江藤 さくら', email: 'eto@example.com', room: '202号室' },
];
const FROM = 'office@mansion.example';
const REQUESTER = { name: '山田', pin: '4821' };
const APPROVER = { name: '田中', pin: '7390' };

let smtp: SmtpCapture;
let session: E2eSession;
let page: Page;

const shoot = (name: string) => session.shoot(name);
// The field picker restores the caret on the next frame; typing before it lands in the wrong place.
const nextFrame = () => page.evaluate(() => new Promise((r) => (globalThis as unknown as PageGlobals).requestAnimationFrame(() => r(null))));

beforeAll(async () => {
  smtp = await startSmtpCapture();
  session = await openSession('tayori-e2e-', 'ja-JP');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
});

describe('real-mode flow in Chromium', () => {
  it('starts in Japanese and sets up the organisation, mail account and two users', async () => {
    await page.waitForSelector('[data-screen="setup"]');
    expect(await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang)).toBe('ja');
    await shoot('01-first-run');
    await page.click('[data-action="setup-real"]');
    await page.fill('input[name="org-name"]', 'さくら町内会');
    await page.fill('input[name="smtp-host"]', '127.0.0.1');
    await page.fill('input[name="smtp-port"]', String(smtp.port));
    await page.selectOption('select[name="smtp-security"]', 'none');
    await page.fill('input[name="smtp-from"]', FROM);
    await page.fill('input[name="smtp-from-name"]', 'さくら町内会 事務局');
    await page.click('[data-action="test-connection"]');
    await page.locator('.notice').first().waitFor();
    for (const [i, u] of [REQUESTER, APPROVER].entries()) {
      await page.fill(`input[name="user-${i}-name"]`, u.name);
      await page.fill(`input[name="user-${i}-pin"]`, u.pin);
      await page.fill(`input[name="user-${i}-pin2"]`, u.pin);
    }
    await shoot('01-first-run-form');
    await page.click('[data-action="save-setup"]');
    // The second user completed set-up: the organisation's recovery code is shown once.
    const code = await page.textContent('[data-testid="recovery-code-value"]');
    expect(code).toMatch(/^[0-9A-Z]{5}(-[0-9A-Z]{5}){3}$/);
    await shoot('01-recovery-code');
    await page.click('[data-action="recovery-noted"]');
    await page.waitForSelector('[data-screen="lists"]');
    expect(smtp.messages).toHaveLength(0);
  });

  it('imports a CP932 CSV, detects Shift_JIS and reports the import', async () => {
    await chooseOperator(page, REQUESTER.name);
    await page.fill('input[name="new-list"]', '会員名簿');
    await page.click('[data-action="create-list"]');
    await page.setInputFiles('[data-testid="file-input"]', {
      name: '会員名簿.csv',
      mimeType: 'text/csv',
      buffer: toCp932(membersCsvText(MEMBERS)),
    });
    await page.waitForSelector('[data-testid="import-mapping"]');
    expect(await page.inputValue('select[name="encoding"]')).toBe('shift_jis');
    expect(await page.inputValue('select[name="map-emailColumn"]')).toBe('メールアドレス');
    await shoot('02-import-mapping');
    await page.click('[data-action="run-import"]');
    await page.waitForSelector('[data-testid="import-report"]');
    expect(await page.textContent('[data-stat="accepted"] b')).toBe(String(MEMBERS.length));
    await page.waitForSelector('[data-member-index="3"]');
    expect(await page.textContent('[data-testid="member-browser"]')).toContain('江藤 さくら');
    await shoot('02-lists-report');
  });

  it('composes with fields from the picker and previews two members', async () => {
    await nav(page, 'compose');
    await page.fill('input[name="campaign-name"]', '総会のお知らせ');
    await page.click('[data-action="create-campaign"]');
    await page.waitForSelector('[data-testid="editor"]');
    await page.selectOption('select[name="profile"]', { index: 1 });
    await page.fill('input[name="cancel-window"]', '10');
    await page.fill('input[name="subject"]', '総会のお知らせ（');
    await page.click('[data-field="氏名"]');
    await page.press('input[name="subject"]', 'End');
    await page.type('input[name="subject"]', ' 様）');
    await page.fill('textarea[name="body"]', '');
    await page.click('textarea[name="body"]');
    await page.click('[data-field="氏名"]');
    await nextFrame();
    await page.type('textarea[name="body"]', ' 様\n\nお部屋: ');
    await page.click('[data-field="部屋番号"]');
    await nextFrame();
    await page.press('textarea[name="body"]', 'Control+End');
    await page.type('textarea[name="body"]', '\n総会は 6 月 1 日です。');
    expect(await page.inputValue('input[name="subject"]')).toBe('総会のお知らせ（{{氏名}} 様）');
    expect(await page.inputValue('textarea[name="body"]')).toBe('{{氏名}} 様\n\nお部屋: {{部屋番号}}\n総会は 6 月 1 日です。');
    await page.waitForSelector('[data-testid="template-ok"]');
    await page.waitForFunction(() =>
      (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="live-preview"] [data-field="body"]')?.textContent?.includes('101号室'),
    );
    await shoot('03-compose');
    await page.click('[data-action="to-check"]');
    await page.waitForSelector('[data-screen="check"]');
    await page.waitForSelector('[data-testid="check-findings"]');
    const view = page.locator('[data-testid="message-browser"] [data-testid="mail-view"]');
    await view.locator('[data-field="to"]', { hasText: MEMBERS[0]!.email }).waitFor();
    expect(await view.locator('[data-field="body"]').textContent()).toContain('青木 一郎 様');
    await page.click('[data-action="next"]');
    await view.locator('[data-field="to"]', { hasText: MEMBERS[1]!.email }).waitFor();
    const body = (await view.locator('[data-field="body"]').textContent()) ?? '';
    expect(body).toContain('井上 花子 様');
    expect(body).toContain('102号室');
    expect(body).not.toContain('青木');
    await shoot('04-check-preview');
  });

  it('sends a test to the sender address only', async () => {
    await nav(page, 'test-send');
    // The address is a choice among the registered ones, not a free field (read once the list
    // has loaded: on a busy machine the screen is drawn before the query answers).
    // (An <option> never counts as visible: wait for it to be attached.)
    await page.waitForSelector('select[name="test-to"] option', { state: 'attached' });
    expect(await page.locator('select[name="test-to"] option').allTextContents()).toEqual([FROM]);
    await page.click('[data-action="test-send"]');
    await page.waitForSelector('[data-testid="test-sent"]');
    await smtp.waitFor(1);
    expect(smtp.messages[0]!.rcptTo).toEqual([FROM]);
    await shoot('05-test-send');
  });

  it('refuses approval by the requester and a wrong PIN, then accepts the second user', async () => {
    await nav(page, 'approval');
    // The requester confirms with their own PIN; a wrong one is refused and nothing is frozen.
    await page.fill('input[name="requester-pin"]', APPROVER.pin);
    await page.click('[data-action="request-approval"]');
    await expectError(page, 'pin-wrong');
    await page.fill('input[name="requester-pin"]', REQUESTER.pin);
    await page.click('[data-action="request-approval"]');
    await page.waitForSelector('[data-testid="approval-summary"]');
    expect(await page.textContent('[data-testid="approval-count"]')).toBe(String(MEMBERS.length));
    await page.selectOption('select[name="approver"]', { label: REQUESTER.name });
    await page.fill('input[name="approver-pin"]', REQUESTER.pin);
    await page.waitForSelector('[data-testid="same-user"]');
    expect(await page.isDisabled('[data-action="approve"]')).toBe(true);
    // The service refuses it too, whatever the page does.
    const direct = await page.evaluate(
      async ({ pin, requester }) => {
        const g = globalThis as unknown as PageGlobals;
        const token = g.document.querySelector('meta[name="tayori-token"]')?.content ?? '';
        const invoke = async (channel: string, args: unknown) =>
          (await g
            .fetch(`/api/invoke/${channel}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-tayori-token': token },
              body: JSON.stringify(args),
            })
            .then((r) => r.json())) as { ok: boolean; value?: never; error?: { code: string } };
        const campaigns = (await invoke('campaigns:list', {})).value as unknown as { id: number }[];
        const users = (await invoke('users:list', {})).value as unknown as { id: number; name: string }[];
        const approverId = users.find((u) => u.name === requester)?.id;
        return invoke('approval:approve', { campaignId: campaigns[0]?.id, approverId, pin });
      },
      { pin: REQUESTER.pin, requester: REQUESTER.name },
    );
    expect(direct.ok).toBe(false);
    expect(direct.error?.code).toBe('approval-same-user');
    await shoot('06-approval-same-user');

    await page.selectOption('select[name="approver"]', { label: APPROVER.name });
    await page.fill('input[name="approver-pin"]', '0000');
    await page.click('[data-action="approve"]');
    const text = await expectError(page, 'pin-wrong');
    expect(text).toMatch(/PIN/);
    // It says how many tries are left before the lock (4 after the first wrong PIN).
    expect(text).toContain('あと 4 回');
    expect(text).not.toMatch(/at .*\.ts|Error:/);
    await shoot('06-approval-wrong-pin');
    await page.fill('input[name="approver-pin"]', APPROVER.pin);
    await page.click('[data-action="approve"]');
    await page.waitForSelector('[data-testid="approved"]');
    const approvedText = (await page.textContent('[data-testid="approved"]')) ?? '';
    expect(approvedText).toContain(REQUESTER.name);
    expect(approvedText).toContain(APPROVER.name);
    await page.waitForSelector('[data-testid="approval-expires"]');
    await shoot('06-approval-approved');
  });

  it('cancels inside the cancel window and nothing is sent', async () => {
    await page.click('[data-action="to-send"]');
    await page.waitForSelector('[data-screen="send"]');
    await page.click('[data-action="schedule"]');
    await page.waitForSelector('[data-testid="countdown"]');
    await shoot('07-send-countdown');
    const left = Number(await page.getAttribute('[data-testid="countdown"] .countdown', 'data-seconds'));
    const windowEnd = Date.now() + left * 1000;
    await page.click('[data-action="cancel-send"]');
    await page.waitForSelector('[data-testid="cancelled"]');
    // Past the moment the cancelled window would have ended (the countdown said when), with a
    // margin for the host's timer: still only the test message.
    await page.waitForFunction((end) => Date.now() > end, windowEnd + 1500, { polling: 250, timeout: 20_000 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.transactions()).toBe(1);
    await shoot('07-send-cancelled');
  });

  it('schedules again, sends, and every member receives exactly their own message', async () => {
    await page.click('[data-action="schedule"]');
    await page.waitForSelector('[data-testid="countdown"]');
    expect(await waitForSendState(page, ['completed'])).toBe('completed');
    await smtp.waitFor(1 + MEMBERS.length);
    await shoot('07-send-completed');
    const sent = smtp.messages.slice(1);
    expect(sent).toHaveLength(MEMBERS.length);
    for (const m of MEMBERS) {
      const mine = sent.filter((s) => s.rcptTo.includes(m.email));
      expect(mine, m.email).toHaveLength(1);
      expect(mine[0]!.rcptTo).toEqual([m.email]);
      const parsed = await smtp.parse(mine[0]!);
      const to = Array.isArray(parsed.to) ? parsed.to : [parsed.to];
      expect(to.flatMap((a) => a?.value ?? []).map((v) => v.address)).toEqual([m.email]);
      expect(parsed.cc).toBeUndefined();
      expect(parsed.bcc).toBeUndefined();
      expect(parsed.subject).toBe(`総会のお知らせ（${m.name} 様）`);
      expect(parsed.text).toContain(`${m.name} 様`);
      expect(parsed.text).toContain(m.room);
      for (const other of MEMBERS.filter((o) => o !== m)) {
        expect(parsed.text).not.toContain(other.name);
        expect(parsed.text).not.toContain(other.room);
        expect(parsed.text).not.toContain(other.email);
      }
    }
    await page.click('[data-filter="sent"]');
    await shoot('07-send-members');
  });

  it('shows history, who received it, and the audit log', async () => {
    await nav(page, 'history');
    await page.click('[data-action="who"]');
    await page.waitForSelector('[data-testid="recipients"]');
    for (const m of MEMBERS) await page.locator('[data-testid="recipients"]', { hasText: m.email }).waitFor();
    await shoot('08-history');
    const download = page.waitForEvent('download');
    await page.click('[data-action="export-csv"]');
    expect((await download).suggestedFilename()).toMatch(/\.csv$/);
  });

  it('shows the report with line numbers for a bad CSV', async () => {
    await nav(page, 'lists');
    await page.fill('input[name="new-list"]', '壊れた名簿');
    await page.click('[data-action="create-list"]');
    // The import panel is remounted for the new list once it is selected: a file given before
    // that goes to the previous list's panel and is lost.
    await page.waitForSelector('select[name="list"] option:checked:has-text("壊れた名簿")', { state: 'attached' });
    const bad = membersCsvText([
      { no: '1', name: '正しい 人', email: 'ok@example.com', room: '1' },
      { no: '2', name: 'アットなし', email: 'no-at-example.com', room: '2' },
      { no: '3', name: '全角', email: 'zenkaku＠example.com', room: '3' },
      { no: '4', name: '二重', email: 'a@@example.com', room: '4' },
    ]);
    await page.setInputFiles('[data-testid="file-input"]', { name: 'bad.csv', mimeType: 'text/csv', buffer: toCp932(bad) });
    await page.waitForSelector('[data-testid="import-mapping"]');
    await page.click('[data-action="run-import"]');
    await page.waitForSelector('[data-testid="rejected-rows"]');
    expect(await page.getAttribute('[data-testid="rejected-rows"] tr[data-line="3"]', 'data-line')).toBe('3');
    expect(await page.getAttribute('[data-testid="rejected-rows"] tr[data-line="5"]', 'data-line')).toBe('5');
    expect(await page.textContent('[data-testid="normalised-rows"]')).toContain('zenkaku@example.com');
    await shoot('02-lists-bad-csv');
  });

  it('fits 1280×800 without horizontal overflow and logged no page errors', () => {
    for (const [name, px] of Object.entries(session.overflows)) expect(px, name).toBeLessThanOrEqual(0);
    expect(session.errors).toEqual([]);
  });
});
