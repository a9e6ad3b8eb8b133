// Read-only queries of the reports (summary, incident report): a notice's audit rows without the
// one-row-per-member results (a big list has 100,000 of those), and its hard bounces where
// bounces are read back (issue 13's table; absent on a database without it).
import type { AuditEntryDto } from '../../../shared/contract';
import type { Db } from '../connection';

export function noticeAuditRows(db: Db, campaignId: number): AuditEntryDto[] {
  const rows = db
    .prepare(
      `SELECT id, at, actor, action, list_id, campaign_id, details_json FROM audit
       WHERE campaign_id = ? AND action <> 'send.member' ORDER BY id`,
    )
    .all(campaignId) as { id: number; at: number; actor: string | null; action: string; list_id: number | null; campaign_id: number | null; details_json: string }[];
  return rows.map((r) => ({ id: r.id, at: r.at, actor: r.actor, action: r.action, listId: r.list_id, campaignId: r.campaign_id, details: JSON.parse(r.details_json) as Record<string, unknown> }));
}

/** When the last member's result of the notice was recorded (the end of its sending), or null. */
export function lastMemberResultAt(db: Db, campaignId: number): number | null {
  return (db.prepare(`SELECT MAX(at) AS at FROM audit WHERE campaign_id = ? AND action = 'send.member'`).get(campaignId) as { at: number | null }).at;
}

/** Members of the notice with a hard bounce; null when its mail account reads no bounces (not checked). */
export function hardBounceCount(db: Db, campaignId: number): number | null {
  // Bounces are read back only through the mail account's IMAP side: without one, nobody checked,
  // which the summary says ("not checked") rather than a reassuring 0.
  const reads = db
    .prepare('SELECT 1 FROM campaigns c JOIN imap_accounts i ON i.profile_id = c.profile_id WHERE c.id = ?')
    .get(campaignId);
  if (!reads) return null;
  return (db.prepare(`SELECT COUNT(DISTINCT send_id) AS n FROM bounces WHERE campaign_id = ? AND kind = 'hard'`).get(campaignId) as { n: number }).n;
}
