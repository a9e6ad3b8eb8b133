// Repository for approval_codes: one row per mailed approval code, holding its HMAC (never the
// code), the digest and approver it is bound to, its expiry, and whether it was used or voided.
import type { Db } from '../connection';

export interface ApprovalCode {
  readonly id: number;
  readonly campaignId: number;
  readonly approverId: number;
  readonly askedBy: number;
  readonly digest: string;
  readonly address: string;
  readonly mac: string;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly usedAt: number | null;
  readonly voidedAt: number | null;
  readonly voidReason: string | null;
}

interface ApprovalCodeRow {
  id: number;
  campaign_id: number;
  approver_id: number;
  asked_by: number;
  digest: string;
  address: string;
  mac: string;
  created_at: number;
  expires_at: number;
  used_at: number | null;
  voided_at: number | null;
  void_reason: string | null;
}

function rowToApprovalCode(r: ApprovalCodeRow): ApprovalCode {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    approverId: r.approver_id,
    askedBy: r.asked_by,
    digest: r.digest,
    address: r.address,
    mac: r.mac,
    createdAt: r.created_at,
    expiresAt: r.expires_at,
    usedAt: r.used_at,
    voidedAt: r.voided_at,
    voidReason: r.void_reason,
  };
}

export type NewApprovalCode = Pick<ApprovalCode, 'campaignId' | 'approverId' | 'askedBy' | 'digest' | 'address' | 'mac' | 'createdAt' | 'expiresAt'>;

export function insertApprovalCode(db: Db, c: NewApprovalCode): number {
  const info = db
    .prepare(
      'INSERT INTO approval_codes (campaign_id, approver_id, asked_by, digest, address, mac, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    )
    .run(c.campaignId, c.approverId, c.askedBy, c.digest, c.address, c.mac, c.createdAt, c.expiresAt);
  return Number(info.lastInsertRowid);
}

/** The latest code mailed to this approver for this campaign, in whatever state. */
export function latestApprovalCode(db: Db, campaignId: number, approverId: number): ApprovalCode | undefined {
  const r = db
    .prepare('SELECT * FROM approval_codes WHERE campaign_id = ? AND approver_id = ? ORDER BY id DESC LIMIT 1')
    .get(campaignId, approverId) as ApprovalCodeRow | undefined;
  return r && rowToApprovalCode(r);
}

/** Codes neither used nor voided (expired ones included: the caller compares with its clock). */
export function openApprovalCodes(db: Db, campaignId: number): ApprovalCode[] {
  return (
    db.prepare('SELECT * FROM approval_codes WHERE campaign_id = ? AND used_at IS NULL AND voided_at IS NULL ORDER BY id').all(campaignId) as ApprovalCodeRow[]
  ).map(rowToApprovalCode);
}

/** Voids the open codes of a campaign (of one approver when given); returns how many. */
export function voidApprovalCodes(db: Db, campaignId: number, reason: string, now: number, approverId?: number): number {
  const base = 'UPDATE approval_codes SET voided_at = ?, void_reason = ? WHERE campaign_id = ? AND used_at IS NULL AND voided_at IS NULL';
  return approverId === undefined
    ? db.prepare(base).run(now, reason, campaignId).changes
    : db.prepare(`${base} AND approver_id = ?`).run(now, reason, campaignId, approverId).changes;
}

/** Marks a code used; false when it was already used or voided (a second entry of the same code). */
export function markApprovalCodeUsed(db: Db, id: number, now: number): boolean {
  return db.prepare('UPDATE approval_codes SET used_at = ? WHERE id = ? AND used_at IS NULL AND voided_at IS NULL').run(now, id).changes === 1;
}

/** Voids every open code of an approver, in all campaigns (their approval address changed). */
export function voidCodesOfApprover(db: Db, approverId: number, reason: string, now: number): number {
  return db
    .prepare('UPDATE approval_codes SET voided_at = ?, void_reason = ? WHERE approver_id = ? AND used_at IS NULL AND voided_at IS NULL')
    .run(now, reason, approverId).changes;
}
