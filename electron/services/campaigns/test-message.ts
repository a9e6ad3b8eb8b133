// The test send's message: the exact message of one member, with the subject prefixed
// "[TEST] ", the To replaced by the operator's own address, and the campaign's attachments.
// It never touches the sends table.
import { AppError } from '../../../shared/errors';
import { buildMessage, type OutgoingMessage } from '../../../shared/message';
import { listAttachmentFiles } from '../../db/repos/attachments-repo';
import { getMember } from '../../db/repos/members-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { getSnapshotRowAt } from '../../db/repos/snapshots-repo';
import type { MailAttachment } from '../../smtp/mail-attachments';
import { actorName, mustGetCampaign, type CampaignContext } from './campaign-context';

/** The member's message plus the files every member gets (absent when there are none). */
export type TestMessage = OutgoingMessage & { readonly attachments?: readonly MailAttachment[] };

/** A member of the campaign's list (while drafting) or a position in its frozen snapshot. */
export type TestTarget = { readonly memberId: number } | { readonly position: number };

const ADDRESS = /^[^\s@<>()",;:\\[\]]+@[^\s@<>()",;:\\[\]]+$/;

function recipientOf(ctx: CampaignContext, listId: number, campaignId: number, target: TestTarget) {
  if ('memberId' in target) {
    const m = getMember(ctx.db, target.memberId);
    if (!m || m.listId !== listId) throw new AppError('not-found', 'No such member in this list', { memberId: target.memberId });
    return { email: m.email, name: m.name, fields: m.fields };
  }
  const s = getSnapshotRowAt(ctx.db, campaignId, target.position);
  if (!s) throw new AppError('not-found', 'No recipient at this position', { position: target.position });
  return { email: s.email, name: s.name, fields: s.fields };
}

export function buildTestMessage(ctx: CampaignContext, campaignId: number, target: TestTarget, operatorAddress: string): TestMessage {
  const c = mustGetCampaign(ctx, campaignId);
  const to = operatorAddress.trim();
  if (!ADDRESS.test(to)) throw new AppError('validation', 'The test address is not a valid email address', { field: 'operatorAddress' });
  const profile = c.profileId === null ? undefined : getProfileRow(ctx.db, c.profileId);
  if (!profile) throw new AppError('validation', 'Choose an SMTP profile first', { field: 'profileId' });
  const built = buildMessage({
    sender: { address: profile.fromAddress, name: profile.fromName },
    recipient: recipientOf(ctx, c.listId, campaignId, target),
    template: { subject: c.subjectTemplate, body: c.bodyTemplate },
  });
  if (!built.ok) throw new AppError('template-missing-field', 'This member lacks fields the template needs', { missing: built.missing });
  // The test is the exact preview, so it carries the same stored bytes the run would send.
  const attachments = listAttachmentFiles(ctx.db, campaignId).map((a) => ({ fileName: a.fileName, content: a.content }));
  // The member's own name must not appear next to someone else's address: To is the operator only.
  return {
    ...built.message,
    subject: `[TEST] ${built.message.subject}`,
    to: { address: to, name: '' },
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/** Called by the glue after the transport accepted the test message. */
export function recordTestSent(
  ctx: CampaignContext,
  campaignId: number,
  info: { actorId?: number | null; target: TestTarget; to: string; messageId?: string | null; response?: string | null },
): void {
  const c = mustGetCampaign(ctx, campaignId);
  ctx.audit.record('test.sent', {
    actor: actorName(ctx, info.actorId),
    campaignId,
    listId: c.listId,
    details: { ...info.target, to: info.to, messageId: info.messageId ?? null, response: info.response ?? null },
  });
}
