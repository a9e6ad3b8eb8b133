// Repository for attachments: files shared by every message of a campaign, stored with sha256.
import type { Db } from '../connection';

export interface Attachment {
  readonly id: number;
  readonly campaignId: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly createdAt: number;
}

interface AttachmentRow {
  id: number;
  campaign_id: number;
  file_name: string;
  sha256: string;
  bytes: number;
  created_at: number;
}

function rowToAttachment(r: AttachmentRow): Attachment {
  return { id: r.id, campaignId: r.campaign_id, fileName: r.file_name, sha256: r.sha256, bytes: r.bytes, createdAt: r.created_at };
}

const META = 'id, campaign_id, file_name, sha256, bytes, created_at';

export function insertAttachment(
  db: Db,
  a: { campaignId: number; fileName: string; sha256: string; content: Uint8Array },
  now: number,
): number {
  const info = db
    .prepare('INSERT INTO attachments (campaign_id, file_name, sha256, bytes, content, created_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(a.campaignId, a.fileName, a.sha256, a.content.byteLength, Buffer.from(a.content), now);
  return Number(info.lastInsertRowid);
}

/** Attachments of a campaign, metadata only, in the order they were added. */
export function listAttachments(db: Db, campaignId: number): Attachment[] {
  return (
    db.prepare(`SELECT ${META} FROM attachments WHERE campaign_id = ? ORDER BY id`).all(campaignId) as AttachmentRow[]
  ).map(rowToAttachment);
}

/** A campaign's files with their stored bytes, in order (digest, checks and sender read these). */
export function listAttachmentFiles(db: Db, campaignId: number): (Attachment & { readonly content: Buffer })[] {
  const rows = db
    .prepare(`SELECT ${META}, content FROM attachments WHERE campaign_id = ? ORDER BY id`)
    .all(campaignId) as (AttachmentRow & { content: Buffer })[];
  return rows.map((r) => ({ ...rowToAttachment(r), content: r.content }));
}

export function getAttachment(db: Db, id: number): Attachment | undefined {
  const r = db.prepare(`SELECT ${META} FROM attachments WHERE id = ?`).get(id) as AttachmentRow | undefined;
  return r && rowToAttachment(r);
}

export function deleteAttachment(db: Db, id: number): void {
  db.prepare('DELETE FROM attachments WHERE id = ?').run(id);
}
