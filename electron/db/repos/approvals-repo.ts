// Repository for approvals: who signed off which digest, and when (and whether it was voided).
import type { ApprovalMethod } from '../../../shared/statuses';
import type { Db } from '../connection';

export interface Approval {
  readonly id: number;
  readonly campaignId: number;
  readonly requestedBy: number;
  readonly approverId: number;
  readonly digest: string;
  readonly approvedAt: number;
  readonly voidedAt: number | null;
  readonly voidReason: string | null;
  readonly method: ApprovalMethod;
  /** The approver's address the code was mailed to (method 'mail-code'), else null. */
  readonly codeAddress: string | null;
}

/** How the approver signed off; a PIN at the desk unless said otherwise. */
export type ApprovalHow = { readonly method: 'pin' } | { readonly method: 'mail-code'; readonly address: string };

interface ApprovalRow {
  id: number;
  campaign_id: number;
  requested_by: number;
  approver_id: number;
  digest: string;
  approved_at: number;
  voided_at: number | null;
  void_reason: string | null;
  method: ApprovalMethod;
  code_address: string | null;
}

function rowToApproval(r: ApprovalRow): Approval {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    requestedBy: r.requested_by,
    approverId: r.approver_id,
    digest: r.digest,
    approvedAt: r.approved_at,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
    method: r.method,
    codeAddress: r.code_address,
  };
}

export function insertApproval(
  db: Db,
  a: { campaignId: number; requestedBy: number; approverId: number; digest: string; how?: ApprovalHow },
  now: number,
): number {
  const how = a.how ?? { method: 'pin' };
  const info = db
    .prepare('INSERT INTO approvals (campaign_id, requested_by, approver_id, digest, approved_at, method, code_address) VALUES (?, ?, ?, ?, ?, ?, ?)')
    .run(a.campaignId, a.requestedBy, a.approverId, a.digest, now, how.method, how.method === 'mail-code' ? how.address : null);
  return Number(info.lastInsertRowid);
}

/** The most recent approval of a campaign, voided or not. */
export function latestApproval(db: Db, campaignId: number): Approval | undefined {
  const r = db
    .prepare('SELECT * FROM approvals WHERE campaign_id = ? ORDER BY id DESC LIMIT 1')
    .get(campaignId) as ApprovalRow | undefined;
  return r && rowToApproval(r);
}

export function listApprovals(db: Db, campaignId: number): Approval[] {
  return (db.prepare('SELECT * FROM approvals WHERE campaign_id = ? ORDER BY id').all(campaignId) as ApprovalRow[]).map(
    rowToApproval,
  );
}

/** Voids every still-valid approval of a campaign; returns how many were voided. */
export function voidApprovals(db: Db, campaignId: number, reason: string, now: number): number {
  return db
    .prepare('UPDATE approvals SET voided_at = ?, void_reason = ? WHERE campaign_id = ? AND voided_at IS NULL')
    .run(now, reason, campaignId).changes;
}
