// The real services practice seeding goes through, built on the practice database, so that a
// rehearsal exercises the same user, import and campaign code (and audit trail) as real use.
import type { Db } from '../../db/connection';
import { createAuditService } from '../audit/audit-service';
import { createApprovalService } from '../campaigns/approval-service';
import { createCampaignService } from '../campaigns/campaign-service';
import type { Clock } from '../clock';
import { createImportService } from '../import/import-service';
import { createUserService } from '../users/user-service';
import type { PracticeSeedServices } from './practice-seed';

export function realSeedServices(db: Db, clock: Clock): PracticeSeedServices {
  const audit = createAuditService({ db, clock });
  const users = createUserService({ db, clock, audit });
  const imports = createImportService({ db, clock });
  const campaigns = createCampaignService({ db, clock, audit, approvals: createApprovalService({ db, clock, audit, users }) });
  return {
    createUser: (name, pin) => users.createUser(name, pin),
    async importList(filePath, listName, actor) {
      // Encoding and columns are detected, as for a file the user picks; only the member key
      // is named, so a later re-import of an edited copy shows a meaningful diff.
      const r = await imports.importFile({ filePath, listName, keyColumn: '会員番号', actor });
      return { listId: r.listId };
    },
    createCampaign: (input, creator) => ({ id: campaigns.createCampaign({ ...input, createdBy: creator?.id ?? null }, creator?.name ?? null).id }),
  };
}
