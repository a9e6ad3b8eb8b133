// Shared set-up for campaign tests: a real SQLite file, a list imported through the real import
// service, two users, an SMTP profile, and the campaign and approval services (with an injectable
// check report).
import { manualClock } from '../../../electron/services/clock';
import { createAuditService } from '../../../electron/services/audit/audit-service';
import { createApprovalService } from '../../../electron/services/campaigns/approval-service';
import { createCampaignService } from '../../../electron/services/campaigns/campaign-service';
import { createImportService } from '../../../electron/services/import';
import { createProfileService } from '../../../electron/services/profiles/profile-service';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { createUserService } from '../../../electron/services/users/user-service';
import { tempDb } from '../../helpers/tmp';

export const REQUESTER_PIN = '1357';
export const APPROVER_PIN = '86420975';

export const MEMBERS_CSV = [
  'メール,氏名,部屋',
  'aoki@example.jp,青木 花子,101',
  'baba@example.jp,馬場 一郎,102',
  'chiba@example.jp,千葉 三郎,103',
].join('\r\n');

type CheckItem = { code: string; severity: 'blocking' | 'warning' | 'info' };

export async function campaignFixture() {
  const t = tempDb();
  const clock = manualClock();
  const audit = createAuditService({ db: t.db, clock });
  const users = createUserService({ db: t.db, clock, audit });
  const profiles = createProfileService({ db: t.db, clock, secrets: createMemorySecretStore(), audit });
  const imports = createImportService({ db: t.db, clock });
  const checkItems: CheckItem[] = [];
  const approvals = createApprovalService({ db: t.db, clock, audit, users, checks: () => ({ items: [...checkItems] }) });
  const campaigns = createCampaignService({ db: t.db, clock, audit, approvals });

  const requester = await users.createUser('受付 太郎', REQUESTER_PIN);
  const approver = await users.createUser('会長 花子', APPROVER_PIN);
  const profile = await profiles.createProfile({
    name: '町内会', host: 'smtp.example.jp', port: 587, security: 'starttls', authUser: 'office', password: 'pw',
    fromAddress: 'office@example.jp', fromName: '桜町町内会', perMinute: 30,
  });

  async function importCsv(csv: string, listId?: number) {
    return imports.importBuffer({
      bytes: new TextEncoder().encode(csv),
      fileName: 'members.csv',
      listName: '会員',
      emailColumn: 'メール',
      nameColumn: '氏名',
      ...(listId === undefined ? {} : { listId }),
    });
  }
  const listId = (await importCsv(MEMBERS_CSV)).listId;

  function draft(over: Partial<Parameters<typeof campaigns.createCampaign>[0]> = {}) {
    return campaigns.createCampaign(
      {
        listId,
        name: '総会のお知らせ',
        subjectTemplate: '{{氏名}}様 総会のお知らせ',
        bodyTemplate: '{{氏名}}様\n{{部屋}}号室の皆様へ。総会は5月1日です。',
        profileId: profile.id,
        createdBy: requester.id,
        ...over,
      },
      requester.name,
    );
  }

  /** A campaign taken through request and approval. */
  async function approved(over: Parameters<typeof draft>[0] = {}) {
    const c = draft(over);
    await approvals.requestApproval(c.id, requester.id, REQUESTER_PIN);
    await approvals.approve(c.id, approver.id, APPROVER_PIN);
    return c;
  }

  return { ...t, clock, audit, users, profiles, imports, campaigns, approvals, checkItems, requester, approver, profile, listId, importCsv, draft, approved };
}

export type CampaignFixture = Awaited<ReturnType<typeof campaignFixture>>;
