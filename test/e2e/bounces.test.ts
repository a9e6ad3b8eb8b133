// After the send, in Chromium (issue 13): the mail account's IMAP settings on a real Dovecot, a
// notice sent to the loopback SMTP server, its Sent copy in Dovecot's Sent folder, bounces of
// real shapes delivered into the INBOX, then History: "check for bounces" marks exactly those
// members 不達 with the reason in plain words, and one confirmed action suppresses them.
// Screenshots in ja and en. Skips (one printed line) where Dovecot is not installed.
import { ImapFlow } from 'imapflow';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bounceFixture } from '../helpers/bounce-fixtures';
import { dovecotAvailable, startDovecot, type DovecotServer } from '../helpers/dovecot';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture';
import type { PageGlobals } from './helpers/browser-globals';
import { toCp932 } from './helpers/cp932-csv';
import { openSession, type E2eSession } from './helpers/session';
import { nav, setUpOrganisation } from './helpers/ui';

const USERS = [
  { name: '佐藤', pin: '4821' },
  { name: '鈴木', pin: '7390' },
] as const;
const CSV = ['会員番号,氏名,メールアドレス', '1,青木 一郎,aoki@example.com', '2,石川 花子,ishikawa@docomo.ne.jp', '3,上田 健,ueda@example.org', '4,江藤 さくら,eto@example.net'].join('\r\n');

let session: E2eSession;
let page: Page;
let smtp: SmtpCapture;
let dovecot: DovecotServer;
let box: ImapFlow;
const shoot = (name: string) => session.shoot(name);

/** A contract call from the page, exactly as the UI makes it (token from the served page). */
async function invoke<T>(channel: string, args: unknown): Promise<T> {
  const r = await page.evaluate(
    async ({ channel, args }) => {
      const g = globalThis as unknown as PageGlobals;
      const token = g.document.querySelector('meta[name="tayori-token"]')?.content ?? '';
      const res = await g.fetch(`/api/invoke/${channel}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tayori-token': token }, body: JSON.stringify(args) });
      return (await res.json()) as { ok: boolean; value?: unknown; error?: { code: string } };
    },
    { channel, args },
  );
  if (!r.ok) throw new Error(`${channel}: ${r.error?.code}`);
  return r.value as T;
}

async function until<T>(what: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await what();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe.skipIf(!dovecotAvailable())('bounces and the Sent copy, in Chromium', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    smtp = await startSmtpCapture();
    dovecot = await startDovecot();
    box = new ImapFlow({ host: dovecot.host, port: dovecot.port, secure: false, auth: { user: dovecot.user, pass: dovecot.password }, logger: false });
    await box.connect();
    session = await openSession('tayori-e2e-bounces-', 'ja-JP');
    page = session.page;
  }, 120_000);
  afterAll(async () => {
    await session?.close();
    await box?.logout().catch(() => undefined);
    await dovecot?.stop();
    await smtp?.close();
  });

  it('sets up, and saves the IMAP settings of the mail account with two PINs (read-only by default)', async () => {
    await setUpOrganisation(page, { organisation: 'ひかり管理組合', from: 'office@example.test', smtpPort: smtp.port, users: USERS });
    await nav(page, 'settings');
    const panel = page.locator('[data-testid="imap-panel"]');
    await panel.waitFor();
    expect(await panel.locator('input[name="imap-read-only"]').isChecked()).toBe(true);
    await panel.locator('input[name="imap-host"]').fill(dovecot.host);
    await panel.locator('input[name="imap-port"]').fill(String(dovecot.port));
    await panel.locator('select[name="imap-security"]').selectOption('none');
    await panel.locator('input[name="imap-user"]').fill(dovecot.user);
    await panel.locator('input[name="imap-password"]').fill(dovecot.password);
    for (const [i, u] of USERS.entries()) {
      await panel.locator(`select[name="imap-signer-${i}"]`).selectOption({ label: u.name });
      await panel.locator(`input[name="imap-signer-${i}-pin"]`).fill(u.pin);
    }
    await panel.locator('[data-action="save-imap"]').click();
    await panel.locator('[role="status"]').waitFor();
    await panel.locator('[data-action="test-imap"]').click();
    // Signed in, INBOX empty; the page says so in words, with the count filled in.
    await panel.getByText(/0 (通|messages)/).waitFor();
    await panel.scrollIntoViewIfNeeded();
    await shoot('13-imap-settings');
  });

  it('sends a notice; its Sent copy is in the Sent folder', async () => {
    await nav(page, 'lists');
    await page.fill('input[name="new-list"]', '会員');
    await page.click('[data-action="create-list"]');
    await page.setInputFiles('[data-testid="file-input"]', { name: '会員.csv', mimeType: 'text/csv', buffer: toCp932(CSV) });
    await page.waitForSelector('[data-testid="import-mapping"]');
    await page.selectOption('select[name="map-keyColumn"]', '会員番号');
    await page.click('[data-action="run-import"]');
    await page.waitForSelector('[data-testid="import-report"]');
    const users = await invoke<{ id: number; name: string }[]>('users:list', {});
    const [a, b] = USERS.map((u) => users.find((x) => x.name === u.name)!.id);
    const lists = await invoke<{ id: number }[]>('lists:list', {});
    const profiles = await invoke<{ id: number }[]>('profiles:list', {});
    const c = await invoke<{ id: number }>('campaigns:create', { actorId: a, listId: lists[0]!.id, name: '総会のお知らせ', profileId: profiles[0]!.id });
    await invoke('campaigns:update', { actorId: a, id: c.id, subjectTemplate: '総会のお知らせ', bodyTemplate: '{{氏名}} 様\n総会は 3 月 1 日です。', cancelWindowS: 10 });
    await invoke('approval:request', { actorId: a, campaignId: c.id, pin: USERS[0].pin });
    await invoke('approval:approve', { campaignId: c.id, approverId: b, pin: USERS[1].pin });
    await invoke('send:schedule', { actorId: a, campaignId: c.id });
    await until(async () => ((await invoke<{ state: string }>('send:status', { campaignId: c.id })).state === 'completed' ? true : undefined));
    expect(smtp.messages.map((m) => m.rcptTo).flat().sort()).toEqual(['aoki@example.com', 'eto@example.net', 'ishikawa@docomo.ne.jp', 'ueda@example.org']);
    const sent = await until(async () => {
      const st = await box.status('Sent', { messages: true }).catch(() => undefined);
      return st && st.messages ? st.messages : undefined;
    });
    expect(sent).toBe(1);
    // The first look for bounces right after the run has been made (it found none yet).
    await until(async () => ((await invoke<{ action: string }[]>('audit:list', { limit: 1000 })).some((e) => e.action === 'bounces.scanned') ? true : undefined));

    const members = (await invoke<{ items: { email: string; messageId: string }[] }>('send:members', { campaignId: c.id })).items;
    const idOf = (e: string) => members.find((m) => m.email === e)!.messageId;
    await box.append('INBOX', bounceFixture('gmail', { messageId: idOf('aoki@example.com'), rcpt: 'aoki@example.com' }));
    await box.append('INBOX', bounceFixture('docomo', { messageId: idOf('ishikawa@docomo.ne.jp'), rcpt: 'ishikawa@docomo.ne.jp' }));
    await box.append('INBOX', bounceFixture('postfix-delayed', { messageId: idOf('eto@example.net'), rcpt: 'eto@example.net' }));
    await box.append('INBOX', bounceFixture('qmail', { messageId: '<never-ours@elsewhere.example>', rcpt: 'x@elsewhere.example' }));
  });

  it('History: check for bounces marks exactly the bounced members 不達, with the reason in plain words', async () => {
    await nav(page, 'history');
    await page.click('[data-campaign-id] [data-action="who"]');
    const panel = page.locator('[data-testid="bounces"]');
    await panel.waitFor();
    await panel.locator('[data-action="check-bounces"]').click();
    await panel.locator('[data-testid="bounce-scan"]').waitFor();
    expect(await panel.locator('[data-testid="bounce-scan"]').textContent()).toMatch(/4 通.*不達 2 件、遅延 1 件.*1 件/);
    await panel.locator('[data-testid="bounced-members"] tbody tr').nth(2).waitFor();
    expect(await panel.locator('[data-count="hard"] b').textContent()).toBe('2');
    expect(await panel.locator('[data-count="soft"] b').textContent()).toBe('1');
    const rows = await panel.locator('[data-testid="bounced-members"] tbody tr').allTextContents();
    expect(rows[0]).toContain('aoki@example.com');
    expect(rows[0]).toContain('宛先のアドレスが存在しません');
    expect(rows[1]).toContain('ishikawa@docomo.ne.jp');
    expect(rows[2]).toContain('相手の受信箱がいっぱいです');
    await panel.locator('[data-action="bounce-details"]').first().click();
    expect(await panel.locator('[data-testid="bounce-raw"]').textContent()).toContain('5.1.1');
    await panel.scrollIntoViewIfNeeded();
    await shoot('13-bounces-history');
    const statuses = await page.locator('[data-testid="recipients"] [data-filter]').count();
    expect(statuses).toBeGreaterThan(0);
  });

  it('one confirmed action puts the undeliverable members on the suppression list', async () => {
    const panel = page.locator('[data-testid="bounces"]');
    await panel.locator('[data-action="suppress-bounced"]').click();
    await panel.locator('[data-testid="suppress-confirm"]').waitFor();
    await shoot('13-bounces-suppress-confirm');
    await panel.locator('[data-action="confirm-suppress"]').click();
    await panel.locator('[data-testid="suppressed"]').waitFor();
    const list = await invoke<{ address: string; reason: string }[]>('suppressions:list', {});
    expect(list.map((s) => [s.address, s.reason]).sort()).toEqual([['aoki@example.com', 'bounced'], ['ishikawa@docomo.ne.jp', 'bounced']]);
  });

  it('fits 1280×800 without horizontal overflow and logged no page errors', () => {
    for (const [name, px] of Object.entries(session.overflows)) expect(px, name).toBeLessThanOrEqual(0);
    expect(session.errors).toEqual([]);
  });
});
