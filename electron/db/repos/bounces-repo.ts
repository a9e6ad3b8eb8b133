// Repository for bounces: reports matched to a send by its Message-ID, and the hard ones' mark
// on the send ('bounced', 不達). A report is recorded once per send, however often it is read.
import type { BouncedMemberDto } from '../../../shared/contract';
import type { BounceKind, RecipientStatus } from '../../../shared/statuses';
import type { Db } from '../connection';

/** The send a Message-ID belongs to, with the one address it went to (promise 1). */
export interface SendByMessageId {
  readonly sendId: number;
  readonly campaignId: number;
  readonly status: RecipientStatus;
  readonly email: string;
}

export function sendByMessageId(db: Db, messageId: string): SendByMessageId | undefined {
  const r = db
    .prepare(
      `SELECT sends.id, sends.campaign_id, sends.status, snapshots.email FROM sends JOIN snapshots ON snapshots.id = sends.snapshot_id
       WHERE sends.message_id = ?`,
    )
    .get(messageId) as { id: number; campaign_id: number; status: RecipientStatus; email: string } | undefined;
  return r && { sendId: r.id, campaignId: r.campaign_id, status: r.status, email: r.email };
}

export interface NewBounce {
  readonly campaignId: number;
  readonly sendId: number;
  readonly kind: BounceKind;
  readonly statusCode: string | null;
  readonly diagnostic: string | null;
  readonly reportedBy: string | null;
  readonly receivedAt: number;
  readonly reportMessageId: string;
}

/**
 * Records the bounce (false when this report was already recorded for this send) and, for a hard
 * one, marks a delivered (or unknown) send 'bounced'. One transaction, by the caller.
 */
export function recordBounce(db: Db, b: NewBounce, now: number): boolean {
  const added =
    db
      .prepare(
        `INSERT OR IGNORE INTO bounces (campaign_id, send_id, kind, status_code, diagnostic, reported_by, received_at, report_message_id, recorded_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(b.campaignId, b.sendId, b.kind, b.statusCode, b.diagnostic, b.reportedBy, b.receivedAt, b.reportMessageId, now).changes === 1;
  if (added && b.kind === 'hard') {
    db.prepare(`UPDATE sends SET status = 'bounced', updated_at = ? WHERE id = ? AND status IN ('sent', 'unknown')`).run(now, b.sendId);
  }
  return added;
}

/** Per member of the campaign, its latest bounce (hard before soft). */
export function bouncedMembers(db: Db, campaignId: number): BouncedMemberDto[] {
  const rows = db
    .prepare(
      `SELECT b.send_id, p.position, p.member_id, p.email, p.name, b.kind, b.status_code, b.diagnostic, b.reported_by, b.received_at,
              (SELECT COUNT(*) FROM bounces x WHERE x.send_id = b.send_id) AS reports
       FROM bounces b JOIN sends s ON s.id = b.send_id JOIN snapshots p ON p.id = s.snapshot_id
       WHERE b.campaign_id = ? AND b.id = (
         SELECT y.id FROM bounces y WHERE y.send_id = b.send_id ORDER BY (y.kind = 'hard') DESC, y.received_at DESC, y.id DESC LIMIT 1)
       ORDER BY (b.kind = 'hard') DESC, p.position`,
    )
    .all(campaignId) as {
    send_id: number; position: number; member_id: number | null; email: string; name: string; kind: BounceKind;
    status_code: string | null; diagnostic: string | null; reported_by: string | null; received_at: number; reports: number;
  }[];
  return rows.map((r) => ({
    sendId: r.send_id, position: r.position, memberId: r.member_id, email: r.email, name: r.name, kind: r.kind,
    statusCode: r.status_code, diagnostic: r.diagnostic, reportedBy: r.reported_by, receivedAt: r.received_at, reports: r.reports,
  }));
}

/** Members with a hard / only soft bounces, for the counts in History. */
export function bounceCounts(db: Db, campaignId: number): { hard: number; soft: number } {
  const r = db
    .prepare(
      `SELECT COUNT(DISTINCT CASE WHEN kind = 'hard' THEN send_id END) AS hard,
              COUNT(DISTINCT CASE WHEN kind = 'soft' AND send_id NOT IN (SELECT send_id FROM bounces WHERE campaign_id = ? AND kind = 'hard') THEN send_id END) AS soft
       FROM bounces WHERE campaign_id = ?`,
    )
    .get(campaignId, campaignId) as { hard: number; soft: number };
  return r;
}
