// One browser test file's world: a temp data folder, the browser host on it, Chromium and one page,
// and the horizontal overflow of every screenshot taken; closed in reverse order.
import type { Browser, Page } from 'playwright-core';
import { tempDir } from '../../helpers/tmp';
import { launchBrowser, openPage } from './browser';
import { startHost, type RunningHost } from './host';
import { shootBoth } from './screenshots';

export interface E2eSession {
  readonly page: Page;
  /** Console and page errors seen so far (see openPage). */
  readonly errors: string[];
  /** Widest horizontal overflow (px) per screenshot name. */
  readonly overflows: Record<string, number>;
  /** Screenshots in ja and en (shootBoth), recording the overflow under `name`. */
  shoot(name: string): Promise<void>;
  close(): Promise<void>;
}

export async function openSession(dirPrefix: string, locale: 'ja-JP' | 'en-US'): Promise<E2eSession> {
  const dir = tempDir(dirPrefix);
  let host: RunningHost | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await host?.close();
    dir.cleanup();
  };
  try {
    host = await startHost(dir.dir);
    browser = await launchBrowser();
    const { page, errors } = await openPage(browser, host.url, locale);
    const overflows: Record<string, number> = {};
    return {
      page,
      errors,
      overflows,
      shoot: async (name) => {
        overflows[name] = await shootBoth(page, name);
      },
      close,
    };
  } catch (e) {
    // A half-opened session (no Chromium, port in use) must not leave the host or folder behind.
    await close();
    throw e;
  }
}
