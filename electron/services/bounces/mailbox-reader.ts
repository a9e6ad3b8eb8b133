// Reads the messages that arrived in a folder since the last scan (by UID, valid only with the
// same UIDVALIDITY) and returns the bounce reports among them. The folder is opened read-only
// (EXAMINE) unless moving is on, and messages are fetched with BODY.PEEK, so reading never marks
// anything as seen.
import type { ImapFlow } from 'imapflow';
import type { ScanState } from '../../db/repos/imap-accounts-repo';
import type { BounceReport } from './bounce-report';
import { mayBeBounce, parseBounce } from './parse-bounce';

/** Only the head of each message is looked at before deciding to parse it. */
const HEAD_BYTES = 16 * 1024;

export interface FolderScan {
  readonly uidValidity: string;
  /** The highest UID read (the next scan starts after it). */
  readonly lastUid: number;
  /** Messages read in this scan. */
  readonly read: number;
  readonly reports: readonly { readonly uid: number; readonly report: BounceReport }[];
}

export async function readNewReports(client: ImapFlow, folder: string, since: ScanState | undefined, readOnly: boolean): Promise<FolderScan> {
  const box = await client.mailboxOpen(folder, { readOnly });
  const uidValidity = String(box.uidValidity);
  // A changed UIDVALIDITY means the old UIDs name other messages now: read the folder again
  // (reports already recorded are not recorded twice).
  const after = since && since.uidValidity === uidValidity ? since.lastUid : 0;
  if (box.exists === 0 || (box.uidNext !== undefined && box.uidNext <= after + 1)) {
    return { uidValidity, lastUid: after, read: 0, reports: [] };
  }
  const candidates: { uid: number; source: Buffer }[] = [];
  let lastUid = after;
  let read = 0;
  // "N:*" also returns the last message when N is past it: UIDs not above `after` are skipped.
  for await (const msg of client.fetch(`${after + 1}:*`, { uid: true, source: true }, { uid: true })) {
    if (msg.uid <= after || !msg.source) continue;
    read++;
    if (msg.uid > lastUid) lastUid = msg.uid;
    if (mayBeBounce(msg.source.subarray(0, HEAD_BYTES).toString('latin1'))) candidates.push({ uid: msg.uid, source: msg.source });
  }
  const reports: { uid: number; report: BounceReport }[] = [];
  for (const c of candidates) {
    const report = await parseBounce(c.source).catch(() => null);
    if (report) reports.push({ uid: c.uid, report });
  }
  return { uidValidity, lastUid, read, reports };
}
