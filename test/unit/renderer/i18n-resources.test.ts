// Every error code has a Japanese and an English sentence, and both languages have the same keys.
import { describe, expect, it } from 'vitest';
import { ERROR_CODES } from '../../../shared/errors';
import { CHECK_CODES } from '../../../shared/guards';
import { CAMPAIGN_STATUSES, RECIPIENT_STATUSES, SEND_STATES } from '../../../shared/statuses';
import { en } from '../../../renderer/src/i18n/en';
import { ja } from '../../../renderer/src/i18n/ja';

function leaves(o: unknown, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(o as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

describe('i18n resources', () => {
  it('translate every error code in both languages', () => {
    for (const code of ERROR_CODES) {
      expect(en.errors[code], `en ${code}`).toMatch(/\S{3}/);
      expect(ja.errors[code], `ja ${code}`).toMatch(/\S{3}/);
      // The Japanese sentence is actually Japanese (at least one kana or kanji).
      expect(ja.errors[code]).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
  });

  it('have a word for every notice status, member status and send state, in both languages', () => {
    for (const m of [en, ja]) {
      for (const s of CAMPAIGN_STATUSES) expect(m.history[`campaignStatus_${s}`], `campaignStatus_${s}`).toMatch(/\S/);
      for (const s of RECIPIENT_STATUSES) expect(m.send[`status_${s}`], `status_${s}`).toMatch(/\S/);
      for (const s of SEND_STATES) expect(m.send[`state_${s}`], `state_${s}`).toMatch(/\S/);
    }
    // No word for a status that does not exist (the "finished"/"completed" drift).
    const keys = Object.keys(en.history).filter((k) => k.startsWith('campaignStatus_')).map((k) => k.slice('campaignStatus_'.length));
    expect(keys.sort()).toEqual([...CAMPAIGN_STATUSES].sort());
  });

  it('label every check report code in both languages', () => {
    for (const code of CHECK_CODES) {
      expect(en.checkCode[code], `en ${code}`).toMatch(/\S{3}/);
      expect(ja.checkCode[code], `ja ${code}`).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    }
    expect(Object.keys(en.checkCode).sort()).toEqual([...CHECK_CODES].sort());
  });

  it('have the same keys in Japanese and English, none empty', () => {
    const e = leaves(en);
    const j = leaves(ja);
    expect([...j.keys()].sort()).toEqual([...e.keys()].sort());
    for (const [k, v] of [...e, ...j]) expect(v.trim(), k).not.toBe('');
  });

  it('use the same interpolation variables in both languages', () => {
    const vars = (s: string) => [...s.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]).sort();
    const j = leaves(ja);
    for (const [k, v] of leaves(en)) expect(vars(j.get(k) ?? ''), k).toEqual(vars(v));
  });
});
