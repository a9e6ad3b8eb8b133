// The check screen's report is reused only while the database is unchanged: any write (the
// template, a member, a setting, a user — through this connection or another) computes afresh,
// and approval gating (checkCampaign) always computes.
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { createCheckService } from '../../../electron/services/checks';
import { tempDb } from '../../helpers/tmp';
import { seedCampaign } from './seed';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function world() {
  const t = tempDb();
  cleanup = t.cleanup;
  const { campaignId, listId } = seedCampaign(t.db, {
    members: [
      { email: 'sato@example.org', name: '佐藤 花子' },
      { email: 'kato@example.net', name: '加藤 一郎' },
    ],
    settings: { organisationAddress: 'info@tayori-town.jp' },
  });
  return { db: t.db, file: t.file, campaignId, listId };
}

describe('latestReport', () => {
  it('serves the same report while nothing was written', () => {
    const { db, campaignId } = world();
    const checks = createCheckService({ db });
    const first = checks.latestReport(campaignId);
    expect(checks.latestReport(campaignId)).toBe(first);
    expect(checks.checkCampaign(campaignId)).not.toBe(first);
  });

  it('computes afresh after a member changes, and the new report shows the change', () => {
    const { db, campaignId, listId } = world();
    const checks = createCheckService({ db });
    const before = checks.latestReport(campaignId);
    expect(before.items.some((i) => i.code === 'invalid-address')).toBe(false);
    db.prepare("UPDATE members SET email = 'broken' WHERE list_id = ? AND email = 'kato@example.net'").run(listId);
    const after = checks.latestReport(campaignId);
    expect(after).not.toBe(before);
    expect(after.items.some((i) => i.code === 'invalid-address' && i.severity === 'blocking')).toBe(true);
  });

  it('computes afresh after the template changes', () => {
    const { db, campaignId } = world();
    const checks = createCheckService({ db });
    const before = checks.latestReport(campaignId);
    db.prepare("UPDATE campaigns SET subject_template = '' WHERE id = ?").run(campaignId);
    const after = checks.latestReport(campaignId);
    expect(after).not.toBe(before);
    expect(after.items.some((i) => i.code === 'template-empty')).toBe(true);
  });

  it('computes afresh after another connection commits a change', () => {
    const { db, file, campaignId, listId } = world();
    const checks = createCheckService({ db });
    const before = checks.latestReport(campaignId);
    const other = openDatabase(file);
    try {
      other.prepare("UPDATE members SET email = 'broken' WHERE list_id = ? AND email = 'sato@example.org'").run(listId);
    } finally {
      other.close();
    }
    const after = checks.latestReport(campaignId);
    expect(after).not.toBe(before);
    expect(after.items.some((i) => i.code === 'invalid-address')).toBe(true);
  });

  it('keeps no report computed inside a transaction, whose writes may yet be rolled back', () => {
    const { db, campaignId, listId } = world();
    const checks = createCheckService({ db });
    const before = checks.latestReport(campaignId);
    expect(() =>
      db.transaction(() => {
        db.prepare("UPDATE members SET email = 'broken' WHERE list_id = ? AND email = 'kato@example.net'").run(listId);
        expect(checks.latestReport(campaignId).items.some((i) => i.code === 'invalid-address')).toBe(true);
        throw new Error('rolled back');
      })(),
    ).toThrow('rolled back');
    // total_changes() counted the rolled-back write: a report kept inside would be served now.
    const after = checks.latestReport(campaignId);
    expect(after.items.some((i) => i.code === 'invalid-address')).toBe(false);
    expect(after).toEqual(before);
  });

  it('reuses a kept report inside a transaction that has written nothing yet', () => {
    const { db, campaignId } = world();
    const checks = createCheckService({ db });
    const kept = checks.latestReport(campaignId);
    expect(db.transaction(() => checks.latestReport(campaignId))()).toBe(kept);
  });
});
