// Small page actions shared by the browser tests; selectors use data-* hooks, not visible text,
// so the same steps work in Japanese and in English.
import type { Page } from 'playwright-core';
import type { PageGlobals } from './browser-globals';

export async function nav(page: Page, screen: string): Promise<void> {
  await page.click(`[data-nav="${screen}"]`);
  await page.waitForSelector(`[data-screen="${screen}"]`);
}

export async function chooseOperator(page: Page, name: string): Promise<void> {
  await page.selectOption('[data-testid="operator"]', { label: name });
}

export async function expectError(page: Page, code: string): Promise<string> {
  const el = page.locator(`[data-error-code="${code}"]`).first();
  await el.waitFor();
  return (await el.textContent()) ?? '';
}

/** Waits until the send screen shows one of these states. */
export async function waitForSendState(page: Page, states: readonly string[], timeoutMs = 90_000): Promise<string> {
  const handle = await page.waitForFunction(
    (s) => {
      const el = (globalThis as unknown as PageGlobals).document.querySelector('[data-testid="send-state"]');
      const v = el?.getAttribute('data-state');
      return v && s.includes(v) ? v : null;
    },
    states,
    { timeout: timeoutMs, polling: 250 },
  );
  return (await handle.jsonValue()) as string;
}

/**
 * The real set-up as a new user does it: organisation, a mail account on 127.0.0.1 without TLS,
 * the users with their PINs; notes the recovery code and lands on the Lists screen with the
 * first user operating.
 */
export async function setUpOrganisation(
  page: Page,
  o: {
    organisation: string;
    from: string;
    smtpPort: number;
    users: readonly { readonly name: string; readonly pin: string }[];
    /** Runs on the filled form just before saving: a test that sets more fields (limits, sender name) or checks or shoots the form. */
    beforeSave?: () => Promise<void>;
  },
): Promise<void> {
  await page.waitForSelector('[data-screen="setup"]');
  await page.click('[data-action="setup-real"]');
  await page.fill('input[name="org-name"]', o.organisation);
  await page.fill('input[name="smtp-host"]', '127.0.0.1');
  await page.fill('input[name="smtp-port"]', String(o.smtpPort));
  await page.selectOption('select[name="smtp-security"]', 'none');
  await page.fill('input[name="smtp-from"]', o.from);
  for (const [i, u] of o.users.entries()) {
    await page.fill(`input[name="user-${i}-name"]`, u.name);
    await page.fill(`input[name="user-${i}-pin"]`, u.pin);
    await page.fill(`input[name="user-${i}-pin2"]`, u.pin);
  }
  await o.beforeSave?.();
  await page.click('[data-action="save-setup"]');
  await page.click('[data-action="recovery-noted"]');
  await page.waitForSelector('[data-screen="lists"]');
  await chooseOperator(page, o.users[0]!.name);
}

/** Creates a list and imports a CSV into it with the proposed column mapping; ends on the import report. */
export async function createListWithImport(page: Page, list: string, file: { readonly name: string; readonly buffer: Buffer }): Promise<void> {
  await page.fill('input[name="new-list"]', list);
  await page.click('[data-action="create-list"]');
  await page.setInputFiles('[data-testid="file-input"]', { name: file.name, mimeType: 'text/csv', buffer: file.buffer });
  await page.waitForSelector('[data-testid="import-mapping"]');
  await page.click('[data-action="run-import"]');
  await page.waitForSelector('[data-testid="import-report"]');
}
