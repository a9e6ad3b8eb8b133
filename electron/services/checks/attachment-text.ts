// The text of a PDF attachment, read once with unpdf (async) and stored by sha256, so the check
// report and the approval digest read the same text today and after a restart, and no caller has
// to prepare anything before a (synchronous) check runs.
import type { Db } from '../../db/connection';
import { pdfAttachmentsWithoutText, putAttachmentText } from '../../db/repos/attachment-texts-repo';
import { isPdf } from './attachment-inspect';
import { extractPdfText } from './pdf-text';

/** What to store for a file about to be attached: unpdf's text (null if unreadable), or undefined for a file that is not a PDF. */
export async function readAttachmentText(fileName: string, bytes: Uint8Array): Promise<string | null | undefined> {
  return isPdf(fileName, bytes) ? extractPdfText(bytes) : undefined;
}

/** Reads the PDFs attached before their text was stored (a database from before migration 0007). */
export async function extractMissingTexts(db: Db, now: () => number): Promise<number> {
  const missing = pdfAttachmentsWithoutText(db);
  for (const f of missing) putAttachmentText(db, f.sha256, await extractPdfText(f.content), now());
  return missing.length;
}
