// The snapshot's hash stored when it is frozen (migration 0010): approving and starting a send
// rely on it instead of re-reading the rows, so any change to a frozen row must still void the
// approval, and an approval signed with the earlier digest version must still hold.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mustGetCampaign } from '../../../electron/db/repos/campaigns-repo';
import { digestOf, hashRecipients, hashRowTexts, legacyDigest } from '../../../electron/services/campaigns/campaign-digest';
import { digestHeader, sourceRows } from '../../../electron/services/campaigns/campaign-sources';
import { iterateSnapshot, iterateSnapshotDigestTexts, storedSnapshotHash } from '../../../electron/db/repos/snapshots-repo';
import { join } from 'node:path';
import { openDatabase } from '../../../electron/db/connection';
import { currentVersion } from '../../../electron/db/migrate';
import { migrations } from '../../../electron/db/migrations';
import { tempDir } from '../../helpers/tmp';
import { campaignFixture, type CampaignFixture } from './campaign-fixture';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

const voids = (campaignId: number): void => {
  expect(() => f.approvals.assertApproved(campaignId)).toThrowError(expect.objectContaining({ code: 'approval-void' }));
};

describe('the stored snapshot hash', () => {
  it('is written when the recipients are frozen and matches hashing the rows', async () => {
    const c = await f.approved();
    const stored = storedSnapshotHash(f.db, c.id);
    expect(stored?.rowCount).toBe(f.db.prepare('SELECT count(*) AS n FROM snapshots WHERE campaign_id = ?').pluck().get(c.id));
    expect(stored).toEqual(hashRowTexts(iterateSnapshotDigestTexts(f.db, c.id)));
    expect(stored?.version).toBe(4);
    expect(f.approvals.assertApproved(c.id).approverId).toBe(f.approver.id);
  });

  it('still holds when the list gains a row identical to a recipient (merged, so nothing sent changes)', async () => {
    const c = await f.approved();
    f.db.prepare('INSERT INTO members (list_id, line, email, name, fields_json) SELECT list_id, 99, email, name, fields_json FROM members WHERE list_id = ? AND line = 2').run(f.listId);
    expect(f.approvals.assertApproved(c.id).approverId).toBe(f.approver.id);
    f.db.prepare("INSERT INTO members (list_id, line, email, name, fields_json) VALUES (?, 100, 'new@example.jp', '新人', '{}')").run(f.listId);
    voids(c.id);
  });

  it('still voids when the address of a recipient is suppressed after approval', async () => {
    const c = await f.approved();
    f.db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES ('baba@example.jp', 'manual', 0)").run();
    voids(c.id);
  });

  it('is dropped when a frozen row is changed, and the approval is voided', async () => {
    const c = await f.approved();
    f.db.prepare("UPDATE snapshots SET name = '別人' WHERE campaign_id = ? AND position = 0").run(c.id);
    expect(storedSnapshotHash(f.db, c.id)).toBeUndefined();
    voids(c.id);
  });

  it('is dropped when a frozen row is deleted', async () => {
    const c = await f.approved();
    f.db.prepare('DELETE FROM snapshots WHERE campaign_id = ? AND position = 0').run(c.id);
    expect(storedSnapshotHash(f.db, c.id)).toBeUndefined();
    voids(c.id);
  });

  it('is not trusted when a row was added to the snapshot after it was frozen', async () => {
    const c = await f.approved();
    const n = f.db.prepare('SELECT count(*) FROM snapshots WHERE campaign_id = ?').pluck().get(c.id) as number;
    f.db
      .prepare("INSERT INTO snapshots (campaign_id, position, member_id, email, name, fields_json) VALUES (?, ?, NULL, 'evil@example.com', 'x', '{}')")
      .run(c.id, n);
    expect(storedSnapshotHash(f.db, c.id)).toBeUndefined();
    voids(c.id);
  });

  it('still voids when a member changes after approval (the current rows are compared, not trusted)', async () => {
    const c = await f.approved();
    f.db.prepare("UPDATE members SET fields_json = replace(fields_json, '101', '999') WHERE list_id = ?").run(f.listId);
    voids(c.id);
  });
});

describe('an approval signed with digest version 1 (before this version of Tayori)', () => {
  it('still holds while nothing changed, and is voided by a change', async () => {
    const c = await f.approved();
    // What version 1 computed for the same data, written where an older Tayori wrote it.
    const header = digestHeader(f.db, mustGetCampaign(f.db, c.id), () => ({ items: [...f.checkItems] }));
    const v1 = legacyDigest(header, iterateSnapshot(f.db, c.id));
    expect(legacyDigest(header, sourceRows(f.db, mustGetCampaign(f.db, c.id)))).toBe(v1);
    f.db.prepare('UPDATE approvals SET digest = ? WHERE campaign_id = ?').run(v1, c.id);
    f.db.prepare('UPDATE campaigns SET digest = ? WHERE id = ?').run(v1, c.id);
    expect(f.approvals.assertApproved(c.id).digest).toBe(v1);
    f.db.prepare("UPDATE members SET name = '別人' WHERE list_id = ? AND line = 2").run(f.listId);
    voids(c.id);
  });
});

describe('an approval signed with digest version 2 (before this version of Tayori)', () => {
  /** Rewrites the campaign's request and approval as version 2 signed them, stored hash included (or not). */
  function signAsVersion2(campaignId: number, storeHash: boolean): string {
    const header = digestHeader(f.db, mustGetCampaign(f.db, campaignId), () => ({ items: [...f.checkItems] }));
    const rows = hashRecipients(iterateSnapshot(f.db, campaignId));
    const v2 = digestOf(header, rows).digest;
    f.db.prepare('DELETE FROM snapshot_digests WHERE campaign_id = ?').run(campaignId);
    if (storeHash) f.db.prepare('INSERT INTO snapshot_digests (campaign_id, recipients, row_count, version) VALUES (?, ?, ?, 2)').run(campaignId, rows.recipients, rows.rowCount);
    f.db.prepare('UPDATE approvals SET digest = ? WHERE campaign_id = ?').run(v2, campaignId);
    f.db.prepare('UPDATE campaigns SET digest = ? WHERE id = ?').run(v2, campaignId);
    return v2;
  }

  it('holds with its stored version 2 hash while nothing changed, and is voided by a change', async () => {
    const c = await f.approved();
    const v2 = signAsVersion2(c.id, true);
    expect(storedSnapshotHash(f.db, c.id)?.version).toBe(2);
    expect(f.approvals.assertApproved(c.id).digest).toBe(v2);
    f.db.prepare("UPDATE members SET fields_json = replace(fields_json, '102', '999') WHERE list_id = ?").run(f.listId);
    voids(c.id);
  });

  it('holds without a stored hash (the rows are hashed as version 2 did)', async () => {
    const c = await f.approved();
    const v2 = signAsVersion2(c.id, false);
    expect(f.approvals.assertApproved(c.id).digest).toBe(v2);
  });

  it('a version 2 request can still be approved', async () => {
    const c = f.draft();
    await f.approvals.requestApproval(c.id, f.requester.id, '1357');
    const header = digestHeader(f.db, mustGetCampaign(f.db, c.id), () => ({ items: [...f.checkItems] }));
    const rows = hashRecipients(iterateSnapshot(f.db, c.id));
    const v2 = digestOf(header, rows).digest;
    f.db.prepare('UPDATE snapshot_digests SET recipients = ?, version = 2 WHERE campaign_id = ?').run(rows.recipients, c.id);
    f.db.prepare('UPDATE campaigns SET digest = ? WHERE id = ?').run(v2, c.id);
    expect((await f.approvals.approve(c.id, f.approver.id, '86420975')).digest).toBe(v2);
  });
});

describe('a database written by schema 7 (before migrations 0008-0012)', () => {
  it('keeps its frozen rows through the migration; with no stored hash the rows are hashed', async () => {
    const t = tempDir();
    try {
      const file = join(t.dir, 'old.db');
      const old = openDatabase(file, { migrations: migrations.slice(0, 7) });
      old.exec(`INSERT INTO lists (id, name, created_at, updated_at) VALUES (1, 'l', 0, 0);
        INSERT INTO campaigns (id, list_id, name, created_at, updated_at) VALUES (1, 1, 'c', 0, 0);
        INSERT INTO snapshots (campaign_id, position, email, name, fields_json) VALUES (1, 0, 'a@example.jp', '青木', '{"x":"1"}');`);
      old.close();
      const db = openDatabase(file);
      expect(currentVersion(db)).toBe(migrations.length);
      expect(db.prepare('SELECT email, name, fields_json FROM snapshots').all()).toEqual([{ email: 'a@example.jp', name: '青木', fields_json: '{"x":"1"}' }]);
      expect(storedSnapshotHash(db, 1)).toBeUndefined();
      db.close();
    } finally {
      t.cleanup();
    }
  });

  it('an approval signed before it holds without a stored hash', async () => {
    const c = await f.approved();
    f.db.prepare('DELETE FROM snapshot_digests WHERE campaign_id = ?').run(c.id);
    const header = digestHeader(f.db, mustGetCampaign(f.db, c.id), () => ({ items: [...f.checkItems] }));
    const v1 = legacyDigest(header, iterateSnapshot(f.db, c.id));
    f.db.prepare('UPDATE approvals SET digest = ? WHERE campaign_id = ?').run(v1, c.id);
    f.db.prepare('UPDATE campaigns SET digest = ? WHERE id = ?').run(v1, c.id);
    expect(f.approvals.assertApproved(c.id).digest).toBe(v1);
  });
});
