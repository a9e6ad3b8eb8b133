// Repository for approval_addresses: each user's own mailbox for approval codes (issue 16).
import type { Db } from '../connection';

export interface ApprovalAddress {
  readonly userId: number;
  readonly address: string;
  readonly setBy: string;
  readonly setAt: number;
}

interface ApprovalAddressRow {
  user_id: number;
  address: string;
  set_by: string;
  set_at: number;
}

const rowToApprovalAddress = (r: ApprovalAddressRow): ApprovalAddress => ({ userId: r.user_id, address: r.address, setBy: r.set_by, setAt: r.set_at });

export function listApprovalAddresses(db: Db): ApprovalAddress[] {
  return (db.prepare('SELECT * FROM approval_addresses ORDER BY user_id').all() as ApprovalAddressRow[]).map(rowToApprovalAddress);
}

export function getApprovalAddress(db: Db, userId: number): ApprovalAddress | undefined {
  const r = db.prepare('SELECT * FROM approval_addresses WHERE user_id = ?').get(userId) as ApprovalAddressRow | undefined;
  return r && rowToApprovalAddress(r);
}

/** null removes the address. */
export function writeApprovalAddress(db: Db, userId: number, address: string | null, setBy: string, now: number): void {
  if (address === null) {
    db.prepare('DELETE FROM approval_addresses WHERE user_id = ?').run(userId);
    return;
  }
  db.prepare(
    'INSERT INTO approval_addresses (user_id, address, set_by, set_at) VALUES (?, ?, ?, ?) ' +
      'ON CONFLICT (user_id) DO UPDATE SET address = excluded.address, set_by = excluded.set_by, set_at = excluded.set_at',
  ).run(userId, address, setBy, now);
}

/**
 * True when the address belongs to a member of the list, or to one of the campaign's frozen
 * recipients (a follow-up's come from an earlier send): an approval mail never goes to a member.
 */
export function isMemberAddress(db: Db, listId: number, campaignId: number, address: string): boolean {
  const a = address.toLowerCase();
  return (
    // A pass over the list's addresses either way (lower case): member_emails holds them alone.
    db.prepare('SELECT 1 FROM member_emails WHERE list_id = ? AND lower(email) = ? LIMIT 1').get(listId, a) !== undefined ||
    db.prepare('SELECT 1 FROM snapshots WHERE campaign_id = ? AND lower(email) = ? LIMIT 1').get(campaignId, a) !== undefined
  );
}
