import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listSnapshot } from '../../../electron/db/repos/snapshots-repo';
import { buildTestMessage, recordTestSent } from '../../../electron/services/test-send/test-message';
import { buildMessage } from '../../../shared/message';
import { APPROVER_PIN, REQUESTER_PIN, campaignFixture, type CampaignFixture } from './campaign-fixture';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

/** Stands in for the send engine: one sends row per snapshot row with the given statuses. */
function recordSends(campaignId: number, statuses: string[]) {
  const snap = listSnapshot(f.db, campaignId);
  const stmt = f.db.prepare('INSERT INTO sends (campaign_id, snapshot_id, status, updated_at) VALUES (?, ?, ?, 0)');
  snap.forEach((r, i) => stmt.run(campaignId, r.id, statuses[i]));
}

describe('follow-up campaigns', () => {
  it('address the earlier recipients with the chosen statuses, at their current row; members gone since are left out', async () => {
    const first = await f.approved();
    recordSends(first.id, ['sent', 'failed', 'unknown']);
    // The list is corrected afterwards: 青木's room changed, 千葉 left, someone new joined.
    await f.importCsv('メール,氏名,部屋\r\naoki@example.jp,青木 花子,111\r\nbaba@example.jp,馬場 一郎,102\r\nzed@example.jp,全 然,999', f.listId);
    const fu = f.campaigns.createFollowUp(first.id, { statuses: ['sent', 'unknown'], createdBy: f.requester.id }, f.requester.name);
    expect(fu).toMatchObject({ followUpOf: first.id, status: 'draft', listId: first.listId, profileId: first.profileId });
    f.campaigns.updateCampaign(fu.id, { subjectTemplate: '【訂正】{{氏名}}様', bodyTemplate: '{{部屋}}号室 {{氏名}}様、先ほどのお知らせの訂正です。' });
    const req = await f.approvals.requestApproval(fu.id, f.requester.id, REQUESTER_PIN);
    expect(req.recipientCount).toBe(1);
    expect(listSnapshot(f.db, fu.id).map((r) => [r.position, r.email, r.fields['部屋']])).toEqual([[0, 'aoki@example.jp', '111']]);
    await f.approvals.approve(fu.id, f.approver.id, APPROVER_PIN);
    expect(f.approvals.assertApproved(fu.id).approverId).toBe(f.approver.id);
    expect(f.audit.list({ action: 'campaign.follow-up-created' })[0]!.details).toMatchObject({ followUpOf: first.id, recipients: 2 });
  });

  it('is voided when the earlier recipient set changes (an unknown marked as failed)', async () => {
    const first = await f.approved();
    recordSends(first.id, ['sent', 'failed', 'unknown']);
    const fu = f.campaigns.createFollowUp(first.id, { statuses: ['sent', 'unknown'] });
    f.campaigns.updateCampaign(fu.id, { subjectTemplate: '訂正', bodyTemplate: '{{氏名}}様' });
    await f.approvals.requestApproval(fu.id, f.requester.id, REQUESTER_PIN);
    await f.approvals.approve(fu.id, f.approver.id, APPROVER_PIN);
    f.db.prepare("UPDATE sends SET status = 'failed' WHERE campaign_id = ? AND status = 'unknown'").run(first.id);
    expect(() => f.approvals.assertApproved(fu.id)).toThrowError(expect.objectContaining({ code: 'approval-void' }));
  });

  it('refuses an empty or unknown status selection, and has no recipients when none match', async () => {
    const first = await f.approved();
    recordSends(first.id, ['sent', 'sent', 'sent']);
    expect(() => f.campaigns.createFollowUp(first.id, { statuses: [] })).toThrowError(expect.objectContaining({ code: 'validation' }));
    expect(() => f.campaigns.createFollowUp(first.id, { statuses: ['bogus' as never] })).toThrowError(expect.objectContaining({ code: 'validation' }));
    const fu = f.campaigns.createFollowUp(first.id, { statuses: ['failed'] });
    f.campaigns.updateCampaign(fu.id, { subjectTemplate: 's', bodyTemplate: 'b' });
    await expect(f.approvals.requestApproval(fu.id, f.requester.id, REQUESTER_PIN)).rejects.toThrowError(
      expect.objectContaining({ code: 'approval-blocked', details: { noRecipients: true } }),
    );
  });

  it('a campaign with send records cannot be re-frozen', async () => {
    const first = await f.approved();
    recordSends(first.id, ['queued', 'queued', 'queued']);
    await expect(f.approvals.requestApproval(first.id, f.requester.id, REQUESTER_PIN)).rejects.toThrowError(expect.objectContaining({ code: 'send-state' }));
  });
});

describe('test message', () => {
  it("is the member's exact message, subject marked [TEST], addressed only to the operator", async () => {
    const c = f.draft();
    const member = f.db.prepare("SELECT id FROM members WHERE email = 'baba@example.jp'").get() as { id: number };
    const msg = buildTestMessage(f.db, c.id, { memberId: member.id }, 'operator@example.jp');
    const real = buildMessage({
      sender: { address: 'office@example.jp', name: '桜町町内会' },
      recipient: { email: 'baba@example.jp', name: '馬場 一郎', fields: { メール: 'baba@example.jp', 氏名: '馬場 一郎', 部屋: '102' } },
      template: { subject: c.subjectTemplate, body: c.bodyTemplate },
    });
    if (!real.ok) throw new Error('fixture');
    expect(msg).toEqual({ ...real.message, subject: `[TEST] ${real.message.subject}`, to: { address: 'operator@example.jp', name: '' } });
    expect(msg.text).toContain('102号室');
    expect(JSON.stringify(msg)).not.toContain('baba@example.jp');
  });

  it('works by snapshot position after the request, refuses a bad operator address, never touches sends', async () => {
    const c = f.draft();
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    const msg = buildTestMessage(f.db, c.id, { position: 2 }, 'operator@example.jp');
    expect(msg.subject).toBe('[TEST] 千葉 三郎様 総会のお知らせ');
    expect(() => buildTestMessage(f.db, c.id, { position: 2 }, 'a@b.jp, c@d.jp')).toThrowError(expect.objectContaining({ code: 'validation' }));
    expect(() => buildTestMessage(f.db, c.id, { position: 9 }, 'operator@example.jp')).toThrowError(expect.objectContaining({ code: 'not-found' }));
    recordTestSent(f.db, f.audit, c.id, { actor: f.requester.name, target: { position: 2 }, to: 'operator@example.jp', messageId: '<x@y>' });
    expect(f.audit.list({ action: 'test.sent' })[0]).toMatchObject({
      actor: '受付 太郎',
      campaignId: c.id,
      details: { position: 2, to: 'operator@example.jp', messageId: '<x@y>' },
    });
    expect(f.db.prepare('SELECT count(*) AS n FROM sends').get()).toEqual({ n: 0 });
    // A test send is not an edit: the request stands.
    expect(f.campaigns.getCampaign(c.id).status).toBe('pending_approval');
  });
});
