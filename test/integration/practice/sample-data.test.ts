// The shipped sample list is CP932 as Excel writes it, holds the traps, and is what the script makes.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { sampleCsvBytes, HEADER, ROWS } from '../../../scripts/make-sample';
import { checkTemplate, compileTemplate } from '../../../shared/template';

const bytes = readFileSync('resources/sample/members.csv');
const text = new TextDecoder('shift_jis', { fatal: true }).decode(bytes);
const rows = Papa.parse<string[]>(text, { skipEmptyLines: true }).data;
const emails = rows.slice(1).map((r) => r[3] ?? '');

describe('resources/sample/members.csv', () => {
  it('is exactly what scripts/make-sample.ts writes', () => {
    expect(Buffer.from(sampleCsvBytes()).equals(bytes)).toBe(true);
  });

  it('is CP932 with CRLF line ends and no BOM, not UTF-8', () => {
    expect([...bytes.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    expect(text.split('\r\n').length - 1).toBe(rows.length);
    expect(text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    // IBM-extension kanji with the codes Windows writes (FBFC 髙, FAB1 﨑), NEC ① at 8740.
    expect(bytes.includes(Buffer.from([0xfb, 0xfc]))).toBe(true);
    expect(bytes.includes(Buffer.from([0xfa, 0xb1]))).toBe(true);
    expect(bytes.includes(Buffer.from([0x87, 0x40]))).toBe(true);
  });

  it('has the expected columns and about 30 fictional members', () => {
    expect(rows[0]).toEqual([...HEADER]);
    expect(rows.length - 1).toBe(ROWS.length);
    expect(rows.length - 1).toBeGreaterThanOrEqual(30);
  });

  it('contains the traps the check report must catch', () => {
    expect(emails.some((e) => e.endsWith('@docomo.ne.jo'))).toBe(true);
    expect(emails.some((e) => e.endsWith('@gmial.com'))).toBe(true);
    expect(emails.some((e) => e.includes('＠'))).toBe(true);
    expect(emails.some((e) => e === '')).toBe(true);
    const nonEmpty = emails.filter(Boolean);
    expect(new Set(nonEmpty).size).toBeLessThan(nonEmpty.length);
    const names = rows.slice(1).map((r) => r[2]);
    expect(names).toEqual(expect.arrayContaining(['髙橋 由美', '山﨑 浩二', '林 ①子']));
  });

  it('uses only reserved .example domains apart from the typo traps', () => {
    const traps = new Set(['docomo.ne.jo', 'gmial.com']);
    for (const e of emails.filter(Boolean)) {
      const domain = e.normalize('NFKC').split('@')[1]!;
      expect(domain.endsWith('.example') || traps.has(domain), e).toBe(true);
    }
  });

  it('ships a notice template using the list’s fields, a default and a conditional block', () => {
    const n = JSON.parse(readFileSync('resources/sample/notice.json', 'utf8')) as { subject: string; body: string };
    expect(n.subject).toContain('{{氏名}}');
    expect(n.body).toContain('{{部屋番号}}');
    expect(n.body).toMatch(/\{\{駐車場\|[^}]+\}\}/);
    expect(n.body).toMatch(/\{\{#if 駐車場\}\}[\s\S]*\{\{else\}\}[\s\S]*\{\{\/if\}\}/);
    expect(checkTemplate(n, [...HEADER])).toEqual([]);
    // Every member of the sample renders (no missing field), and both branches of the block are used.
    const compiled = compileTemplate(n);
    const bodies = ROWS.map((r) => compiled.render(Object.fromEntries(HEADER.map((h, i) => [h, r[i]!]))));
    for (const b of bodies) expect(b.ok).toBe(true);
    const texts = bodies.map((b) => (b.ok ? b.body : ''));
    expect(texts.filter((t) => t.includes('路面清掃')).length).toBeGreaterThan(0);
    expect(texts.filter((t) => t.includes('抽選申込')).length).toBeGreaterThan(0);
  });
});
