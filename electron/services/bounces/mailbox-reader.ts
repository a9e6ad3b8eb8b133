// Reads the messages that arrived in a folder since the last scan (by UID, valid only with the
// same UIDVALIDITY) and returns the bounce reports among them. The folder is opened read-only
// (EXAMINE) unless moving is on, and messages are fetched with BODY.PEEK, so reading never marks
// anything as seen.
import type { ImapFlow } from 'imapflow';
import type { ScanState } from '../../db/repos/imap-accounts-repo';
import type { BounceReport } from './bounce-report';
import { mayBeBounce, parseBounce } from './parse-bounce';

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
  // First only the three headers that tell a bounce from the rest (most of a mailbox is not
  // bounces), then the whole of the candidates in one command.
  const candidates: number[] = [];
  let lastUid = after;
  let read = 0;
  // "N:*" also returns the last message when N is past it: UIDs not above `after` are skipped.
  for await (const msg of client.fetch(`${after + 1}:*`, { uid: true, headers: ['from', 'subject', 'content-type'] }, { uid: true })) {
    if (msg.uid <= after) continue;
    read++;
    if (msg.uid > lastUid) lastUid = msg.uid;
    if (msg.headers && mayBeBounce(msg.headers.toString('latin1'))) candidates.push(msg.uid);
  }
  const sources: { uid: number; source: Buffer }[] = [];
  if (candidates.length > 0) {
    for await (const msg of client.fetch(candidates.join(','), { uid: true, source: true }, { uid: true })) {
      if (msg.source) sources.push({ uid: msg.uid, source: msg.source });
    }
  }
  const reports: { uid: number; report: BounceReport }[] = [];
  for (const c of sources) {
    const report = await parseBounce(c.source).catch(() => null);
    if (report) reports.push({ uid: c.uid, report });
  }
  return { uidValidity, lastUid, read, reports };
}
