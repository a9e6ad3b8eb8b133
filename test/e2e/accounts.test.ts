// Mail accounts in Chromium (issue 12): after set-up, Settings adds an account from a provider
// preset (which fills the server, the way of logging in and the limits, with the provider's help),
// saves it with two PINs, tests its connection step by step (a wrong password: the failed step
// and what to do), edits it (saying it voids approvals) and tests again. Screenshots in ja and en.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockIssuer, type MockIssuer } from '../helpers/oauth-issuer';
import { startSmtpCapture, type SmtpCapture } from '../helpers/smtp-capture';
import { openSession, type E2eSession } from './helpers/session';
import { nav, setUpOrganisation } from './helpers/ui';

const FROM = 'office@midori.example';
const PASSWORD = 'right-password';
const USERS = [
  { name: '森', pin: '5820' },
  { name: '林', pin: '9134' },
] as const;

let session: E2eSession;
let page: Page;
let smtp: SmtpCapture;
let issuer: MockIssuer;
let oauthSmtp: SmtpCapture;

beforeAll(async () => {
  smtp = await startSmtpCapture({ auth: { user: FROM, pass: PASSWORD } });
  issuer = await startMockIssuer(FROM);
  oauthSmtp = await startSmtpCapture({ xoauth2: (user, token) => user === FROM && issuer.accepts(token) });
  session = await openSession('tayori-e2e-accounts-', 'ja-JP');
  page = session.page;
});

afterAll(async () => {
  await session?.close();
  await smtp?.close();
  await oauthSmtp?.close();
  await issuer?.close();
});

async function sign(name: string): Promise<void> {
  for (const [i, u] of USERS.entries()) {
    await page.locator(`select[name="${name}-signer-${i}"]`).selectOption({ label: u.name });
    await page.locator(`input[name="${name}-signer-${i}-pin"]`).fill(u.pin);
  }
}

describe('mail accounts in Chromium', () => {
  it('a preset fills the server, the sign-in method and the limits, with the provider’s help', async () => {
    await setUpOrganisation(page, { organisation: 'みどり町内会', from: FROM, smtpPort: smtp.port, users: USERS });
    await nav(page, 'settings');
    await page.click('[data-action="add-account"]');
    await page.selectOption('select[name="account-preset"]', 'microsoft365');
    expect(await page.inputValue('input[name="account-host"]')).toBe('smtp.office365.com');
    expect(await page.inputValue('input[name="account-port"]')).toBe('587');
    expect(await page.inputValue('select[name="account-security"]')).toBe('starttls');
    expect(await page.inputValue('select[name="account-auth-method"]')).toBe('oauth2');
    expect(await page.inputValue('select[name="account-oauth-provider"]')).toBe('microsoft');
    expect(await page.inputValue('input[name="account-per-minute"]')).toBe('30');
    expect(await page.locator('input[name="account-password"]').count()).toBe(0);
    expect(await page.textContent('[data-testid="preset-notes"]')).toContain('10,000');
    expect(await page.getAttribute('[data-testid="preset-help"]', 'href')).toContain('learn.microsoft.com');
    await page.selectOption('select[name="account-preset"]', 'google-app-password');
    expect(await page.inputValue('input[name="account-host"]')).toBe('smtp.gmail.com');
    expect(await page.inputValue('select[name="account-auth-method"]')).toBe('password');
    expect(await page.textContent('[data-testid="preset-notes"]')).toContain('apppasswords');
    await page.locator('[data-testid="account-editor"]').scrollIntoViewIfNeeded();
    await session.shoot('a01-account-preset');
  });

  it('saves an account with two PINs and tests it: a wrong password fails at "log in", with what to do', async () => {
    await page.selectOption('select[name="account-preset"]', 'other');
    await page.fill('input[name="account-name"]', '事務局（予備）');
    await page.fill('input[name="account-host"]', '127.0.0.1');
    await page.fill('input[name="account-port"]', String(smtp.port));
    await page.selectOption('select[name="account-security"]', 'none');
    await page.fill('input[name="account-user"]', FROM);
    await page.fill('input[name="account-password"]', 'wrong-password');
    await page.fill('input[name="account-from"]', FROM);
    await sign('account');
    await page.click('[data-action="save-account"]');
    const failed = page.locator('[data-account="事務局（予備）"] [data-step="auth"][data-ok="false"]');
    await failed.waitFor();
    expect(await page.getAttribute('[data-account="事務局（予備）"] [data-hint]', 'data-hint')).toBe('check-password');
    for (const step of ['lookup', 'connect', 'tls', 'auth-methods']) {
      expect(await page.getAttribute(`[data-account="事務局（予備）"] [data-step="${step}"]`, 'data-ok')).toBe('true');
    }
    expect(smtp.authFailures()).toBeGreaterThanOrEqual(1);
    await page.locator('[data-account="事務局（予備）"]').scrollIntoViewIfNeeded();
    await session.shoot('a02-account-test-failed');
  });

  it('edits the account (saying it voids approvals) and the test then passes every step', async () => {
    await page.click('[data-account="事務局（予備）"] [data-action="edit-account"]');
    expect(await page.textContent('[data-testid="voids-approvals"]')).toContain('承認');
    await page.fill('input[name="account-password"]', PASSWORD);
    await sign('account');
    await page.click('[data-action="save-account"]');
    await page.locator('[data-account="事務局（予備）"] [data-testid="connection-ok"]').waitFor();
    const oks = await page.locator('[data-account="事務局（予備）"] [data-step]').evaluateAll((els) => els.map((e) => e.getAttribute('data-ok')));
    expect(oks).toEqual(['true', 'true', 'true', 'true', 'true']);
    await page.locator('[data-account="事務局（予備）"]').scrollIntoViewIfNeeded();
    await session.shoot('a03-account-test-ok');
    expect(session.errors).toEqual([]);
    expect(Math.max(...Object.values(session.overflows))).toBeLessThanOrEqual(0);
  });

  it('signs an OAuth2 account in through a new tab (the browser host) and tests it with XOAUTH2', async () => {
    // The organisation's own sign-in server, set with two PINs.
    await page.fill('input[name="oauth-customIssuer"]', issuer.url);
    await page.fill('input[name="oauth-customClientId"]', 'tayori-e2e');
    await sign('oauth-apps');
    await page.click('[data-action="save-oauth-apps"]');
    // Saved: the form is clean again, so its button is off until the next change.
    await page.waitForSelector('[data-action="save-oauth-apps"]:disabled');
    await page.click('[data-action="add-account"]');
    await page.selectOption('select[name="account-preset"]', 'other');
    await page.fill('input[name="account-name"]', 'OAuth');
    await page.fill('input[name="account-host"]', '127.0.0.1');
    await page.fill('input[name="account-port"]', String(oauthSmtp.port));
    await page.selectOption('select[name="account-security"]', 'none');
    await page.selectOption('select[name="account-auth-method"]', 'oauth2');
    await page.selectOption('select[name="account-oauth-provider"]', 'custom');
    await page.fill('input[name="account-user"]', FROM);
    await page.fill('input[name="account-from"]', FROM);
    await sign('account');
    await page.click('[data-action="save-account"]');
    const account = page.locator('[data-account="OAuth"]');
    // Saved but not signed in: the test stops at "log in" and says to sign in.
    await account.locator('[data-hint="sign-in-again"]').waitFor();
    const tab = page.context().waitForEvent('page');
    await account.locator('[data-action="oauth-sign-in"]').click();
    const signInTab = await tab;
    await signInTab.waitForLoadState();
    await account.locator('[data-testid="oauth-state"].notice').waitFor();
    expect(await account.locator('[data-testid="oauth-state"]').textContent()).toContain(FROM);
    expect(await signInTab.textContent('body')).toContain('Signed in');
    await signInTab.close();
    await account.locator('[data-action="test-account"]').click();
    await account.locator('[data-testid="connection-ok"]').waitFor();
    expect(await account.locator('[data-step="auth-methods"]').textContent()).toContain('XOAUTH2');
    await account.scrollIntoViewIfNeeded();
    await session.shoot('a04-account-oauth-signed-in');
    // Its IMAP side (bounces) reads the mailbox with the same sign-in: no user name or password.
    const imap = page.locator('[data-testid="imap-panel"]');
    await imap.locator('select[name="imap-account"]').selectOption({ label: `OAuth (${FROM})` });
    await imap.locator('[data-testid="imap-signed-in"]').waitFor();
    expect(await imap.locator('[data-testid="imap-signed-in"]').textContent()).toContain(FROM);
    expect(await imap.locator('input[name="imap-password"], input[name="imap-user"]').count()).toBe(0);
    await imap.scrollIntoViewIfNeeded();
    await session.shoot('a05-imap-oauth');
    expect(session.errors).toEqual([]);
  });
});
