// Repository for the sends table: one row per recipient of a campaign and where its message stands.
// Each transition is a small committed write, so a crash leaves every member in a known state.
import type { SendMemberDto } from '../../../shared/contract';
import type { Db } from '../connection';
import { parseFields, type Fields } from '../fields';

import type { RecipientStatus } from '../../../shared/statuses';

export type SendCounts = Record<RecipientStatus, number>;

export interface Send {
  readonly id: number;
  readonly campaignId: number;
  readonly snapshotId: number;
  readonly status: RecipientStatus;
  readonly attempts: number;
  readonly smtpResponse: string | null;
  readonly messageId: string | null;
  readonly nextAttemptAt: number | null;
  readonly startedAt: number | null;
  readonly finishedAt: number | null;
  readonly updatedAt: number;
}

/** A claimed send with the frozen snapshot row its message is rendered from (and nothing else). */
export interface ClaimedSend {
  readonly id: number;
  readonly snapshotId: number;
  /** Where the row stood before it was claimed (queued, or retrying after a 4xx). */
  readonly status: 'queued' | 'retrying';
  /** Attempts that reached the server before this one. */
  readonly attempts: number;
  readonly email: string;
  readonly name: string;
  readonly fields: Fields;
}

interface SendRow {
  id: number;
  campaign_id: number;
  snapshot_id: number;
  status: RecipientStatus;
  attempts: number;
  smtp_response: string | null;
  message_id: string | null;
  next_attempt_at: number | null;
  started_at: number | null;
  finished_at: number | null;
  updated_at: number;
}

function rowToSend(r: SendRow): Send {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    snapshotId: r.snapshot_id,
    status: r.status,
    attempts: r.attempts,
    smtpResponse: r.smtp_response,
    messageId: r.message_id,
    nextAttemptAt: r.next_attempt_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    updatedAt: r.updated_at,
  };
}

function emptyCounts(): SendCounts {
  return { queued: 0, in_flight: 0, sent: 0, retrying: 0, failed: 0, cancelled: 0, unknown: 0, bounced: 0 };
}

/** One queued row per snapshot row that has none yet. Returns how many were created. */
export function createMissingSends(db: Db, campaignId: number, now: number): number {
  return db
    .prepare(
      `INSERT OR IGNORE INTO sends (campaign_id, snapshot_id, status, updated_at)
       SELECT campaign_id, id, 'queued', ? FROM snapshots WHERE campaign_id = ? ORDER BY position`,
    )
    .run(now, campaignId).changes;
}

/** Moves every row of the campaign in one of `from` to `to`. Returns the ids moved. */
export function moveAll(db: Db, campaignId: number, from: readonly RecipientStatus[], to: RecipientStatus, now: number): number[] {
  const marks = from.map(() => '?').join(',');
  const rows = db
    .prepare(`SELECT id FROM sends WHERE campaign_id = ? AND status IN (${marks}) ORDER BY id`)
    .all(campaignId, ...from) as { id: number }[];
  const finished = to === 'cancelled' ? now : null;
  db.prepare(
    `UPDATE sends SET status = ?, next_attempt_at = NULL, finished_at = ?, updated_at = ?
     WHERE campaign_id = ? AND status IN (${marks})`,
  ).run(to, finished, now, campaignId, ...from);
  return rows.map((r) => r.id);
}

export function countByStatus(db: Db, campaignId: number): SendCounts {
  const counts = emptyCounts();
  const rows = db
    .prepare('SELECT status, COUNT(*) AS n FROM sends WHERE campaign_id = ? GROUP BY status')
    .all(campaignId) as { status: RecipientStatus; n: number }[];
  for (const r of rows) counts[r.status] = r.n;
  return counts;
}

export function getSend(db: Db, id: number): Send | undefined {
  const r = db.prepare('SELECT * FROM sends WHERE id = ?').get(id) as SendRow | undefined;
  return r && rowToSend(r);
}

export function listSends(
  db: Db,
  campaignId: number,
  filter: { status?: RecipientStatus; afterId?: number; limit?: number } = {},
): Send[] {
  const rows = db
    .prepare(
      `SELECT * FROM sends WHERE campaign_id = ? AND (? IS NULL OR status = ?) AND id > ? ORDER BY id LIMIT ?`,
    )
    .all(campaignId, filter.status ?? null, filter.status ?? null, filter.afterId ?? 0, filter.limit ?? 1000) as SendRow[];
  return rows.map(rowToSend);
}

/** Prepared statements for the send loop: it runs them thousands of times. */
export function sendStatements(db: Db) {
  const queuedAfter = db.prepare(
    `SELECT s.id, s.snapshot_id, s.status, s.attempts, p.email, p.name, p.fields_json
     FROM sends s JOIN snapshots p ON p.id = s.snapshot_id
     WHERE s.campaign_id = ? AND s.status = 'queued' AND s.id > ? ORDER BY s.id LIMIT ?`,
  );
  const dueRetries = db.prepare(
    `SELECT s.id, s.snapshot_id, s.status, s.attempts, p.email, p.name, p.fields_json
     FROM sends s JOIN snapshots p ON p.id = s.snapshot_id
     WHERE s.campaign_id = ? AND s.status = 'retrying' AND s.next_attempt_at <= ? ORDER BY s.next_attempt_at, s.id LIMIT ?`,
  );
  const earliestRetry = db.prepare(
    `SELECT MIN(next_attempt_at) AS at FROM sends WHERE campaign_id = ? AND status = 'retrying'`,
  );
  const toInFlight = db.prepare(
    `UPDATE sends SET status = 'in_flight', attempts = attempts + 1, message_id = ?, next_attempt_at = NULL,
       started_at = COALESCE(started_at, ?), updated_at = ? WHERE id = ? AND status IN ('queued', 'retrying')`,
  );
  const finish = db.prepare(
    `UPDATE sends SET status = ?, smtp_response = ?, next_attempt_at = ?, finished_at = ?, updated_at = ?
     WHERE id = ? AND status = 'in_flight'`,
  );
  // Back to the queue: nothing reached the server (or it refused for the account, not this
  // member), so the attempt counted at claim is taken back, and a member never handed over
  // has no start time. Keeps countAttempted "members handed to the server".
  const requeue = db.prepare(
    `UPDATE sends SET status = 'queued', smtp_response = ?, next_attempt_at = NULL, finished_at = NULL,
       attempts = attempts - 1, started_at = CASE WHEN attempts = 1 THEN NULL ELSE started_at END, updated_at = ?
     WHERE id = ? AND status = 'in_flight'`,
  );
  type Claim = { id: number; snapshot_id: number; status: 'queued' | 'retrying'; attempts: number; email: string; name: string; fields_json: string };
  const toClaimed = (r: Claim): ClaimedSend => ({
    id: r.id,
    snapshotId: r.snapshot_id,
    status: r.status,
    attempts: r.attempts,
    email: r.email,
    name: r.name,
    fields: parseFields(db, r.fields_json),
  });

  return {
    /** Queued members after `afterId`, in order (the loop reads them in batches). */
    queuedAfter(campaignId: number, afterId: number, limit: number): ClaimedSend[] {
      return (queuedAfter.all(campaignId, afterId, limit) as Claim[]).map(toClaimed);
    },
    /** Members waiting for a retry whose time has come. */
    dueRetries(campaignId: number, now: number, limit: number): ClaimedSend[] {
      return (dueRetries.all(campaignId, now, limit) as Claim[]).map(toClaimed);
    },
    earliestRetryAt(campaignId: number): number | null {
      return (earliestRetry.get(campaignId) as { at: number | null }).at;
    },
    /**
     * Commits in_flight with the Message-ID about to be used, counting the attempt now so that a
     * crash mid-transaction leaves it counted. False if the row moved meanwhile.
     */
    markInFlight(id: number, messageId: string, now: number): boolean {
      return toInFlight.run(messageId, now, now, id).changes === 1;
    },
    /** in_flight → sent | failed | unknown | retrying (with next_attempt_at); queued takes the attempt back. */
    finish(id: number, status: RecipientStatus, response: string | null, now: number, nextAttemptAt: number | null = null): boolean {
      if (status === 'queued') return requeue.run(response, now, id).changes === 1;
      const finishedAt = status === 'retrying' ? null : now;
      return finish.run(status, response, nextAttemptAt, finishedAt, now, id).changes === 1;
    },
  };
}

export type SendStatements = ReturnType<typeof sendStatements>;

/** After a crash: every in_flight row becomes unknown (promise 5). Returns the rows touched. */
export function inFlightToUnknown(db: Db, now: number): { id: number; campaignId: number; messageId: string | null }[] {
  const rows = db
    .prepare(`SELECT id, campaign_id, message_id FROM sends WHERE status = 'in_flight' ORDER BY id`)
    .all() as { id: number; campaign_id: number; message_id: string | null }[];
  db.prepare(`UPDATE sends SET status = 'unknown', finished_at = ?, updated_at = ? WHERE status = 'in_flight'`).run(now, now);
  return rows.map((r) => ({ id: r.id, campaignId: r.campaign_id, messageId: r.message_id }));
}

/** Operator's decision on an unknown row: it was delivered, or it goes back to the queue. */
export function resolveUnknownRow(db: Db, id: number, to: 'sent' | 'queued', response: string | null, now: number): boolean {
  return (
    db
      .prepare(
        `UPDATE sends SET status = ?, smtp_response = COALESCE(?, smtp_response), finished_at = ?, updated_at = ?
         WHERE id = ? AND status = 'unknown'`,
      )
      .run(to, response, to === 'sent' ? now : null, now, id).changes === 1
  );
}

/**
 * When and to whom the messages since `since` left through this profile (every campaign on it):
 * seeds the per-minute/hour/day limits and carrier pacing, so a restart cannot go past a cap.
 * updated_at is the end of the transaction, never earlier than its start: the count errs safe.
 */
export function recentSendsForProfile(db: Db, profileId: number, since: number): { at: number; email: string }[] {
  return db
    .prepare(
      `SELECT s.updated_at AS at, p.email AS email FROM sends s
       JOIN campaigns c ON c.id = s.campaign_id JOIN snapshots p ON p.id = s.snapshot_id
       WHERE c.profile_id = ? AND s.status IN ('sent', 'unknown', 'in_flight', 'bounced') AND s.updated_at >= ? ORDER BY s.updated_at`,
    )
    .all(profileId, since) as { at: number; email: string }[];
}

/** How many of the campaign's members were ever handed to the SMTP server (0: it never started). */
export function countAttempted(db: Db, campaignId: number): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM sends WHERE campaign_id = ? AND attempts > 0').get(campaignId) as { n: number }).n;
}

/** Whether the campaign has any send records (its recipients were scheduled at least once). */
export function hasSends(db: Db, campaignId: number): boolean {
  return db.prepare('SELECT 1 FROM sends WHERE campaign_id = ? LIMIT 1').get(campaignId) !== undefined;
}

/** One page of a campaign's members with their send state, in snapshot order (the send screen). */
type SendMemberRow = SendMemberDto;

export function pageSendMembers(db: Db, campaignId: number, status: RecipientStatus | null, offset: number, limit: number): { total: number; items: SendMemberRow[] } {
  const where = 'sends.campaign_id = ? AND (? IS NULL OR sends.status = ?)';
  const args = [campaignId, status, status];
  const total = (db.prepare(`SELECT count(*) AS n FROM sends WHERE ${where}`).get(...args) as { n: number }).n;
  const rows = db
    .prepare(
      `SELECT sends.id, snapshots.position, snapshots.email, snapshots.name, sends.status, sends.attempts,
              sends.smtp_response, sends.message_id, sends.next_attempt_at, sends.finished_at
       FROM sends JOIN snapshots ON snapshots.id = sends.snapshot_id
       WHERE ${where} ORDER BY snapshots.position LIMIT ? OFFSET ?`,
    )
    .all(...args, limit, offset) as {
    id: number; position: number; email: string; name: string; status: RecipientStatus; attempts: number;
    smtp_response: string | null; message_id: string | null; next_attempt_at: number | null; finished_at: number | null;
  }[];
  return {
    total,
    items: rows.map((r) => ({
      sendId: r.id, position: r.position, email: r.email, name: r.name, status: r.status, attempts: r.attempts,
      smtpResponse: r.smtp_response, messageId: r.message_id, nextAttemptAt: r.next_attempt_at, finishedAt: r.finished_at,
    })),
  };
}

/** Who a campaign went to (or failed to), with the frozen row: for incident reports and follow-ups. */
export interface SentRecipientRow {
  readonly snapshotId: number;
  readonly position: number;
  readonly memberId: number | null;
  readonly email: string;
  readonly name: string;
  readonly fields: Fields;
  readonly status: RecipientStatus;
  readonly messageId: string | null;
  readonly smtpResponse: string | null;
  readonly finishedAt: number | null;
}

export function sentRecipients(db: Db, campaignId: number, statuses?: readonly RecipientStatus[]): SentRecipientRow[] {
  const filter = statuses && statuses.length > 0 ? ` AND sends.status IN (${statuses.map(() => '?').join(', ')})` : '';
  const rows = db
    .prepare(
      `SELECT snapshots.id AS snapshot_id, snapshots.position, snapshots.member_id, snapshots.email, snapshots.name,
              snapshots.fields_json, sends.status, sends.message_id, sends.smtp_response, sends.finished_at
       FROM sends JOIN snapshots ON snapshots.id = sends.snapshot_id
       WHERE sends.campaign_id = ?${filter} ORDER BY snapshots.position`,
    )
    .all(campaignId, ...(statuses ?? [])) as {
    snapshot_id: number; position: number; member_id: number | null; email: string; name: string; fields_json: string;
    status: RecipientStatus; message_id: string | null; smtp_response: string | null; finished_at: number | null;
  }[];
  return rows.map((r) => ({
    snapshotId: r.snapshot_id, position: r.position, memberId: r.member_id, email: r.email, name: r.name,
    fields: parseFields(db, r.fields_json), status: r.status, messageId: r.message_id, smtpResponse: r.smtp_response, finishedAt: r.finished_at,
  }));
}
