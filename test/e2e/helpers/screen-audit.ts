// What a new user would trip over on a screen, measured in the page: the other language's script
// or a `kebab-case` code in visible text, and text that does not fit its box (clipped, spilling
// out, a chip or button wrapped, a column squeezed to one character per line, a placeholder cut
// off, anything outside the window sideways). Text the user typed or imported (names, addresses,
// notice bodies) is marked translate="no" by the UI and is exempt from the language checks only.
import type { Page } from 'playwright-core';
import { ERROR_CODES } from '../../../shared/errors';
import { CHECK_CODES } from '../../../shared/guards/codes';
import { CAMPAIGN_STATUSES, RECIPIENT_STATUSES, RECOVERY_REASONS } from '../../../shared/statuses';

/** Codes the UI must translate, never show: every multi-word code of the contract. */
const CODES = [...ERROR_CODES, ...CHECK_CODES, ...RECOVERY_REASONS, ...CAMPAIGN_STATUSES, ...RECIPIENT_STATUSES].filter((c) => /[-_]/.test(c));

export interface Finding {
  readonly kind: 'script' | 'code' | 'clipped' | 'spills' | 'wrapped' | 'squeezed' | 'placeholder' | 'offscreen';
  readonly text: string;
  /** A short CSS-ish path to the element, to find it in the code. */
  readonly where: string;
}

/**
 * Latin words that are Japanese UI vocabulary as they are (product and protocol names, units):
 * the Japanese UI may show these; anything else in Latin letters is an untranslated word.
 */
const JA_LATIN_OK = [
  'Tayori', 'CSV', 'SMTP', 'IMAP', 'PIN', 'TLS', 'STARTTLS', 'OAuth', 'OAuth2', 'Excel', 'Google', 'Microsoft', 'Gmail',
  'Outlook', 'UTF', 'Shift_JIS', 'CP932', 'BOM', 'Message-ID', 'ID', 'OS', 'English', 'OK', 'KB', 'MB', 'GB', 'To', 'From',
  'Cc', 'Bcc', 'DNS', 'Linux', 'GNOME', 'KWallet', 'LibreOffice', 'Sheets', 'ZIP', 'PDF', 'HTML', 'Re', 'eml', 'msg', 'mbox',
  'XXXXX', 'Noto', 'Sans', 'JP', 'AM', 'PM', 'docomo', 'au', 'SoftBank', 'Mac', 'Windows',
];

// The in-page part is a string so it runs as written in Chromium (the node tsconfig has no DOM).
const AUDIT = String.raw`(({ lang, okLatin, codes }) => {
  const out = [];
  const W = innerWidth;
  const okWord = new Set(okLatin);
  const jaScript = /[\u3040-\u30ff\u3400-\u9fff\uff01-\uff5e]/;
  const codeRe = new RegExp('(^|[^\\w-])(' + codes.join('|') + ')(?![\\w-])');
  // What the user typed or imported, wherever it is quoted inside a UI sentence ("PIN of 佐藤"):
  // the texts marked translate="no", the options of such selects, and typed values.
  const userValues = new Set();
  for (const el of document.querySelectorAll('[translate="no"], [translate="no"] option, input, textarea')) {
    const v = (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' ? el.value : el.textContent || '').trim();
    if (v && v.length < 200) userValues.add(v);
  }
  const values = [...userValues].sort((a, b) => b.length - a.length);
  const strip = (text) => {
    let t = text;
    for (const v of values) if (t.includes(v)) t = t.split(v).join(' ');
    // Addresses, domains, file names and {{field}} placeholders are data in either language.
    return t.replace(/[\w.+-]+@[\w.-]+/g, ' ').replace(/\b[\w-]+(?:\.[\w-]+)+\b/g, ' ').replace(/\{\{[^}]*\}\}/g, ' ');
  };
  const path = (el) => {
    const parts = [];
    for (let e = el; e && e !== document.body && parts.length < 4; e = e.parentElement) {
      const hook = e.getAttribute('data-testid') || e.getAttribute('data-screen') || e.getAttribute('data-action') || e.getAttribute('name');
      parts.unshift(e.tagName.toLowerCase() + (hook ? '[' + hook + ']' : e.className && typeof e.className === 'string' ? '.' + e.className.split(' ')[0] : ''));
    }
    return parts.join(' > ');
  };
  const visible = (el) => {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    const s = getComputedStyle(el);
    return s.visibility !== 'hidden' && s.display !== 'none' && !el.closest('.visually-hidden, [hidden], option, select, textarea, script, style');
  };
  const userContent = (el) => !!el.closest('[translate="no"]');
  const add = (kind, text, el) => out.push({ kind, text: text.slice(0, 120), where: path(el) });

  // Language: every visible text node outside user content.
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const seen = new Set();
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const text = n.nodeValue.trim();
    const el = n.parentElement;
    if (!text || !el || !visible(el) || userContent(el)) continue;
    checkWords(text, el);
  }
  for (const el of document.querySelectorAll('input[placeholder], textarea[placeholder], [aria-label], [title]')) {
    if (!visible(el) || userContent(el)) continue;
    for (const a of ['placeholder', 'aria-label', 'title']) if (el.getAttribute(a)) checkWords(el.getAttribute(a), el);
  }
  function checkWords(raw, el) {
    const key = raw + '|' + path(el);
    if (seen.has(key)) return;
    seen.add(key);
    const text = strip(raw);
    if (lang === 'en') {
      if (jaScript.test(text.replace('日本語', ''))) add('script', raw, el);
    } else {
      const words = text.match(/[A-Za-z][A-Za-z_]*(?:[-'][A-Za-z0-9]+)*/g) || [];
      const bad = words.filter((w) => !okWord.has(w) && !/^[A-Za-z]$/.test(w) && !/^[A-Z0-9_-]+$/.test(w));
      if (bad.length) add('script', raw, el);
    }
    if (codeRe.test(text)) add('code', raw, el);
  }

  function textLines(el) {
    const tops = [];
    for (const c of el.childNodes) {
      if (c.nodeType !== 3 || !c.nodeValue.trim()) continue;
      const range = document.createRange();
      range.selectNodeContents(c);
      for (const q of range.getClientRects()) if (q.width > 0 && !tops.some((t) => Math.abs(t - q.top) < q.height / 2)) tops.push(q.top);
    }
    return tops.length;
  }
  // Fit: every visible element with its own text.
  for (const el of document.querySelectorAll('body *')) {
    if (!visible(el) || el.closest('svg')) continue;
    const r = el.getBoundingClientRect();
    const s = getComputedStyle(el);
    const ownText = [...el.childNodes].some((c) => c.nodeType === 3 && c.nodeValue.trim());
    const scroller = (e) => { for (let p = e.parentElement; p; p = p.parentElement) { const o = getComputedStyle(p).overflowX; if (o === 'auto' || o === 'scroll') return p; } return null; };
    if ((r.right > W + 1 || r.left < -1) && !scroller(el)) add('offscreen', (el.textContent || el.tagName).trim(), el);
    if (el.tagName === 'INPUT' && el.placeholder && !el.value) {
      const c = document.createElement('canvas').getContext('2d');
      c.font = s.font;
      const room = el.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight) - (el.type === 'search' ? 18 : 0);
      if (c.measureText(el.placeholder).width > room + 1) add('placeholder', el.placeholder, el);
      continue;
    }
    if (!ownText) continue;
    const text = (el.textContent || '').trim();
    if (s.overflowX !== 'visible' || s.textOverflow === 'ellipsis') {
      // Clipped on purpose only for long user data that also shows in full on hover.
      if (el.scrollWidth > el.clientWidth + 1 && !(userContent(el) && el.title)) add('clipped', text, el);
    } else if (el.scrollWidth > el.clientWidth + 1 && s.display !== 'inline') {
      add('spills', text, el);
    }
    // Lines the element's own text takes: a status chip, a button, a column header or a short cell
    // (a name, a count) must stay on one line (「送信済\nみ」, 「試行回\n数」, 「青木 一\n郎」).
    const lines = textLines(el);
    if (lines > 1 && (el.matches('.chip, .btn, button, th, label > span') || (el.matches('td') && text.length <= 12))) add('wrapped', text, el);
    if (text.length >= 3 && r.width < parseFloat(s.fontSize) * 2.2 && lines > 2) add('squeezed', text, el);
  }
  return out;
})`;

export async function auditScreen(page: Page, lang: 'ja' | 'en'): Promise<Finding[]> {
  return page.evaluate(`${AUDIT}(${JSON.stringify({ lang, okLatin: JA_LATIN_OK, codes: CODES })})`) as Promise<Finding[]>;
}
