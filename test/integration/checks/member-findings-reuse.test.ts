// The check service reuses the member findings (look-alikes, duplicates, typo domains, changes…)
// across checks, keyed by the recipients' content. After every kind of write that can change who
// the recipients are or what they look like — through the app's repositories or plain SQL, on
// this connection or another — its report must be exactly what a service with nothing cached
// computes; and a change to the notice alone must still give the right report.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../../electron/db/connection';
import { insertExclusion, markShared } from '../../../electron/db/repos/list-rules-repo';
import { upsertSuppression } from '../../../electron/db/repos/suppressions-repo';
import { createCheckService, SETTING_KEYS } from '../../../electron/services/checks';
import { runChecks } from '../../../shared/guards';
import { readCheckInput } from '../../../electron/services/checks/check-input';
import { tempDb } from '../../helpers/tmp';
import { freezeSnapshot, seedCampaign } from './seed';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function world() {
  const t = tempDb();
  cleanup = t.cleanup;
  const { campaignId, listId } = seedCampaign(t.db, {
    members: [
      { email: 'taro.tanaka@gmail.com', name: '田中 太郎' },
      { email: 'taro.tanaka@gmial.com', name: '田中 太郎' },
      { email: 'hanako@docomo.ne.jp', name: '佐藤 花子', change: 'new' },
      { email: 'hanak0@docomo.ne.jp', name: '佐藤 花子' },
      { email: 'ichiro@corp.co.jp', name: '加藤 一郎', change: 'email-changed' },
      { email: 'ichiro@corp.co.jp', name: '加藤 次郎' },
      { email: 'kimura@example.org', name: '木村 三郎' },
      { email: 'ito@example.org', name: '伊藤\n二郎' },
    ],
    settings: { organisationAddress: 'info@tayori-town.jp' },
  });
  return { db: t.db, file: t.file, campaignId, listId };
}

/** What a check computes with nothing reused. */
const uncached = (db: Db, campaignId: number) => runChecks(readCheckInput(db, campaignId));

const NOW = 1_800_000_000_000;

describe('member findings reused by the check service', () => {
  const changes: [string, (db: Db, listId: number, campaignId: number) => void][] = [
    ['a member address edited', (db, l) => db.prepare("UPDATE members SET email = 'kimura@gmial.com' WHERE list_id = ? AND email = 'kimura@example.org'").run(l)],
    ['a member name edited', (db, l) => db.prepare("UPDATE members SET name = '加藤 一郎' WHERE list_id = ? AND name = '加藤 次郎'").run(l)],
    ['a change mark set by a re-import', (db, l) => db.prepare("UPDATE members SET change = 'name-changed' WHERE list_id = ?").run(l)],
    ['an editor recorded', (db, l) => db.prepare("UPDATE members SET edited_by = '鈴木', change = 'email-changed' WHERE list_id = ? AND email = 'kimura@example.org'").run(l)],
    ['a line number moved', (db, l) => db.prepare('UPDATE members SET line = line + 10 WHERE list_id = ?').run(l)],
    [
      'a member added',
      (db, l) =>
        db
          .prepare("INSERT INTO members (list_id, line, email, name, fields_json, change) VALUES (?, 99, 'kimura@example.orq', '木村 四郎', '{}', 'new')")
          .run(l),
    ],
    ['a member deleted', (db, l) => db.prepare("DELETE FROM members WHERE list_id = ? AND email = 'hanak0@docomo.ne.jp'").run(l)],
    ['a member excluded', (db, l) => insertExclusion(db, l, { ref: 'e:taro.tanaka@gmial.com', reason: null, by: null }, NOW)],
    ['an address suppressed', (db) => upsertSuppression(db, { address: 'ichiro@corp.co.jp', reason: 'moved', note: null, addedBy: null }, NOW)],
    ['an address marked shared', (db, l) => markShared(db, l, 'ichiro@corp.co.jp', null, NOW)],
    ['the organisation domains set', (db) => db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SETTING_KEYS.organisationDomains, 'example.orq')],
    ['members are organisations', (db) => db.prepare('INSERT OR REPLACE INTO settings (key, value) VALUES (?, ?)').run(SETTING_KEYS.recipientsAreOrganisations, '1')],
    ['the selection narrowed', (db, _l, c) => db.prepare('UPDATE campaigns SET selection_json = ? WHERE id = ?').run(JSON.stringify({ kind: 'picked', refs: ['e:hanako@docomo.ne.jp', 'e:hanak0@docomo.ne.jp'] }), c)],
    [
      'the recipients frozen, then a member edited (the frozen rows are what is checked)',
      (db, l, c) => {
        freezeSnapshot(db, c, l);
        db.prepare("UPDATE snapshots SET email = 'kimura@gmial.com' WHERE campaign_id = ? AND email = 'kimura@example.org'").run(c);
        db.prepare("UPDATE members SET email = 'kimura@example.net' WHERE list_id = ? AND email = 'kimura@example.org'").run(l);
      },
    ],
    ['the notice text changed', (db, _l, c) => db.prepare("UPDATE campaigns SET subject_template = '{{missing}}' WHERE id = ?").run(c)],
  ];

  for (const [what, change] of changes) {
    it(`after ${what}, gives the report computed afresh`, () => {
      const { db, campaignId, listId } = world();
      const checks = createCheckService({ db });
      const before = checks.checkCampaign(campaignId);
      expect(checks.latestReport(campaignId)).toEqual(before);
      change(db, listId, campaignId);
      const expected = uncached(db, campaignId);
      expect(expected).not.toEqual(before);
      expect(checks.checkCampaign(campaignId)).toEqual(expected);
      expect(checks.latestReport(campaignId)).toEqual(expected);
    });
  }

  it('after another connection changes a member, gives the report computed afresh', () => {
    const { db, file, campaignId, listId } = world();
    const checks = createCheckService({ db });
    const before = checks.checkCampaign(campaignId);
    const other = openDatabase(file);
    try {
      other.prepare("UPDATE members SET email = 'broken' WHERE list_id = ? AND email = 'kimura@example.org'").run(listId);
    } finally {
      other.close();
    }
    const expected = uncached(db, campaignId);
    expect(expected).not.toEqual(before);
    expect(checks.checkCampaign(campaignId)).toEqual(expected);
  });

  it('serves two notices to the same list from one computation, each with its own notice findings', () => {
    const { db, campaignId, listId } = world();
    const other = Number(
      db
        .prepare("INSERT INTO campaigns (list_id, profile_id, name, subject_template, body_template, created_by, created_at, updated_at) SELECT list_id, profile_id, 'other', '', body_template, 1, 0, 0 FROM campaigns WHERE id = ?")
        .run(campaignId).lastInsertRowid,
    );
    expect(listId).toBeGreaterThan(0);
    const checks = createCheckService({ db });
    expect(checks.checkCampaign(campaignId)).toEqual(uncached(db, campaignId));
    const second = checks.checkCampaign(other);
    expect(second).toEqual(uncached(db, other));
    expect(second.items.some((i) => i.code === 'template-empty')).toBe(true);
  });
});
