// Repository for suppressions: the organisation's addresses that must never receive a notice.
import type { Db } from '../connection';

import type { SuppressionReason } from '../../../shared/recipients';

export type { SuppressionReason } from '../../../shared/recipients';

export interface Suppression {
  readonly address: string;
  readonly reason: SuppressionReason;
  readonly note: string | null;
  readonly addedBy: string | null;
  readonly addedAt: number;
}

interface Row {
  address: string;
  reason: SuppressionReason;
  note: string | null;
  added_by: string | null;
  added_at: number;
}

const toSuppression = (r: Row): Suppression => ({ address: r.address, reason: r.reason, note: r.note, addedBy: r.added_by, addedAt: r.added_at });

export function listSuppressions(db: Db, query = '', limit = 500): Suppression[] {
  return (db.prepare("SELECT * FROM suppressions WHERE instr(lower(address), lower(?)) > 0 ORDER BY added_at DESC, address LIMIT ?").all(query, limit) as Row[]).map(toSuppression);
}

function getSuppression(db: Db, address: string): Suppression | undefined {
  const r = db.prepare('SELECT * FROM suppressions WHERE address = ?').get(address) as Row | undefined;
  return r && toSuppression(r);
}

/** Adds or updates (the reason may change); returns whether the address was new. */
export function upsertSuppression(db: Db, s: { address: string; reason: SuppressionReason; note: string | null; addedBy: string | null }, now: number): boolean {
  const existed = getSuppression(db, s.address) !== undefined;
  db.prepare(
    `INSERT INTO suppressions (address, reason, note, added_by, added_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT(address) DO UPDATE SET reason = excluded.reason, note = excluded.note, added_by = excluded.added_by, added_at = excluded.added_at`,
  ).run(s.address, s.reason, s.note, s.addedBy, now);
  return !existed;
}

export function deleteSuppression(db: Db, address: string): boolean {
  return db.prepare('DELETE FROM suppressions WHERE address = ?').run(address).changes > 0;
}

/**
 * Suppressed addresses among a list's members, with their reasons (for the check report), in
 * address order: one pass over the list's entries in member_emails (migration 0016), each probed
 * in suppressions.
 */
export function suppressedInList(db: Db, listId: number, limit: number): { email: string; reason: SuppressionReason }[] {
  return db
    .prepare(
      'SELECT DISTINCT m.email AS email, s.reason AS reason FROM member_emails m CROSS JOIN suppressions s ON s.address = m.email WHERE m.list_id = ? LIMIT ?',
    )
    .all(listId, limit) as { email: string; reason: SuppressionReason }[];
}

export function isSuppressed(db: Db, address: string): boolean {
  return db.prepare('SELECT 1 FROM suppressions WHERE address = ?').get(address) !== undefined;
}
