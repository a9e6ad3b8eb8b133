// Gathers a campaign's CheckInput from the database: templates, recipients (the frozen
// snapshot if there is one, else the list's members), inspected attachments, the sender
// profile, policy settings, the previous send size and how many people could approve.
import { fieldsChecksRead, type CheckAttachment, type CheckInput, type CheckRecipient, type RecipientChange } from '../../../shared/guards';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { getAttachmentText } from '../../db/repos/attachment-texts-repo';
import { mustGetCampaign, type Campaign } from '../../db/repos/campaigns-repo';
import { listSharedAddresses } from '../../db/repos/list-rules-repo';
import { checkLeftOutCounts, draftCheckRowsOf, iterateDraftCheckRows, iterateFrozenCheckRows, membersTouchedBy, type CheckRecipientRaw } from '../../db/repos/check-recipients-query';
import { recordRecipientOrder } from '../../db/recipient-order';
import { hasSnapshot, largestEarlierSnapshot } from '../../db/repos/snapshots-repo';
import { suppressedInList } from '../../db/repos/suppressions-repo';
import { countActiveUsers } from '../../db/repos/users-repo';
import { followUpRecipients } from '../campaigns/campaign-sources';
import { listAttachmentFiles } from '../../db/repos/attachments-repo';
import { getList } from '../../db/repos/lists-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { inspectAttachment } from './attachment-inspect';
import { readPolicy } from './check-settings';
import { draftRecipientsCached, type DraftPatch, type DraftRecipients } from './draft-recipients-cache';
import { frozenRecipientsCached } from './frozen-recipients-cache';
import { fieldPicker } from './recipient-fields';

/** How many suppressed addresses and missing follow-up members the report names. */
const LEFT_OUT_CAP = 20;

/** A lean row as a CheckRecipient carrying only the fields the rules read (read-fields.ts). */
function toCheckRecipient(r: CheckRecipientRaw, pick: (json: string) => Record<string, string>): CheckRecipient {
  const out: { -readonly [K in keyof CheckRecipient]: CheckRecipient[K] } = { id: r[0], email: r[1], name: r[2], fields: pick(r[3]), change: (r[4] as RecipientChange) ?? null };
  if (r[5] !== null) out.line = r[5];
  if (r[6] !== null) out.editedBy = r[6];
  return out;
}

/**
 * Recipient ids: the member id; a snapshot row whose member is gone (re-imported since) gets
 * -(position + 1), so ids stay unique and never collide with a member's.
 */
function frozenRecipients(db: Db, campaignId: number, listId: number, pick: (json: string) => Record<string, string>): CheckRecipient[] {
  const out: CheckRecipient[] = [];
  for (const r of iterateFrozenCheckRows(db, campaignId, listId)) out.push(toCheckRecipient(r, pick));
  return out;
}

/**
 * Before the freeze, the recipients are exactly what would be frozen now (the same query the
 * snapshot is made from), so the check shows the real recipients from the start. A list's read is
 * kept across edits of the notice (draft-recipients-cache.ts); a follow-up's is always read.
 */
function draftRecipients(db: Db, c: Campaign, fields: readonly string[]): DraftRecipients {
  if (c.followUpOf !== null) {
    const { rows, missing } = followUpRecipients(db, c);
    return {
      recipients: rows.map((r, i) => ({ id: r.memberId ?? -(i + 1), email: r.email, name: r.name, fields: r.fields })),
      leftOut: { merged: 0, excluded: 0, suppressed: [], suppressedCount: 0, missing: missing.slice(0, LEFT_OUT_CAP), missingCount: missing.length },
    };
  }
  return draftRecipientsCached(
    db,
    c.listId,
    c.selection,
    fields,
    () => readListRecipients(db, c, fieldPicker(db, fields)),
    (p) => patchListRecipients(db, c, fieldPicker(db, fields), p),
  );
}

/** The recipients a freeze would take from the list now, with what was left out and why. */
function readListRecipients(db: Db, c: Campaign, pick: (json: string) => Record<string, string>): DraftRecipients {
  const recipients: CheckRecipient[] = [];
  // The preview and the send estimate reuse the order read here while no member is written.
  const order = recordRecipientOrder(db, c.listId, c.selection);
  for (const r of iterateDraftCheckRows(db, c.listId, c.selection)) {
    order.add(r[0]);
    recipients.push(toCheckRecipient(r, pick));
  }
  order.done();
  return withLeftOut(db, c, recipients);
}

/**
 * A kept read brought up to date after edits of members (draft-recipients-cache.ts): the rows the
 * edits can have changed are read again and put in place of the kept ones, in list order; every
 * other row is the kept one (its own row, exclusions and suppressions unchanged, so is its place).
 */
function patchListRecipients(db: Db, c: Campaign, pick: (json: string) => Record<string, string>, p: DraftPatch): DraftRecipients {
  const touched = membersTouchedBy(db, c.listId, p.memberIds, p.emails);
  const replaced = new Set(touched);
  const fresh = draftCheckRowsOf(db, c.listId, c.selection, touched).map((r) => toCheckRecipient(r, pick));
  const recipients: CheckRecipient[] = [];
  let next = 0;
  for (const r of p.kept.recipients) {
    while (next < fresh.length && fresh[next]!.id < r.id) recipients.push(fresh[next++]!);
    if (!replaced.has(r.id)) recipients.push(r);
  }
  while (next < fresh.length) recipients.push(fresh[next++]!);
  const order = recordRecipientOrder(db, c.listId, c.selection);
  for (const r of recipients) order.add(r.id);
  order.done();
  return withLeftOut(db, c, recipients);
}

/** The recipients with what was left out and why, counted now. */
function withLeftOut(db: Db, c: Campaign, recipients: CheckRecipient[]): DraftRecipients {
  const suppressed = suppressedInList(db, c.listId, LEFT_OUT_CAP);
  const counts = checkLeftOutCounts(db, c.listId, c.selection);
  return {
    recipients,
    leftOut: { merged: counts.chosen - recipients.length, excluded: counts.excluded, suppressed, suppressedCount: counts.suppressed, missing: [], missingCount: 0 },
  };
}

function readAttachments(db: Db, campaignId: number): CheckAttachment[] {
  return listAttachmentFiles(db, campaignId).map((f) => ({
    fileName: f.fileName,
    bytes: f.bytes,
    sha256: f.sha256,
    ...inspectAttachment(f.fileName, new Uint8Array(f.content.buffer, f.content.byteOffset, f.content.byteLength), getAttachmentText(db, f.sha256)),
  }));
}

/**
 * Whether a check reads the notice's frozen rows or its list as it is now. A notice whose request
 * was voided by an edit is a draft again but keeps its old snapshot (a re-request of unchanged rows
 * keeps it instead of copying 100k rows again): its check shows the list as it is now, or a
 * corrected address would still show the old one. Inside a transaction a draft's snapshot is the
 * one the request has just frozen (its status becomes pending_approval only when the digest is
 * recorded, after the report), and that is what the request's report must read.
 */
export function checksFrozenRows(db: Db, campaign: Campaign): boolean {
  if (campaign.status === 'draft' && !db.inTransaction) return false;
  return hasSnapshot(db, campaign.id);
}

export function readCheckInput(db: Db, campaignId: number): CheckInput {
  const campaign = mustGetCampaign(db, campaignId);
  const list = getList(db, campaign.listId);
  if (!list) throw new AppError('not-found', `List ${campaign.listId} does not exist.`);
  const frozen = checksFrozenRows(db, campaign);
  const template = { subject: campaign.subjectTemplate, body: campaign.bodyTemplate };
  const fields = fieldsChecksRead(template);
  const { recipients, leftOut } = frozen
    ? { recipients: frozenRecipientsCached(db, campaignId, campaign.listId, fields, () => frozenRecipients(db, campaignId, campaign.listId, fieldPicker(db, fields))), leftOut: undefined }
    : draftRecipients(db, campaign, fields);
  const profile = campaign.profileId === null ? undefined : getProfileRow(db, campaign.profileId);
  const users = countActiveUsers(db);
  const lastSendCount = largestEarlierSnapshot(db, campaign.listId, campaignId);
  return {
    template,
    columns: list.columns,
    recipients,
    attachments: readAttachments(db, campaignId),
    profile: profile ? { fromAddress: profile.fromAddress, fromName: profile.fromName } : null,
    encoding: campaign.encoding,
    policy: readPolicy(db),
    previous: lastSendCount === undefined ? {} : { lastSendCount },
    // Everyone except the person who asks for approval can approve.
    approversAvailable: Math.max(0, users - 1),
    // Seeded by campaign and list size: the approver and the requester see the same sample.
    sampleSeed: `campaign:${campaignId}:${recipients.length}`,
    sharedAddresses: listSharedAddresses(db, campaign.listId),
    ...(leftOut ? { leftOut } : {}),
  };
}
