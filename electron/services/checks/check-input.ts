// Gathers a campaign's CheckInput from the database: templates, recipients (the frozen
// snapshot if there is one, else the list's members), inspected attachments, the sender
// profile, policy settings, the previous send size and how many people could approve.
import type { CheckAttachment, CheckInput, CheckRecipient, RecipientChange } from '../../../shared/guards';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { parseFields } from '../../db/json';
import { getCampaign } from '../../db/repos/campaigns-repo';
import { listAttachmentFiles } from '../../db/repos/attachments-repo';
import { getList } from '../../db/repos/lists-repo';
import { iterateMembers } from '../../db/repos/members-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { inspectAttachment } from './attachment-inspect';
import { readPolicy } from './check-settings';

interface SnapshotJoinRow {
  id: number;
  position: number;
  member_id: number | null;
  email: string;
  name: string;
  fields_json: string;
  change: string | null;
  line: number | null;
}

/**
 * Recipient ids: the member id; a snapshot row whose member is gone (re-imported since) gets
 * -(position + 1), so ids stay unique and never collide with a member's.
 */
function readRecipients(db: Db, campaignId: number, listId: number): { recipients: CheckRecipient[]; frozen: boolean } {
  const snap = db
    .prepare(
      `SELECT s.id, s.position, s.member_id, s.email, s.name, s.fields_json, m.change, m.line
       FROM snapshots s LEFT JOIN members m ON m.id = s.member_id AND m.list_id = ?
       WHERE s.campaign_id = ? ORDER BY s.position`,
    )
    .all(listId, campaignId) as SnapshotJoinRow[];
  if (snap.length) {
    const recipients = snap.map((r) => {
      const rec: CheckRecipient = {
        id: r.member_id ?? -(r.position + 1),
        email: r.email,
        name: r.name,
        fields: parseFields(r.fields_json),
        change: (r.change as RecipientChange) ?? null,
        ...(r.line !== null ? { line: r.line } : {}),
      };
      return rec;
    });
    return { recipients, frozen: true };
  }
  const recipients: CheckRecipient[] = [];
  for (const m of iterateMembers(db, listId)) {
    recipients.push({ id: m.id, email: m.email, name: m.name, fields: m.fields, change: m.change, line: m.line });
  }
  return { recipients, frozen: false };
}

/** The largest snapshot among earlier campaigns to the same list: the size of "the last send". */
function previousSendCount(db: Db, campaignId: number, listId: number): number | undefined {
  const r = db
    .prepare(
      `SELECT max(n) AS n FROM (
         SELECT count(s.id) AS n FROM campaigns c JOIN snapshots s ON s.campaign_id = c.id
         WHERE c.list_id = ? AND c.id < ? GROUP BY c.id)`,
    )
    .get(listId, campaignId) as { n: number | null };
  return r.n ?? undefined;
}

export function readAttachments(db: Db, campaignId: number, pdfText: (sha256: string) => string | null | undefined): CheckAttachment[] {
  return listAttachmentFiles(db, campaignId).map((f) => ({
    fileName: f.fileName,
    bytes: f.bytes,
    sha256: f.sha256,
    ...inspectAttachment(f.fileName, new Uint8Array(f.content.buffer, f.content.byteOffset, f.content.byteLength), pdfText(f.sha256)),
  }));
}

export function readCheckInput(
  db: Db,
  campaignId: number,
  pdfText: (sha256: string) => string | null | undefined,
): CheckInput {
  const campaign = getCampaign(db, campaignId);
  if (!campaign) throw new AppError('not-found', `Campaign ${campaignId} does not exist.`);
  const list = getList(db, campaign.listId);
  if (!list) throw new AppError('not-found', `List ${campaign.listId} does not exist.`);
  const { recipients } = readRecipients(db, campaignId, campaign.listId);
  const profile = campaign.profileId === null ? undefined : getProfileRow(db, campaign.profileId);
  const users = (db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n;
  const lastSendCount = previousSendCount(db, campaignId, campaign.listId);
  return {
    template: { subject: campaign.subjectTemplate, body: campaign.bodyTemplate },
    columns: list.columns,
    recipients,
    attachments: readAttachments(db, campaignId, pdfText),
    profile: profile ? { fromAddress: profile.fromAddress } : null,
    policy: readPolicy(db),
    previous: lastSendCount === undefined ? {} : { lastSendCount },
    // Everyone except the person who asks for approval can approve.
    approversAvailable: Math.max(0, users - 1),
    // Seeded by campaign and list size: the approver and the requester see the same sample.
    sampleSeed: `campaign:${campaignId}:${recipients.length}`,
  };
}
