// Chromium through playwright-core (never `playwright install`), at 1280×800; which Chromium is
// chromium.ts's choice (Debian's where installed, else the one npm brings).
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { chromiumTarget } from './chromium';

const VIEWPORT = { width: 1280, height: 800 } as const;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ ...(await chromiumTarget()), args: ARGS });
}

export interface OpenPage {
  context: BrowserContext;
  page: Page;
  /** Console errors and uncaught page errors (CSP violations show up here). */
  errors: string[];
}

/** A page in its own context; locale decides navigator.language (Japanese by default for ja-JP). */
export async function openPage(browser: Browser, url: string, locale: 'ja-JP' | 'en-US'): Promise<OpenPage> {
  const context = await browser.newContext({ viewport: VIEWPORT, locale, acceptDownloads: true });
  const page = await context.newPage();
  const errors: string[] = [];
  // Resource failures are recorded by URL below (the console only says "404"). Every request
  // counts, the browser's own favicon lookup included: index.html declares an inline icon.
  page.on('console', (m) => {
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  page.on('response', (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => void d.accept());
  await page.goto(url);
  return { context, page, errors };
}
