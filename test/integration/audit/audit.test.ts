import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { manualClock } from '../../../electron/services/clock';
import { createAuditService } from '../../../electron/services/audit/audit-service';
import { tempDb } from '../../helpers/tmp';

function setup() {
  const t = tempDb();
  const clock = manualClock(Date.UTC(2026, 3, 1, 9, 0, 0));
  return { ...t, clock, audit: createAuditService({ db: t.db, clock }) };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.cleanup());

describe('audit service', () => {
  it('records entries with time, actor, list, campaign and details, append-only', () => {
    const id = env.audit.record('approval.given', { actor: '会長 花子', campaignId: 7, listId: 3, details: { digest: 'ab' } });
    expect(env.audit.list({ campaignId: 7 })).toEqual([
      { id, at: env.clock.now(), actor: '会長 花子', action: 'approval.given', listId: 3, campaignId: 7, details: { digest: 'ab' } },
    ]);
    expect(() => env.db.prepare('UPDATE audit SET actor = ? WHERE id = ?').run('x', id)).toThrow(/append-only/);
    expect(() => env.db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
  });

  it('refuses REPLACE INTO and INSERT OR REPLACE over an existing row (they delete without the DELETE trigger)', () => {
    const id = env.audit.record('approval.given', { actor: '会長 花子', campaignId: 7 });
    for (const verb of ['REPLACE INTO', 'INSERT OR REPLACE INTO']) {
      expect(() => env.db.prepare(`${verb} audit (id, at, actor, action) VALUES (?, 0, 'x', 'forged')`).run(id)).toThrow(/append-only/);
    }
    expect(env.audit.list({ campaignId: 7 })[0]).toMatchObject({ id, actor: '会長 花子', action: 'approval.given' });
    // New rows still append, with or without an explicit (fresh) id.
    expect(env.audit.record('settings.updated')).toBeGreaterThan(id);
  });

  it('exports CSV for Excel: BOM, CRLF, quoted cells, Japanese headers, actions in words, JST stated', () => {
    env.audit.record('list.imported', { actor: '受付 太郎', listId: 1, details: { file: '会員名簿.csv', rows: 3, sha256: 'ab'.repeat(32) } });
    const csv = env.audit.exportCsv();
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const parsed = Papa.parse<string[]>(csv.slice(1).trimEnd(), { newline: '\r\n' }).data;
    expect(parsed[0]).toEqual(['番号', '日時 (JST, UTC+09:00)', '操作した人', '操作', '操作の記録名', '名簿番号', 'お知らせ番号', '内容', '記録のすべて (JSON)']);
    expect(parsed[1]).toEqual([
      '1', '2026-04-01 18:00:00 JST', '受付 太郎', '名簿を取り込み', 'list.imported', '1', '',
      'ファイル: 会員名簿.csv、行数: 3', `{"file":"会員名簿.csv","rows":3,"sha256":"${'ab'.repeat(32)}"}`,
    ]);
  });

  it('exports in English on the reader\'s own clock with its zone stated', () => {
    env.audit.record('pin.failed', { actor: 'Hanako', details: { remaining: 4 } });
    const rows = Papa.parse<string[]>(env.audit.exportCsv({}, { lang: 'en', timeZone: 'Europe/Berlin' }).slice(1).trimEnd(), { newline: '\r\n' }).data;
    expect(rows[0]![1]).toBe('Time (Europe/Berlin, UTC+02:00)');
    expect(rows[1]!.slice(1, 4)).toEqual(['2026-04-01 11:00:00 Europe/Berlin', 'Hanako', 'Wrong PIN entered']);
  });

  it('neutralises cells that a spreadsheet would run as a formula', () => {
    const evil = ['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\tTAB', '\rCR'];
    for (const actor of evil) env.audit.record('user.created', { actor });
    const rows = Papa.parse<string[]>(env.audit.exportCsv().slice(1).trimEnd(), { newline: '\r\n' }).data.slice(1);
    expect(rows.map((r) => r[2])).toEqual(evil.map((e) => `'${e}`));
    // Other cells are left as they are.
    expect(rows.every((r) => r[4] === 'user.created')).toBe(true);
  });

  it('lists the latest entries newest first when asked (History), the oldest first otherwise', () => {
    for (let i = 0; i < 5; i++) env.audit.record('send.member', { campaignId: 1, details: { n: i } });
    expect(env.audit.list({ limit: 2, newestFirst: true }).map((e) => e.details['n'])).toEqual([4, 3]);
    expect(env.audit.list({ limit: 2 }).map((e) => e.details['n'])).toEqual([0, 1]);
  });

  it('filters the export by campaign', () => {
    env.audit.record('send.started', { campaignId: 1 });
    env.audit.record('send.stopped', { campaignId: 2 });
    const csv = env.audit.exportCsv({ campaignId: 2 });
    expect(csv).toContain('"send.stopped"');
    expect(csv).not.toContain('"send.started"');
  });

  it('answers "who received campaign X" from the send records and the frozen rows', () => {
    const db = env.db;
    db.prepare("INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'l', 0, 0)").run();
    db.prepare("INSERT INTO campaigns (id, list_id, name, created_at, updated_at) VALUES (1, 1, 'c', 0, 0)").run();
    const snap = db.prepare('INSERT INTO snapshots (campaign_id, position, member_id, email, name, fields_json) VALUES (1, ?, ?, ?, ?, ?)');
    const send = db.prepare('INSERT INTO sends (campaign_id, snapshot_id, status, message_id, smtp_response, finished_at, updated_at) VALUES (1, ?, ?, ?, ?, ?, 0)');
    const rows: [string, string, string | null][] = [
      ['a@example.jp', 'sent', '<1@x>'],
      ['b@example.jp', 'failed', null],
      ['c@example.jp', 'unknown', null],
      ['d@example.jp', 'sent', '<4@x>'],
    ];
    rows.forEach(([email, status, mid], i) => {
      const sid = Number(snap.run(i, i + 10, email, `n${i}`, JSON.stringify({ k: String(i) })).lastInsertRowid);
      send.run(sid, status, mid, status === 'sent' ? '250 OK' : null, 5);
    });
    expect(env.audit.recipientsOf(1, ['sent']).map((r) => [r.email, r.messageId, r.smtpResponse])).toEqual([
      ['a@example.jp', '<1@x>', '250 OK'],
      ['d@example.jp', '<4@x>', '250 OK'],
    ]);
    expect(env.audit.recipientsOf(1, ['sent', 'unknown']).map((r) => r.email)).toEqual(['a@example.jp', 'c@example.jp', 'd@example.jp']);
    const all = env.audit.recipientsOf(1);
    expect(all).toHaveLength(4);
    expect(all[1]).toMatchObject({ position: 1, memberId: 11, name: 'n1', fields: { k: '1' }, status: 'failed' });
    expect(env.audit.recipientsOf(2)).toEqual([]);
  });
});
