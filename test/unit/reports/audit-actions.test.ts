// Every action the code writes to the audit log has words in Japanese and English: the audit
// service's type refuses other names, and this reads the source to catch what a type cannot
// (a name built from parts, an INSERT written by hand).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS, AUDIT_ACTION_WORDS, auditActionWords } from '../../../shared/reports/audit-actions';
import { RECIPIENT_STATUS_WORDS } from '../../../shared/reports/status-words';
import { RECIPIENT_STATUSES } from '../../../shared/statuses';
import { en } from '../../../renderer/src/i18n/en';
import { ja } from '../../../renderer/src/i18n/ja';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sources(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

/** Action names as the code writes them: record('x', …), record(cond ? 'x' : 'y', …), action: 'x', `campaign.${what}` with its whats. */
function writtenActions(): Set<string> {
  const found = new Set<string>();
  for (const file of sources('electron')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\.record\(\s*([^,{]+?),/g)) {
      for (const lit of m[1]!.matchAll(/'([a-z-]+\.[a-z-]+)'/g)) found.add(lit[1]!);
    }
    for (const m of text.matchAll(/\baction: '([a-z-]+\.[a-z-]+)'/g)) found.add(m[1]!);
    for (const m of text.matchAll(/action: '(send\.[a-z-]+)' \| '(send\.[a-z-]+)'/g)) {
      found.add(m[1]!);
      found.add(m[2]!);
    }
    if (text.includes('`campaign.${what}`')) {
      const whats = /what: ((?:'[a-z-]+'(?: \| )?)+)/.exec(text);
      expect(whats, `${file}: the campaign edit names its kinds`).not.toBeNull();
      for (const w of whats![1]!.matchAll(/'([a-z-]+)'/g)) found.add(`campaign.${w[1]}`);
    }
  }
  return found;
}

describe('audit actions in words', () => {
  it('every action the code writes is in the closed list, with ja and en words', () => {
    const written = writtenActions();
    expect(written.size).toBeGreaterThan(40);
    for (const a of written) {
      expect(AUDIT_ACTIONS, `${a} has no words`).toContain(a);
    }
  });

  it('every listed action has Japanese and English words', () => {
    for (const a of AUDIT_ACTIONS) {
      expect(AUDIT_ACTION_WORDS[a].ja, a).toMatch(/[぀-ヿ一-龯]/);
      expect(AUDIT_ACTION_WORDS[a].en, a).toMatch(/^[A-Z][\x20-\x7e]+$/);
    }
    expect(auditActionWords('pin.failed', 'ja')).toBe('PIN の入力ミス');
    // A row from another version of Tayori still shows something.
    expect(auditActionWords('bounce.future', 'en')).toBe('bounce.future');
  });

  it('the status words of exports are the send screen\'s words', () => {
    for (const s of RECIPIENT_STATUSES) {
      expect(RECIPIENT_STATUS_WORDS[s].ja).toBe(ja.send[`status_${s}`]);
      expect(RECIPIENT_STATUS_WORDS[s].en).toBe(en.send[`status_${s}`]);
    }
  });
});
