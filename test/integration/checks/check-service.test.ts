// The check service against a real SQLite file: it reads members or the frozen snapshot,
// settings, the profile, users, attachments and the previous send, and runs the guards.
import { afterEach, describe, expect, it } from 'vitest';
import { hasBlocking } from '../../../shared/guards';
import { openDatabase } from '../../../electron/db/connection';
import { getAttachmentText } from '../../../electron/db/repos/attachment-texts-repo';
import { createAuditService } from '../../../electron/services/audit/audit-service';
import { createCampaignService } from '../../../electron/services/campaigns/campaign-service';
import { createCheckService, readPolicy } from '../../../electron/services/checks';
import { extractMissingTexts } from '../../../electron/services/checks/attachment-text';
import { manualClock } from '../../../electron/services/clock';
import { sha256Hex } from '../../../electron/services/sha256';
import { tempDb } from '../../helpers/tmp';
import { pdf } from './attachment-fixtures';
import { freezeSnapshot, seedCampaign } from './seed';

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

function world() {
  const t = tempDb();
  cleanup = t.cleanup;
  return t.db;
}

const members = [
  { email: 'sato@example.org', name: '佐藤 花子' },
  { email: 'kato@example.net', name: '加藤 一郎' },
];

describe('createCheckService', () => {
  it('passes a clean campaign and shows the sample from the members', () => {
    const db = world();
    const { campaignId } = seedCampaign(db, { members, settings: { organisationAddress: 'info@tayori-town.jp' } });
    const r = createCheckService({ db }).checkCampaign(campaignId);
    expect(r.items).toEqual([]);
    expect(r.sample.map((s) => s.greeting).sort()).toEqual(['佐藤 花子 様', '加藤 一郎 様'].sort());
    expect(r.counts.members).toBe(2);
  });

  it('reads the frozen snapshot, not members changed after it', () => {
    const db = world();
    const { campaignId, listId } = seedCampaign(db, { members, settings: { organisationAddress: 'info@tayori-town.jp' } });
    freezeSnapshot(db, campaignId, listId);
    db.prepare("UPDATE members SET email = 'broken' WHERE list_id = ?").run(listId);
    const r = createCheckService({ db }).checkCampaign(campaignId);
    expect(r.items).toEqual([]);
    expect(r.sample.map((s) => s.email).sort()).toEqual(['kato@example.net', 'sato@example.org']);
  });

  it('blocks with one user, no profile, and an unknown campaign is not-found', () => {
    const db = world();
    const { campaignId } = seedCampaign(db, { members, users: 1, fromAddress: null });
    const r = createCheckService({ db }).checkCampaign(campaignId);
    expect(r.items.map((i) => i.code)).toEqual(['no-sender-profile', 'no-approver']);
    expect(hasBlocking(r)).toBe(true);
    expect(() => createCheckService({ db }).checkCampaign(999)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('reads the policy keys from settings', () => {
    const db = world();
    seedCampaign(db, {
      members,
      settings: {
        organisationAddress: ' info@city.example.lg.jp ',
        organisationDomains: '["city.example.lg.jp", "ed.city.example.lg.jp"]',
        recipientsAreOrganisations: 'true',
        maxAttachmentBytes: '2048',
      },
    });
    expect(readPolicy(db)).toEqual({
      organisationAddress: 'info@city.example.lg.jp',
      organisationDomains: ['city.example.lg.jp', 'ed.city.example.lg.jp'],
      recipientsAreOrganisations: true,
      maxAttachmentBytes: 2048,
    });
    db.prepare("UPDATE settings SET value = 'a.jp, b.jp' WHERE key = 'policy.organisation_domains'").run();
    expect(readPolicy(db).organisationDomains).toEqual(['a.jp', 'b.jp']);
  });

  it('reads the PDF text stored for the file; one attached before texts were stored is read once, then as stored', async () => {
    const db = world();
    const flyer = pdf(['Questions: kato@example.net']);
    const { campaignId } = seedCampaign(db, {
      members,
      settings: { organisationAddress: 'info@tayori-town.jp' },
      attachments: { 'flyer.pdf': flyer },
    });
    const before = createCheckService({ db }).checkCampaign(campaignId).items.map((i) => i.code);
    expect(await extractMissingTexts(db, () => 0)).toBe(1);
    expect(getAttachmentText(db, sha256Hex(flyer))).toContain('kato@example.net');
    expect(await extractMissingTexts(db, () => 0)).toBe(0);
    const after = createCheckService({ db }).checkCampaign(campaignId);
    expect(before).toEqual(['attachment-has-member-addresses']);
    expect(after.items.map((i) => i.code)).toEqual(before);
    expect(after.items[0]!.params.addresses).toBe('kato@example.net');
  });

  it('reads a PDF when it is added and keeps the text: after a restart the report is the same, with nothing prepared', async () => {
    const t = tempDb();
    cleanup = t.cleanup;
    const { campaignId } = seedCampaign(t.db, { members, settings: { organisationAddress: 'info@tayori-town.jp' } });
    const clock = manualClock();
    const campaigns = createCampaignService({ db: t.db, clock, audit: createAuditService({ db: t.db, clock }), approvals: { voidForEdit: () => undefined } });
    const flyer = pdf(['Questions: kato@example.net']);
    await campaigns.addAttachment(campaignId, { fileName: 'flyer.pdf', content: flyer });
    expect(getAttachmentText(t.db, sha256Hex(flyer))).toContain('kato@example.net');
    const first = createCheckService({ db: t.db }).checkCampaign(campaignId);
    // Another connection and a new service: what a restarted app has (nothing in memory).
    const restarted = openDatabase(t.file);
    try {
      const again = createCheckService({ db: restarted }).checkCampaign(campaignId);
      expect(again).toEqual(first);
      expect(again.items.map((i) => [i.code, i.params.addresses])).toEqual([['attachment-has-member-addresses', 'kato@example.net']]);
    } finally {
      restarted.close();
    }
  });
});
