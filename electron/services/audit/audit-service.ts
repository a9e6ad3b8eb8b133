// The audit service (promise 7): records every significant action, exports the log as CSV for
// an incident report, and answers "who received campaign X".
import type { Db } from '../../db/connection';
import { appendAudit, queryAudit, type AuditEntry } from '../../db/repos/audit-repo';
import { parseFields, type Fields } from '../../db/json';
import type { Clock } from '../clock';
import { auditToCsv } from './audit-csv';

export interface AuditContext {
  readonly actor?: string | null;
  readonly listId?: number | null;
  readonly campaignId?: number | null;
  readonly details?: Record<string, unknown>;
}

export interface AuditFilter {
  readonly campaignId?: number;
  readonly listId?: number;
  readonly action?: string;
  readonly limit?: number;
  readonly afterId?: number;
}

export type { RecipientStatus as SendStatus } from '../../../shared/statuses';
import type { RecipientStatus as SendStatus } from '../../../shared/statuses';

export interface Recipient {
  readonly snapshotId: number;
  readonly position: number;
  readonly memberId: number | null;
  readonly email: string;
  readonly name: string;
  readonly fields: Fields;
  readonly status: SendStatus;
  readonly messageId: string | null;
  readonly smtpResponse: string | null;
  readonly finishedAt: number | null;
}

export interface AuditService {
  record(action: string, ctx?: AuditContext): number;
  list(filter?: AuditFilter): AuditEntry[];
  exportCsv(filter?: AuditFilter): string;
  recipientsOf(campaignId: number, statuses?: readonly SendStatus[]): Recipient[];
}

interface RecipientRow {
  snapshot_id: number;
  position: number;
  member_id: number | null;
  email: string;
  name: string;
  fields_json: string;
  status: SendStatus;
  message_id: string | null;
  smtp_response: string | null;
  finished_at: number | null;
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
    exportCsv: (filter = {}) => auditToCsv(queryAudit(db, { ...filter, limit: filter.limit ?? Number.MAX_SAFE_INTEGER })),
    recipientsOf(campaignId, statuses) {
      const args: (number | string)[] = [campaignId];
      let where = 'sends.campaign_id = ?';
      if (statuses && statuses.length > 0) {
        where += ` AND sends.status IN (${statuses.map(() => '?').join(', ')})`;
        args.push(...statuses);
      }
      const rows = db
        .prepare(
          `SELECT snapshots.id AS snapshot_id, snapshots.position, snapshots.member_id, snapshots.email, snapshots.name,
                  snapshots.fields_json, sends.status, sends.message_id, sends.smtp_response, sends.finished_at
           FROM sends JOIN snapshots ON snapshots.id = sends.snapshot_id
           WHERE ${where} ORDER BY snapshots.position`,
        )
        .all(...args) as RecipientRow[];
      return rows.map((r) => ({
        snapshotId: r.snapshot_id,
        position: r.position,
        memberId: r.member_id,
        email: r.email,
        name: r.name,
        fields: parseFields(r.fields_json),
        status: r.status,
        messageId: r.message_id,
        smtpResponse: r.smtp_response,
        finishedAt: r.finished_at,
      }));
    },
  };
}
