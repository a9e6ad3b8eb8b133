// The start-of-send check after an approval (issue 15): whether the list still gives the frozen
// rows is a pass over every frozen row and its member; approve computes it during the PIN check
// and writes its own rows under outsideMembers, so the check right after reuses the answer. Any
// write to a member, exclusion, suppression or snapshot computes it afresh and voids as before.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { campaignFixture, type CampaignFixture } from './campaign-fixture';

const passes = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../electron/db/repos/recipients-query', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../electron/db/repos/recipients-query')>();
  return {
    ...original,
    listStillGivesSnapshot: (...args: Parameters<typeof original.listStillGivesSnapshot>) => {
      passes.count++;
      return original.listStillGivesSnapshot(...args);
    },
  };
});

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

describe('the start-of-send check after approve', () => {
  it('reuses the pass approve made over the frozen rows', async () => {
    const c = await f.approved();
    const before = passes.count;
    expect(f.approvals.assertApproved(c.id, { unexpired: true }).approverId).toBe(f.approver.id);
    expect(passes.count - before).toBe(0);
  });

  it('passes over them again after a write to a member, an exclusion or a suppression, and voids the approval', async () => {
    for (const write of [
      (listId: number) => f.db.prepare("UPDATE members SET name = '馬場 一朗' WHERE list_id = ? AND email = 'baba@example.jp'").run(listId),
      (listId: number) => f.db.prepare("INSERT INTO list_exclusions (list_id, member_ref, reason, excluded_at) VALUES (?, 'e:baba@example.jp', NULL, 0)").run(listId),
      () => f.db.prepare("INSERT INTO suppressions (address, reason, added_at) VALUES ('baba@example.jp', 'manual', 0)").run(),
    ]) {
      const c = await f.approved();
      f.approvals.assertApproved(c.id);
      const before = passes.count;
      write(f.listId);
      expect(() => f.approvals.assertApproved(c.id)).toThrowError(expect.objectContaining({ code: 'approval-void' }));
      expect(passes.count - before).toBe(1);
      f.db.exec('DELETE FROM list_exclusions; DELETE FROM suppressions');
      f.db.prepare("UPDATE members SET name = '馬場 一郎' WHERE list_id = ? AND email = 'baba@example.jp'").run(f.listId);
    }
  });
});
