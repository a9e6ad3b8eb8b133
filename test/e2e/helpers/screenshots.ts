// Screenshots of every screen in Japanese and English under test-output/screenshots/ (ignored by
// git), plus a layout check: nothing may stick out of the 1280×800 window sideways.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { PageGlobals } from './browser-globals';
import { ROOT } from './renderer-build';

const SHOTS_DIR = join(ROOT, 'test-output', 'screenshots');

async function setLanguage(page: Page, lang: 'ja' | 'en'): Promise<void> {
  await page.getByRole('button', { name: lang === 'ja' ? '日本語' : 'English', exact: true }).click();
  await page.waitForFunction((l) => (globalThis as unknown as PageGlobals).document.documentElement.lang === l, lang);
}

/** Horizontal overflow of the page (px); 0 when everything fits the window's width. */
async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    return g.document.documentElement.scrollWidth - g.innerWidth;
  });
}

/**
 * Saves `<name>-ja.png` and `<name>-en.png`, switching the header language, then returns to
 * the language the page was in. Returns the widest horizontal overflow seen.
 */
export async function shootBoth(page: Page, name: string): Promise<number> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const before = (await page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.lang)) === 'en' ? 'en' : 'ja';
  let overflow = 0;
  for (const lang of ['ja', 'en'] as const) {
    await setLanguage(page, lang);
    overflow = Math.max(overflow, await horizontalOverflow(page));
    await page.screenshot({ path: join(SHOTS_DIR, `${name}-${lang}.png`) });
  }
  await setLanguage(page, before);
  return overflow;
}
