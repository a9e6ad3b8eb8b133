import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalEncode } from '../../../shared/digest/canonical';
import { changedParts, computeDigest, digestOf, hashRecipients, hashRowTexts, rowTextHasher, type DigestHeader, type DigestRow } from '../../../electron/services/campaigns/campaign-digest';

const header: DigestHeader = {
  templates: { subject: '{{氏名}}様へのお知らせ', body: '{{氏名}}様\n総会は{{日付}}です。' },
  attachments: [{ name: 'annai.pdf', sha256: 'a'.repeat(64), bytes: 1234 }],
  profile: { id: 1, host: 'smtp.example.jp', port: 587, security: 'starttls', user: 'office', fromAddress: 'office@example.jp', fromName: '町内会', practice: false },
  checks: [{ code: 'typo-domain', severity: 'warning' }],
};
const rows: DigestRow[] = [
  { email: 'a@example.jp', name: '青木', fields: { 氏名: '青木', 日付: '5/1' } },
  { email: 'b@example.jp', name: '馬場', fields: { 氏名: '馬場', 日付: '5/1' } },
];

describe('approval digest', () => {
  it('is a stable SHA-256 hex of the same inputs', () => {
    const a = computeDigest(header, rows);
    expect(a.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(computeDigest(structuredClone(header), structuredClone(rows)).digest).toBe(a.digest);
    expect(a.rowCount).toBe(2);
  });

  it('changes with every part, and says which part changed', () => {
    const base = computeDigest(header, rows);
    const variants: [string, DigestHeader, DigestRow[]][] = [
      ['templates', { ...header, templates: { ...header.templates, body: header.templates.body + ' ' } }, rows],
      ['attachments', { ...header, attachments: [{ ...header.attachments[0]!, sha256: 'b'.repeat(64) }] }, rows],
      ['attachments', { ...header, attachments: [] }, rows],
      ['profile', { ...header, profile: { ...header.profile!, fromAddress: 'other@example.jp' } }, rows],
      ['profile', { ...header, profile: { ...header.profile!, port: 465, security: 'tls' } }, rows],
      ['checks', { ...header, checks: [] }, rows],
      ['recipients', header, [rows[0]!]],
      ['recipients', header, [rows[1]!, rows[0]!]],
      ['recipients', header, [rows[0]!, { ...rows[1]!, fields: { ...rows[1]!.fields, 日付: '5/2' } }]],
      ['recipients', header, [rows[0]!, { ...rows[1]!, name: '馬場 太郎' }]],
    ];
    for (const [part, h, r] of variants) {
      const d = computeDigest(h, r);
      expect(d.digest, part).not.toBe(base.digest);
      expect(changedParts(base.parts, d.parts)).toEqual([part]);
    }
  });

  it('does not confuse a field moved between rows or columns', () => {
    const a = computeDigest(header, [{ email: 'x@e.jp', name: 'ab', fields: { k: 'c' } }]);
    const b = computeDigest(header, [{ email: 'x@e.jp', name: 'a', fields: { k: 'bc' } }]);
    expect(a.digest).not.toBe(b.digest);
  });

  it('accepts rows as a stream (generator) with the same result as an array', () => {
    function* gen() {
      yield* rows;
    }
    expect(computeDigest(header, gen()).digest).toBe(computeDigest(header, rows).digest);
  });
});

describe('approval digest versions 3 and 4 (the rows\' stored text)', () => {
  const texts = (n: number): string[] => Array.from({ length: n }, (_, i) => JSON.stringify([`m${i}@example.jp`, `会員 ${i}`, JSON.stringify({ 部屋: String(i) })]));

  it('is SHA-256 over the row texts in order, then the end mark, however the rows are batched', () => {
    for (const n of [0, 1, 511, 512, 513, 1500]) {
      const rows = texts(n);
      const expected = createHash('sha256').update(rows.join('') + canonicalEncode(['end', n]), 'utf8').digest('hex');
      expect(hashRowTexts(rows)).toEqual({ recipients: expected, rowCount: n, version: 4 });
      // Version 3 hashed the texts alike (the fields text was keyed then): only its label differs.
      expect(hashRowTexts(rows, 3)).toEqual({ recipients: expected, rowCount: n, version: 3 });
      const h = rowTextHasher();
      for (const r of rows) h.add(r);
      expect(h.finish().recipients).toBe(expected);
    }
  });

  it('changes with any row, its order and the row count', () => {
    const rows = texts(3);
    const base = hashRowTexts(rows).recipients;
    expect(hashRowTexts([rows[1]!, rows[0]!, rows[2]!]).recipients).not.toBe(base);
    expect(hashRowTexts(rows.slice(0, 2)).recipients).not.toBe(base);
    expect(hashRowTexts([...rows.slice(0, 2), rows[2]!.replace('2', '3')]).recipients).not.toBe(base);
  });

  it('is its own version: the same header with a version 2 hash never gives the same digest', () => {
    const v2 = hashRecipients(rows);
    const v3 = { ...v2, version: 3 as const };
    expect(digestOf(header, v3).digest).not.toBe(digestOf(header, v2).digest);
    expect(digestOf(header, v2).digest).toBe(computeDigest(header, rows).digest);
  });
});
