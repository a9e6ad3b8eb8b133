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
