// The check service against a real SQLite file: it reads members or the frozen snapshot,
// settings, the profile, users, attachments and the previous send, and runs the guards.
import { afterEach, describe, expect, it } from 'vitest';
import { hasBlocking } from '../../../shared/guards';
import { createCheckService, readPolicy } from '../../../electron/services/checks';
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

  it('uses unpdf text once prepared, the fallback scan before', async () => {
    const db = world();
    const { campaignId } = seedCampaign(db, {
      members,
      settings: { organisationAddress: 'info@tayori-town.jp' },
      attachments: { 'flyer.pdf': pdf(['Questions: kato@example.net']) },
    });
    const service = createCheckService({ db });
    const before = service.checkCampaign(campaignId).items.map((i) => i.code);
    await service.prepareAttachments(campaignId);
    const after = service.checkCampaign(campaignId);
    expect(before).toEqual(['attachment-has-member-addresses']);
    expect(after.items.map((i) => i.code)).toEqual(before);
    expect(after.items[0]!.params.addresses).toBe('kato@example.net');
  });
});
