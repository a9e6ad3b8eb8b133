// Repository for the per-list rules set in the app: members excluded from sending (by member
// reference, so a re-import keeps them out) and addresses marked as shared by several members.
import type { Db } from '../connection';

export interface Exclusion {
  readonly ref: string;
  readonly reason: string | null;
  readonly excludedBy: string | null;
  readonly excludedAt: number;
}

interface ExclusionRow {
  member_ref: string;
  reason: string | null;
  excluded_by: string | null;
  excluded_at: number;
}

export function listExclusions(db: Db, listId: number): Exclusion[] {
  return (db.prepare('SELECT * FROM list_exclusions WHERE list_id = ? ORDER BY excluded_at, member_ref').all(listId) as ExclusionRow[]).map((r) => ({
    ref: r.member_ref,
    reason: r.reason,
    excludedBy: r.excluded_by,
    excludedAt: r.excluded_at,
  }));
}

export function insertExclusion(db: Db, listId: number, e: { ref: string; reason: string | null; by: string | null }, now: number): boolean {
  return db.prepare('INSERT OR IGNORE INTO list_exclusions (list_id, member_ref, reason, excluded_by, excluded_at) VALUES (?, ?, ?, ?, ?)').run(listId, e.ref, e.reason, e.by, now).changes > 0;
}

export function deleteExclusion(db: Db, listId: number, ref: string): boolean {
  return db.prepare('DELETE FROM list_exclusions WHERE list_id = ? AND member_ref = ?').run(listId, ref).changes > 0;
}

export function listSharedAddresses(db: Db, listId: number): string[] {
  return (db.prepare('SELECT email FROM list_shared_addresses WHERE list_id = ? ORDER BY email').all(listId) as { email: string }[]).map((r) => r.email);
}

export function markShared(db: Db, listId: number, email: string, by: string | null, now: number): boolean {
  return db.prepare('INSERT OR IGNORE INTO list_shared_addresses (list_id, email, marked_by, marked_at) VALUES (?, ?, ?, ?)').run(listId, email, by, now).changes > 0;
}

export function unmarkShared(db: Db, listId: number, email: string): boolean {
  return db.prepare('DELETE FROM list_shared_addresses WHERE list_id = ? AND email = ?').run(listId, email).changes > 0;
}

export function isExcluded(db: Db, listId: number, ref: string): boolean {
  return db.prepare('SELECT 1 FROM list_exclusions WHERE list_id = ? AND member_ref = ?').get(listId, ref) !== undefined;
}
