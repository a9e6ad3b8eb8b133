// Repository for the append-only audit table (promise 7). Only INSERT and SELECT exist here;
// the database's triggers refuse UPDATE and DELETE even if someone writes them.
import type { AuditEntryDto } from '../../../shared/contract';
import type { AuditAction } from '../../../shared/reports/audit-actions';
import type { Db } from '../connection';

export interface NewAuditEntry {
  readonly at: number;
  readonly actor?: string | null;
  readonly action: AuditAction;
  readonly listId?: number | null;
  readonly campaignId?: number | null;
  readonly details?: Record<string, unknown>;
}

interface AuditRow {
  id: number;
  at: number;
  actor: string | null;
  action: string;
  list_id: number | null;
  campaign_id: number | null;
  details_json: string;
}

function rowToAudit(r: AuditRow): AuditEntryDto {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    action: r.action,
    listId: r.list_id,
    campaignId: r.campaign_id,
    details: JSON.parse(r.details_json) as Record<string, unknown>,
  };
}

// The sender appends one row per member; preparing the INSERT each time cost more than running it.
const insertStatements = new WeakMap<Db, { run(...args: unknown[]): { lastInsertRowid: number | bigint } }>();

export function appendAudit(db: Db, e: NewAuditEntry): number {
  let insert = insertStatements.get(db);
  if (!insert) {
    insert = db.prepare('INSERT INTO audit (at, actor, action, list_id, campaign_id, details_json) VALUES (?, ?, ?, ?, ?, ?)');
    insertStatements.set(db, insert);
  }
  const info = insert
    .run(e.at, e.actor ?? null, e.action, e.listId ?? null, e.campaignId ?? null, JSON.stringify(e.details ?? {}));
  return Number(info.lastInsertRowid);
}

export function queryAudit(
  db: Db,
  filter: { campaignId?: number; listId?: number; action?: string; limit?: number; afterId?: number; newestFirst?: boolean } = {},
): AuditEntryDto[] {
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (filter.campaignId !== undefined) (where.push('campaign_id = ?'), args.push(filter.campaignId));
  if (filter.listId !== undefined) (where.push('list_id = ?'), args.push(filter.listId));
  if (filter.action !== undefined) (where.push('action = ?'), args.push(filter.action));
  if (filter.afterId !== undefined) (where.push('id > ?'), args.push(filter.afterId));
  const sql = `SELECT * FROM audit ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id ${filter.newestFirst ? 'DESC' : ''} LIMIT ?`;
  return (db.prepare(sql).all(...args, filter.limit ?? 10_000) as AuditRow[]).map(rowToAudit);
}
