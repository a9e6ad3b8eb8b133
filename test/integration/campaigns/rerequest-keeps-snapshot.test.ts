// A new approval request of a notice whose snapshot already holds exactly the rows it would freeze
// (the usual case: the notice's text was edited after the request) keeps those rows instead of
// deleting and copying them again (snapshot-chunks-repo.ts snapshotHoldsChunks). Any difference,
// in a row's text or in the member a row was frozen from, freezes afresh.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mustGetCampaign } from '../../../electron/db/repos/campaigns-repo';
import { storedSnapshotHash } from '../../../electron/db/repos/snapshots-repo';
import { campaignFixture, REQUESTER_PIN, APPROVER_PIN, type CampaignFixture } from './campaign-fixture';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

/** The snapshot as stored: row id, position, member id, address, name. */
const snapshotRows = (campaignId: number) =>
  f.db.prepare('SELECT id, position, member_id AS memberId, email, name FROM snapshots WHERE campaign_id = ? ORDER BY position').all(campaignId) as {
    id: number;
    position: number;
    memberId: number;
    email: string;
    name: string;
  }[];

/** Counts the snapshot rows written (inserted or deleted) from now on, by a temporary trigger of this connection. */
function countSnapshotWrites(): () => number {
  f.db.exec(`CREATE TEMP TABLE IF NOT EXISTS snapshot_writes (n INTEGER);
    CREATE TEMP TRIGGER IF NOT EXISTS snapshot_inserts AFTER INSERT ON main.snapshots BEGIN INSERT INTO snapshot_writes VALUES (1); END;
    CREATE TEMP TRIGGER IF NOT EXISTS snapshot_deletes AFTER DELETE ON main.snapshots BEGIN INSERT INTO snapshot_writes VALUES (1); END;
    DELETE FROM snapshot_writes;`);
  return () => f.db.prepare('SELECT count(*) FROM snapshot_writes').pluck().get() as number;
}

async function requestedThenEdited() {
  const c = f.draft();
  await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
  const before = snapshotRows(c.id);
  f.campaigns.updateCampaign(c.id, { subjectTemplate: '{{氏名}}様 総会（改）' }, f.requester.name);
  expect(mustGetCampaign(f.db, c.id).status).toBe('draft');
  return { c, before };
}

describe('a new request of an edited notice', () => {
  it('keeps the snapshot that already holds its rows, and is approved with the new text', async () => {
    const { c, before } = await requestedThenEdited();
    const writes = countSnapshotWrites();
    const again = await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    // The same stored rows: nothing was deleted or copied.
    expect(writes()).toBe(0);
    expect(snapshotRows(c.id)).toEqual(before);
    expect(storedSnapshotHash(f.db, c.id)?.rowCount).toBe(3);
    expect(again.recipientCount).toBe(3);
    await f.approvals.approve(c.id, f.approver.id, APPROVER_PIN);
    expect(f.approvals.assertApproved(c.id, { unexpired: true }).digest).toBe(again.digest);
  });

  it('freezes afresh when a member changed since', async () => {
    const { c, before } = await requestedThenEdited();
    f.db.prepare("UPDATE members SET name = '馬場 一朗' WHERE list_id = ? AND email = 'baba@example.jp'").run(f.listId);
    const writes = countSnapshotWrites();
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    expect(writes()).toBe(2 * before.length);
    expect(snapshotRows(c.id).map((r) => r.name)).toEqual(['青木 花子', '馬場 一朗', '千葉 三郎']);
    await f.approvals.approve(c.id, f.approver.id, APPROVER_PIN);
    expect(f.approvals.assertApproved(c.id).approverId).toBe(f.approver.id);
  });

  it('freezes afresh when a row is the same text from another member (the hash leaves member ids out)', async () => {
    const { c, before } = await requestedThenEdited();
    // The last member replaced by an identical row under a new id: the same rows in the same order,
    // the last one from another member.
    const old = before[2]!.memberId;
    const moved = Number(
      f.db.prepare('INSERT INTO members (list_id, line, email, name, fields_json) SELECT list_id, 99, email, name, fields_json FROM members WHERE id = ?').run(old).lastInsertRowid,
    );
    f.db.prepare('DELETE FROM members WHERE id = ?').run(old);
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    const after = snapshotRows(c.id);
    expect(after.map((r) => r.email)).toEqual(before.map((r) => r.email));
    expect(after.map((r) => r.memberId)).toEqual([before[0]!.memberId, before[1]!.memberId, moved]);
  });
});
