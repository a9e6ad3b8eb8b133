// Repository for attachment_texts (migration 0007): the text read from a PDF attachment, by the
// sha256 of its bytes. No foreign key: one file can be attached to several notices.
import type { Db } from '../connection';

/** Keeps what the reader found (null: it could not read the file); the first reading stays. */
export function putAttachmentText(db: Db, sha256: string, text: string | null, now: number): void {
  db.prepare('INSERT OR IGNORE INTO attachment_texts (sha256, text, extracted_at) VALUES (?, ?, ?)').run(sha256, text, now);
}

/** The stored text; null when the reader could not read the file; undefined when it was never read. */
export function getAttachmentText(db: Db, sha256: string): string | null | undefined {
  const r = db.prepare('SELECT text FROM attachment_texts WHERE sha256 = ?').get(sha256) as { text: string | null } | undefined;
  return r?.text;
}

/** Drops the text of a file no attachment holds any more. */
export function pruneAttachmentText(db: Db, sha256: string): void {
  db.prepare('DELETE FROM attachment_texts WHERE sha256 = ? AND NOT EXISTS (SELECT 1 FROM attachments WHERE sha256 = ?)').run(sha256, sha256);
}

/**
 * PDF files (by name or by content, as isPdf in attachment-inspect.ts) whose text was never read:
 * added before migration 0007. One row per sha256 (the same hash, the same bytes).
 */
export function pdfAttachmentsWithoutText(db: Db): { sha256: string; content: Buffer }[] {
  return db
    .prepare(
      `SELECT a.sha256, min(a.content) AS content FROM attachments a
       WHERE NOT EXISTS (SELECT 1 FROM attachment_texts t WHERE t.sha256 = a.sha256)
         AND (lower(a.file_name) LIKE '%.pdf' OR substr(a.content, 1, 5) = CAST('%PDF-' AS BLOB))
       GROUP BY a.sha256`,
    )
    .all() as { sha256: string; content: Buffer }[];
}
