import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSnapshot } from '../../../electron/db/repos/snapshots-repo';
import { listApprovals } from '../../../electron/db/repos/approvals-repo';
import { APPROVER_PIN, campaignFixture, REQUESTER_PIN, type CampaignFixture } from './campaign-fixture';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

describe('campaign drafts', () => {
  it('defaults the cancel window to 5 minutes and refuses less than 10 seconds', () => {
    expect(f.draft().cancelWindowS).toBe(300);
    expect(f.draft({ cancelWindowS: 10 }).cancelWindowS).toBe(10);
    expect(() => f.draft({ cancelWindowS: 9 })).toThrowError(expect.objectContaining({ code: 'validation' }));
    expect(() => f.draft({ listId: 999 })).toThrowError(expect.objectContaining({ code: 'not-found' }));
  });

  it('stores attachments with their sha256 and size', async () => {
    const c = f.draft();
    const a = await f.campaigns.addAttachment(c.id, { fileName: '案内.pdf', content: new TextEncoder().encode('%PDF-1.4 test') });
    expect(a).toMatchObject({ fileName: '案内.pdf', bytes: 13 });
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(f.approvals.attachmentsForSend(c.id)[0]!.content.toString()).toBe('%PDF-1.4 test');
  });
});

describe('requesting approval', () => {
  it('freezes a snapshot of the members, computes the digest and waits for approval', async () => {
    const c = f.draft();
    const req = await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    expect(req.recipientCount).toBe(3);
    expect(req.digest).toMatch(/^[0-9a-f]{64}$/);
    const snap = listSnapshot(f.db, c.id);
    expect(snap.map((r) => [r.position, r.email, r.name])).toEqual([
      [0, 'aoki@example.jp', '青木 花子'],
      [1, 'baba@example.jp', '馬場 一郎'],
      [2, 'chiba@example.jp', '千葉 三郎'],
    ]);
    expect(snap[0]!.fields).toMatchObject({ 部屋: '101' });
    expect(snap.every((r) => r.memberId !== null)).toBe(true);
    expect(f.campaigns.getCampaign(c.id)).toMatchObject({ status: 'pending_approval', digest: req.digest, requestedBy: f.requester.id });
    expect(f.audit.list({ campaignId: c.id, action: 'approval.requested' })).toHaveLength(1);
  });

  it('is blocked by a template referring to a column the list lacks', async () => {
    const c = f.draft({ bodyTemplate: '{{氏名}}様 {{電話}}' });
    await expect(f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN)).rejects.toThrowError(
      expect.objectContaining({ code: 'approval-blocked', details: expect.objectContaining({ templateIssues: expect.any(Array) }) }),
    );
  });

  it('is blocked when a member lacks a value the template needs, naming the member', async () => {
    await f.importCsv(['メール,氏名,部屋', 'aoki@example.jp,青木 花子,101', 'baba@example.jp,馬場 一郎,'].join('\n'), f.listId);
    const c = f.draft();
    try {
      await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ code: 'approval-blocked', details: { missingCount: 1, missing: [{ position: 1, email: 'baba@example.jp', missing: ['部屋'] }] } });
    }
    expect(listSnapshot(f.db, c.id)).toHaveLength(0);
  });

  it('is blocked by a blocking check item, and the snapshot is rolled back', async () => {
    f.checkItems.push({ code: 'invalid-address', severity: 'blocking' });
    const c = f.draft();
    await expect(f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN)).rejects.toThrowError(expect.objectContaining({ code: 'approval-blocked' }));
    expect(listSnapshot(f.db, c.id)).toHaveLength(0);
    expect(f.campaigns.getCampaign(c.id).status).toBe('draft');
  });

  it('needs an SMTP profile', async () => {
    const c = f.draft({ profileId: null });
    await expect(f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN)).rejects.toThrowError(expect.objectContaining({ code: 'validation' }));
  });
});

describe('approving', () => {
  it('refuses the requester approving their own request, without costing a PIN attempt', async () => {
    const c = f.draft();
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    await expect(f.approvals.approve(c.id, f.requester.id, REQUESTER_PIN)).rejects.toMatchObject({ code: 'approval-same-user' });
    expect(f.audit.list({ action: 'pin.failed' })).toHaveLength(0);
    expect(listApprovals(f.db, c.id)).toHaveLength(0);
  });

  it('refuses a wrong PIN, and a locked approver', async () => {
    const c = f.draft();
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    for (let i = 0; i < 4; i++) await expect(f.approvals.approve(c.id, f.approver.id, '0000')).rejects.toMatchObject({ code: 'pin-wrong' });
    await expect(f.approvals.approve(c.id, f.approver.id, '0000')).rejects.toMatchObject({ code: 'pin-locked' });
    await expect(f.approvals.approve(c.id, f.approver.id, APPROVER_PIN)).rejects.toMatchObject({ code: 'pin-locked' });
    expect(f.campaigns.getCampaign(c.id).status).toBe('pending_approval');
  });

  it('needs a request first', async () => {
    const c = f.draft();
    await expect(f.approvals.approve(c.id, f.approver.id, APPROVER_PIN)).rejects.toMatchObject({ code: 'approval-required' });
    expect(() => f.approvals.assertApproved(c.id)).toThrowError(expect.objectContaining({ code: 'approval-required' }));
  });

  it('records approver, time and digest; assertApproved returns them while nothing changed', async () => {
    const c = f.draft();
    const req = await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    f.clock.advance(60_000);
    const a = await f.approvals.approve(c.id, f.approver.id, APPROVER_PIN);
    expect(a).toMatchObject({ digest: req.digest, approverId: f.approver.id, requestedBy: f.requester.id, approvedAt: f.clock.now() });
    expect(f.campaigns.getCampaign(c.id).status).toBe('approved');
    expect(f.approvals.assertApproved(c.id)).toMatchObject({ digest: req.digest, approverId: f.approver.id });
    expect(f.approvals.currentApproval(c.id)).toMatchObject({ digest: req.digest });
    const given = f.audit.list({ campaignId: c.id, action: 'approval.given' });
    expect(given[0]).toMatchObject({ actor: '会長 花子', details: { digest: req.digest, recipientCount: 3 } });
  });

  it('refuses approval if something changed between the request and the PIN', async () => {
    const c = f.draft();
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    await f.profiles.updateProfile(f.profile.id, { fromName: '別の名前' });
    await expect(f.approvals.approve(c.id, f.approver.id, APPROVER_PIN)).rejects.toMatchObject({
      code: 'approval-void',
      details: { changed: ['profile'] },
    });
    expect(f.campaigns.getCampaign(c.id).status).toBe('draft');
  });

  it('can be requested and approved again after a void', async () => {
    const c = await f.approved();
    f.campaigns.updateCampaign(c.id, { subjectTemplate: '【訂正】{{氏名}}様' }, f.requester.name);
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    await f.approvals.approve(c.id, f.approver.id, APPROVER_PIN);
    expect(f.approvals.assertApproved(c.id).approverId).toBe(f.approver.id);
    expect(listApprovals(f.db, c.id).map((a) => a.voidedAt === null)).toEqual([false, true]);
  });
});
