// Repository for the campaigns table: list + templates + profile + cancel window + status.
import type { Db } from '../connection';
import { AppError } from '../../../shared/errors';
import { WHOLE_LIST, type Selection } from '../../../shared/recipients';
import type { MessageEncoding } from '../../../shared/sending/encodings';

import { isCampaignStatus, type CampaignStatus } from '../../../shared/statuses';

export type { CampaignStatus } from '../../../shared/statuses';

export interface Campaign {
  readonly id: number;
  readonly listId: number;
  readonly profileId: number | null;
  readonly name: string;
  readonly subjectTemplate: string;
  readonly bodyTemplate: string;
  readonly status: CampaignStatus;
  /** Digest frozen by the last approval request, or null. */
  readonly digest: string | null;
  readonly followUpOf: number | null;
  /** The earlier campaign's send statuses a follow-up addresses (null unless followUpOf). */
  readonly followUpStatuses: readonly string[] | null;
  readonly cancelWindowS: number;
  /** Who of the list receives it (the whole list unless narrowed). */
  readonly selection: Selection;
  readonly scheduledAt: number | null;
  readonly createdBy: number | null;
  readonly requestedBy: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** How the text is written in the message (set on its own: campaigns:set-encoding). */
  readonly encoding: MessageEncoding;
}

export interface CampaignFields {
  readonly listId: number;
  readonly profileId: number | null;
  readonly name: string;
  readonly subjectTemplate: string;
  readonly bodyTemplate: string;
  readonly cancelWindowS: number;
  readonly selection: Selection;
}

interface CampaignRow {
  id: number;
  list_id: number;
  profile_id: number | null;
  name: string;
  subject_template: string;
  body_template: string;
  status: string;
  digest: string | null;
  follow_up_of: number | null;
  follow_up_statuses: string | null;
  cancel_window_s: number;
  selection_json: string | null;
  scheduled_at: number | null;
  created_by: number | null;
  requested_by: number | null;
  created_at: number;
  updated_at: number;
  encoding: string;
}

/** A status the code does not know means the file was written by newer code: refuse, never guess. */
function toStatus(s: string): CampaignStatus {
  if (!isCampaignStatus(s)) throw new Error(`Unknown campaign status in the database: ${s}`);
  return s;
}

function rowToCampaign(r: CampaignRow): Campaign {
  return {
    id: r.id,
    listId: r.list_id,
    profileId: r.profile_id,
    name: r.name,
    subjectTemplate: r.subject_template,
    bodyTemplate: r.body_template,
    status: toStatus(r.status),
    digest: r.digest,
    followUpOf: r.follow_up_of,
    followUpStatuses: r.follow_up_statuses === null ? null : (JSON.parse(r.follow_up_statuses) as string[]),
    cancelWindowS: r.cancel_window_s,
    selection: r.selection_json === null ? WHOLE_LIST : (JSON.parse(r.selection_json) as Selection),
    scheduledAt: r.scheduled_at,
    createdBy: r.created_by,
    requestedBy: r.requested_by,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    encoding: r.encoding === 'iso-2022-jp' ? 'iso-2022-jp' : 'utf-8',
  };
}

export function setCampaignEncoding(db: Db, id: number, encoding: MessageEncoding, now: number): void {
  db.prepare('UPDATE campaigns SET encoding = ?, updated_at = ? WHERE id = ?').run(encoding, now, id);
}

export function insertCampaign(
  db: Db,
  f: CampaignFields & { createdBy: number | null; followUpOf?: number | null; followUpStatuses?: readonly string[] | null },
  now: number,
): number {
  const info = db
    .prepare(
      `INSERT INTO campaigns (list_id, profile_id, name, subject_template, body_template, cancel_window_s, selection_json,
         created_by, follow_up_of, follow_up_statuses, status, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'draft', ?, ?)`,
    )
    .run(
      f.listId, f.profileId, f.name, f.subjectTemplate, f.bodyTemplate, f.cancelWindowS, selectionJson(f.selection), f.createdBy,
      f.followUpOf ?? null, f.followUpStatuses ? JSON.stringify(f.followUpStatuses) : null, now, now,
    );
  return Number(info.lastInsertRowid);
}

export function updateCampaignRow(db: Db, id: number, f: CampaignFields, now: number): void {
  db.prepare(
    `UPDATE campaigns SET list_id = ?, profile_id = ?, name = ?, subject_template = ?, body_template = ?,
       cancel_window_s = ?, selection_json = ?, updated_at = ? WHERE id = ?`,
  ).run(f.listId, f.profileId, f.name, f.subjectTemplate, f.bodyTemplate, f.cancelWindowS, selectionJson(f.selection), now, id);
}

/** NULL stands for the whole list with no exclusions (rows written before selections existed). */
function selectionJson(s: Selection): string | null {
  return s.kind === 'all' && !s.exclude?.length ? null : JSON.stringify(s);
}

export function getCampaign(db: Db, id: number): Campaign | undefined {
  const r = db.prepare('SELECT * FROM campaigns WHERE id = ?').get(id) as CampaignRow | undefined;
  return r && rowToCampaign(r);
}

/** The campaign, or the coded not-found error every caller given an id by the page answers with. */
export function mustGetCampaign(db: Db, id: number): Campaign {
  const c = getCampaign(db, id);
  if (!c) throw new AppError('not-found', 'No such campaign', { campaignId: id });
  return c;
}

export function listCampaigns(db: Db, filter: { listId?: number } = {}): Campaign[] {
  const rows =
    filter.listId === undefined
      ? db.prepare('SELECT * FROM campaigns ORDER BY id').all()
      : db.prepare('SELECT * FROM campaigns WHERE list_id = ? ORDER BY id').all(filter.listId);
  return (rows as CampaignRow[]).map(rowToCampaign);
}

export function setCampaignStatus(db: Db, id: number, status: CampaignStatus, now: number): void {
  db.prepare('UPDATE campaigns SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id);
}

/** Records an approval request: the frozen digest, who asked, status pending_approval. */
export function setRequested(db: Db, id: number, digest: string, requestedBy: number, now: number): void {
  db.prepare(
    "UPDATE campaigns SET status = 'pending_approval', digest = ?, requested_by = ?, updated_at = ? WHERE id = ?",
  ).run(digest, requestedBy, now, id);
}

export function setScheduledAt(db: Db, id: number, at: number | null, now: number): void {
  db.prepare('UPDATE campaigns SET scheduled_at = ?, updated_at = ? WHERE id = ?').run(at, now, id);
}

export function countCampaignsInStatus(db: Db, statuses: readonly CampaignStatus[]): number {
  return (db.prepare(`SELECT count(*) AS n FROM campaigns WHERE status IN (${statuses.map(() => '?').join(', ')})`).get(...statuses) as { n: number }).n;
}

/** Scheduled campaigns whose cancel window has elapsed, earliest first. */
export function dueCampaignIds(db: Db, now: number): number[] {
  return (db.prepare("SELECT id FROM campaigns WHERE status = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id").all(now) as { id: number }[]).map((r) => r.id);
}

export function campaignsInStatus(db: Db, statuses: readonly CampaignStatus[]): Campaign[] {
  return (db.prepare(`SELECT * FROM campaigns WHERE status IN (${statuses.map(() => '?').join(', ')}) ORDER BY id`).all(...statuses) as CampaignRow[]).map(rowToCampaign);
}
