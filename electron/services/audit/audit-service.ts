// The audit service (promise 7): records every significant action, exports the log as CSV for
// an incident report, and answers "who received campaign X".
import type { AuditEntryDto } from '../../../shared/contract';
import type { AuditAction } from '../../../shared/reports/audit-actions';
import type { RecipientStatus } from '../../../shared/statuses';
import type { Db } from '../../db/connection';
import { appendAudit, queryAudit } from '../../db/repos/audit-repo';
import { sentRecipients, type SentRecipientRow } from '../../db/repos/sends-repo';
import type { Clock } from '../clock';
import { auditCsv, type ReportFormat } from '../../../shared/reports/audit-csv';

interface AuditContext {
  readonly actor?: string | null;
  readonly listId?: number | null;
  readonly campaignId?: number | null;
  readonly details?: Record<string, unknown>;
}

interface AuditFilter {
  readonly campaignId?: number;
  readonly listId?: number;
  readonly action?: string;
  readonly limit?: number;
  readonly afterId?: number;
  /** The latest `limit` entries, newest first (the History screen), instead of the oldest. */
  readonly newestFirst?: boolean;
}

export interface AuditService {
  /** Only actions of the closed list (shared/reports/audit-actions.ts), so each has words in History. */
  record(action: AuditAction, ctx?: AuditContext): number;
  list(filter?: AuditFilter): AuditEntryDto[];
  /** The log as a CSV for Excel in the reader's language and time zone (Japanese, JST unless given). */
  exportCsv(filter?: AuditFilter, format?: Omit<ReportFormat, 'now'>): string;
  recipientsOf(campaignId: number, statuses?: readonly RecipientStatus[]): SentRecipientRow[];
}

export function createAuditService({ db, clock }: { db: Db; clock: Clock }): AuditService {
  return {
    record(action, ctx = {}) {
      return appendAudit(db, {
        at: clock.now(),
        action,
        actor: ctx.actor ?? null,
        listId: ctx.listId ?? null,
        campaignId: ctx.campaignId ?? null,
        details: ctx.details ?? {},
      });
    },
    list: (filter = {}) => queryAudit(db, filter),
    exportCsv: (filter = {}, format = { lang: 'ja', timeZone: 'Asia/Tokyo' }) =>
      auditCsv(queryAudit(db, { ...filter, limit: filter.limit ?? Number.MAX_SAFE_INTEGER }), { ...format, now: clock.now() }),
    recipientsOf: (campaignId, statuses) => sentRecipients(db, campaignId, statuses),
  };
}
