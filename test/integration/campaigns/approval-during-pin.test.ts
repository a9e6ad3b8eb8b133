// The approval request and approve read and hash the recipients while the PIN's scrypt runs
// (while-authenticating.ts). What that must not change: a wrong PIN writes nothing but the PIN
// gate's own records and counts toward the lock exactly as before, and a change that lands while
// the PIN is checked is never covered by what was read before it (the freeze, its stored hash,
// the missing-field check and the approve's digest check all see the database as it is then).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../../electron/db/connection';
import { iterateSnapshotDigestTexts, listSnapshot, storedSnapshotHash } from '../../../electron/db/repos/snapshots-repo';
import { createApprovalService } from '../../../electron/services/campaigns/approval-service';
import { hashRowTexts } from '../../../electron/services/campaigns/campaign-digest';
import type { UserService } from '../../../electron/services/users/user-service';
import { APPROVER_PIN, campaignFixture, REQUESTER_PIN, type CampaignFixture } from './campaign-fixture';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

/** Every row of every table but the PIN gate's own (users, audit), to compare before and after. */
function everythingElse(db: Db): Record<string, unknown[]> {
  const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT IN ('users', 'audit') AND name NOT LIKE 'sqlite_%' ORDER BY name").pluck().all() as string[];
  return Object.fromEntries(tables.map((t) => [t, db.prepare(`SELECT * FROM "${t}"`).raw().all()]));
}

const failedAttempts = (userId: number): number => f.db.prepare('SELECT failed_attempts FROM users WHERE id = ?').pluck().get(userId) as number;

/** The approval service with a PIN check after which `during` runs, as another handler would while scrypt runs. */
function approvalsWithWriteDuringPin(during: () => void) {
  const users: UserService = {
    ...f.users,
    verifyPin: async (userId, pin) => {
      const u = await f.users.verifyPin(userId, pin);
      during();
      return u;
    },
  };
  return createApprovalService({ db: f.db, clock: f.clock, audit: f.audit, users, checks: () => ({ items: [...f.checkItems] }) });
}

describe('work done while the PIN is checked', () => {
  it('a wrong requester PIN changes nothing but the failed count and its audit row; the fifth locks as before', async () => {
    const c = f.draft();
    const before = everythingElse(f.db);
    const auditBefore = f.audit.list({}).length;
    for (let i = 1; i <= 4; i++) {
      await expect(f.approvals.requestApproval(c.id, f.requester.id, '0000')).rejects.toMatchObject({ code: 'pin-wrong', details: { remaining: 5 - i } });
      expect(failedAttempts(f.requester.id)).toBe(i);
      expect(f.audit.list({}).length).toBe(auditBefore + i);
      expect(everythingElse(f.db)).toEqual(before);
    }
    await expect(f.approvals.requestApproval(c.id, f.requester.id, '0000')).rejects.toMatchObject({ code: 'pin-locked' });
    await expect(f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN)).rejects.toMatchObject({ code: 'pin-locked' });
    expect(f.audit.list({ action: 'pin.failed' })).toHaveLength(5);
    expect(f.audit.list({ action: 'pin.locked' })).toHaveLength(1);
    expect(everythingElse(f.db)).toEqual(before);
    expect(listSnapshot(f.db, c.id)).toHaveLength(0);
    expect(f.campaigns.getCampaign(c.id).status).toBe('draft');
  });

  it('a wrong approver PIN changes nothing but the failed count and its audit row', async () => {
    const c = f.draft();
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    const before = everythingElse(f.db);
    await expect(f.approvals.approve(c.id, f.approver.id, '0000')).rejects.toMatchObject({ code: 'pin-wrong' });
    expect(failedAttempts(f.approver.id)).toBe(1);
    expect(f.audit.list({ action: 'pin.failed' })).toHaveLength(1);
    expect(everythingElse(f.db)).toEqual(before);
  });

  it('parallel wrong PINs are each counted in turn, and those after the fifth are refused unread', async () => {
    const c = f.draft();
    const before = everythingElse(f.db);
    const tries = await Promise.allSettled([...Array(7)].map(() => f.approvals.requestApproval(c.id, f.requester.id, '0000')));
    expect(tries.map((t) => (t.status === 'rejected' ? (t.reason as { code: string }).code : 'ok'))).toEqual(['pin-wrong', 'pin-wrong', 'pin-wrong', 'pin-wrong', 'pin-locked', 'pin-locked', 'pin-locked']);
    expect(failedAttempts(f.requester.id)).toBe(5);
    expect(everythingElse(f.db)).toEqual(before);
  });

  it('freezes and hashes the rows as they are after a member changed during the PIN check', async () => {
    const approvals = approvalsWithWriteDuringPin(() => {
      f.db.prepare("UPDATE members SET fields_json = replace(fields_json, '102', '202') WHERE list_id = ?").run(f.listId);
    });
    const c = f.draft();
    const req = await approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    expect(listSnapshot(f.db, c.id).map((r) => r.fields['部屋'])).toEqual(['101', '202', '103']);
    const rehashed = hashRowTexts(iterateSnapshotDigestTexts(f.db, c.id));
    expect(storedSnapshotHash(f.db, c.id)).toEqual(rehashed);
    // The same request on an unchanged list (a second notice) gives the same recipients part.
    const again = f.draft({ name: '二通目' });
    const req2 = await f.approvals.requestApproval(again.id, f.requester.id, REQUESTER_PIN);
    expect(f.audit.list({ campaignId: c.id, action: 'approval.requested' })[0]?.details['parts']).toMatchObject({ recipients: rehashed.recipients });
    expect(f.audit.list({ campaignId: again.id, action: 'approval.requested' })[0]?.details['parts']).toMatchObject({ recipients: rehashed.recipients });
    expect(req.recipientCount).toBe(3);
    expect(req2.recipientCount).toBe(3);
    await expect(approvals.approve(c.id, f.approver.id, APPROVER_PIN)).resolves.toMatchObject({ digest: req.digest });
  });

  it('is blocked when a member lost a needed value during the PIN check, and nothing is frozen', async () => {
    const approvals = approvalsWithWriteDuringPin(() => {
      f.db.prepare("UPDATE members SET fields_json = replace(fields_json, '\"103\"', '\"\"') WHERE list_id = ?").run(f.listId);
    });
    const c = f.draft();
    await expect(approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN)).rejects.toMatchObject({
      code: 'approval-blocked',
      details: { missingCount: 1, missing: [{ email: 'chiba@example.jp', missing: ['部屋'] }] },
    });
    expect(listSnapshot(f.db, c.id)).toHaveLength(0);
    expect(storedSnapshotHash(f.db, c.id)).toBeUndefined();
  });

  it('voids the request when a member changed during the approver PIN check', async () => {
    let change = false;
    const approvals = approvalsWithWriteDuringPin(() => {
      if (change) f.db.prepare("UPDATE members SET name = '別人' WHERE list_id = ? AND line = 2").run(f.listId);
    });
    const c = f.draft();
    await approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    change = true;
    await expect(approvals.approve(c.id, f.approver.id, APPROVER_PIN)).rejects.toMatchObject({ code: 'approval-void', details: { changed: ['recipients'] } });
    expect(f.campaigns.getCampaign(c.id).status).toBe('draft');
  });

  it('refuses approval when the check report gained a blocking finding during the approver PIN check', async () => {
    let change = false;
    const approvals = approvalsWithWriteDuringPin(() => {
      if (!change) return;
      f.checkItems.push({ code: 'address-invalid', severity: 'blocking' });
      // The report is a pure function of the database: a write is what changes it.
      f.db.prepare("UPDATE members SET name = name WHERE list_id = ? AND line = 2").run(f.listId);
    });
    const c = f.draft();
    await approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    change = true;
    await expect(approvals.approve(c.id, f.approver.id, APPROVER_PIN)).rejects.toMatchObject({ code: 'approval-void', details: { changed: ['checks'] } });
  });
});
