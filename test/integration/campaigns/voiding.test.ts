// Promise 3: any change after approval voids it. One test per kind of change, each checking
// that assertApproved refuses, the approval row is marked voided and the audit log says so.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listApprovals } from '../../../electron/db/repos/approvals-repo';
import { MEMBERS_CSV, REQUESTER_PIN, campaignFixture, type CampaignFixture } from './campaign-fixture';

let f: CampaignFixture;
beforeEach(async () => {
  f = await campaignFixture();
});
afterEach(() => f.cleanup());

function expectVoided(campaignId: number, changed?: string[]) {
  let err: unknown;
  try {
    f.approvals.assertApproved(campaignId);
  } catch (e) {
    err = e;
  }
  expect(err).toMatchObject({ code: 'approval-void' });
  if (changed) expect((err as { details: { changed?: string[] } }).details.changed ?? []).toEqual(changed);
  const approvals = listApprovals(f.db, campaignId);
  expect(approvals.at(-1)!.voidedAt).not.toBeNull();
  expect(f.audit.list({ campaignId, action: 'approval.voided' }).length).toBeGreaterThan(0);
  expect(f.approvals.currentApproval(campaignId)).toBeNull();
  expect(f.campaigns.getCampaign(campaignId).status).toBe('draft');
}

describe('changes that void an approval', () => {
  it('subject template edited', async () => {
    const c = await f.approved();
    f.campaigns.updateCampaign(c.id, { subjectTemplate: '{{氏名}}様 総会のお知らせ（再送）' }, f.requester.name);
    expectVoided(c.id);
    expect(listApprovals(f.db, c.id)[0]!.voidReason).toBe('campaign-edited');
  });

  it('body template edited', async () => {
    const c = await f.approved();
    f.campaigns.updateCampaign(c.id, { bodyTemplate: '{{氏名}}様\n総会は5月2日です。' });
    expectVoided(c.id);
  });

  it('campaign switched to another SMTP profile', async () => {
    const other = await f.profiles.createProfile({ name: '個人', host: 'smtp.gmail.example', port: 465, security: 'tls', fromAddress: 'me@gmail.example' });
    const c = await f.approved();
    f.campaigns.updateCampaign(c.id, { profileId: other.id });
    expectVoided(c.id);
  });

  it('attachment added', async () => {
    const c = await f.approved();
    await f.campaigns.addAttachment(c.id, { fileName: 'extra.pdf', content: new Uint8Array([1, 2, 3]) });
    expectVoided(c.id);
  });

  it('attachment removed', async () => {
    const c = f.draft();
    const a = await f.campaigns.addAttachment(c.id, { fileName: 'a.pdf', content: new Uint8Array([1, 2, 3]) });
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    await f.approvals.approve(c.id, f.approver.id, '86420975');
    f.campaigns.removeAttachment(c.id, a.id);
    expectVoided(c.id);
  });

  it('attachment bytes changed behind the service (stored hash left as it was)', async () => {
    const c = f.draft();
    await f.campaigns.addAttachment(c.id, { fileName: 'a.pdf', content: new Uint8Array([1, 2, 3]) });
    await f.approvals.requestApproval(c.id, f.requester.id, REQUESTER_PIN);
    await f.approvals.approve(c.id, f.approver.id, '86420975');
    f.db.prepare('UPDATE attachments SET content = ? WHERE campaign_id = ?').run(Buffer.from([1, 2, 4]), c.id);
    expectVoided(c.id, ['attachments']);
  });

  it('sender changed in the profile (From address)', async () => {
    const c = await f.approved();
    await f.profiles.updateProfile(f.profile.id, { fromAddress: 'private@gmail.example' });
    expectVoided(c.id, ['profile']);
  });

  it('server changed in the profile (host)', async () => {
    const c = await f.approved();
    await f.profiles.updateProfile(f.profile.id, { host: 'smtp.other.example' });
    expectVoided(c.id, ['profile']);
  });

  it("a member's row changed by a re-import of the list", async () => {
    const c = await f.approved();
    await f.importCsv(MEMBERS_CSV.replace('馬場 一郎,102', '馬場 一郎,202'), f.listId);
    expectVoided(c.id, ['recipients']);
  });

  it("a member's address changed by a re-import (names shifted against addresses)", async () => {
    const c = await f.approved();
    await f.importCsv(MEMBERS_CSV.replace('aoki@example.jp', 'aoki@example.com'), f.listId);
    expectVoided(c.id, ['recipients']);
  });

  it('a member added to the list', async () => {
    const c = await f.approved();
    await f.importCsv(MEMBERS_CSV + '\r\ndoi@example.jp,土井 四郎,104', f.listId);
    expectVoided(c.id, ['recipients']);
  });

  it('a frozen snapshot row altered directly in the database', async () => {
    const c = await f.approved();
    f.db.prepare("UPDATE snapshots SET email = 'evil@example.com' WHERE campaign_id = ? AND position = 1").run(c.id);
    expectVoided(c.id, ['recipients']);
  });

  it('the check report gained a warning', async () => {
    const c = await f.approved();
    f.checkItems.push({ code: 'typo-domain', severity: 'warning' });
    expectVoided(c.id, ['checks']);
  });
});

describe('changes that do not void an approval', () => {
  it('re-importing the same rows (new member ids, same messages)', async () => {
    const c = await f.approved();
    const before = f.approvals.assertApproved(c.id);
    await f.importCsv(MEMBERS_CSV, f.listId);
    expect(f.approvals.assertApproved(c.id)).toEqual(before);
  });

  it("the profile's rate limit or password (not part of what is sent)", async () => {
    const c = await f.approved();
    await f.profiles.updateProfile(f.profile.id, { perMinute: 10, password: 'rotated' });
    expect(f.approvals.assertApproved(c.id).approverId).toBe(f.approver.id);
  });

  it('an info-level check item', async () => {
    const c = await f.approved();
    f.checkItems.push({ code: 'list-size', severity: 'info' });
    expect(f.approvals.assertApproved(c.id).approverId).toBe(f.approver.id);
  });

  it('an update that changes nothing', async () => {
    const c = await f.approved();
    f.campaigns.updateCampaign(c.id, { name: c.name });
    expect(f.approvals.assertApproved(c.id).approverId).toBe(f.approver.id);
  });
});

describe('a campaign already sending', () => {
  it('cannot be edited, and a change elsewhere voids without resetting its status', async () => {
    const c = await f.approved();
    f.db.prepare("UPDATE campaigns SET status = 'sending' WHERE id = ?").run(c.id);
    expect(() => f.campaigns.updateCampaign(c.id, { bodyTemplate: 'x' })).toThrowError(expect.objectContaining({ code: 'send-state' }));
    await expect(f.campaigns.addAttachment(c.id, { fileName: 'x.pdf', content: new Uint8Array([1]) })).rejects.toThrowError(
      expect.objectContaining({ code: 'send-state' }),
    );
    await f.profiles.updateProfile(f.profile.id, { fromName: 'x' });
    expect(() => f.approvals.assertApproved(c.id)).toThrowError(expect.objectContaining({ code: 'approval-void' }));
    expect(f.campaigns.getCampaign(c.id).status).toBe('sending');
  });
});
