// The test send's message: the exact message of one member, with the subject prefixed
// "[TEST] ", the To replaced by the operator's own address, and the campaign's attachments.
// It never touches the sends table.
import { isSingleAddress } from '../../../shared/address';
import { AppError } from '../../../shared/errors';
import { buildMessage, type OutgoingMessage } from '../../../shared/message';
import { checkTemplate, type MessageTemplate } from '../../../shared/template';
import type { Db } from '../../db/connection';
import { listAttachmentFiles } from '../../db/repos/attachments-repo';
import { mustGetCampaign } from '../../db/repos/campaigns-repo';
import { getList } from '../../db/repos/lists-repo';
import { getMember } from '../../db/repos/members-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { getSnapshotRowAt } from '../../db/repos/snapshots-repo';
import type { MailAttachment } from '../../smtp/mail-attachments';
import type { AuditService } from '../audit/audit-service';

/** The member's message plus the files every member gets (absent when there are none). */
export type TestMessage = OutgoingMessage & { readonly attachments?: readonly MailAttachment[] };

/** A member of the campaign's list (while drafting) or a position in its frozen snapshot. */
export type TestTarget = { readonly memberId: number } | { readonly position: number };

function recipientOf(db: Db, listId: number, campaignId: number, target: TestTarget) {
  if ('memberId' in target) {
    const m = getMember(db, target.memberId);
    if (!m || m.listId !== listId) throw new AppError('not-found', 'No such member in this list', { memberId: target.memberId });
    return { email: m.email, name: m.name, fields: m.fields };
  }
  const s = getSnapshotRowAt(db, campaignId, target.position);
  if (!s) throw new AppError('not-found', 'No recipient at this position', { position: target.position });
  return { email: s.email, name: s.name, fields: s.fields };
}

/**
 * Why the message could not be built. A placeholder naming no column of the list is not a gap
 * in this member's row: it is said as such, with the closest columns, as the check report does.
 */
function buildFailure(db: Db, listId: number, template: MessageTemplate, missing: readonly string[]): AppError {
  const columns = getList(db, listId)?.columns ?? [];
  const unknown = checkTemplate(template, columns).flatMap((i) =>
    i.code === 'template-unknown-field' && missing.includes(i.field) ? [{ field: i.field, suggestions: i.suggestions }] : [],
  );
  if (unknown.length === 0) {
    return new AppError('template-missing-field', 'This member lacks fields the template needs', { missing });
  }
  const said = unknown.map((u) => `{{${u.field}}}${u.suggestions.length ? ` (did you mean "${u.suggestions[0]}"?)` : ''}`);
  return new AppError('template-unknown-field', `The template uses ${said.join(', ')}, which the list has no column for.`, {
    fields: unknown.map((u) => u.field),
    suggestions: Object.fromEntries(unknown.map((u) => [u.field, u.suggestions])),
    missing,
  });
}

export function buildTestMessage(db: Db, campaignId: number, target: TestTarget, operatorAddress: string): TestMessage {
  const c = mustGetCampaign(db, campaignId);
  const to = operatorAddress.trim();
  if (!isSingleAddress(to)) throw new AppError('validation', 'The test address is not a valid email address', { field: 'operatorAddress' });
  const profile = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
  if (!profile) throw new AppError('validation', 'Choose an SMTP profile first', { field: 'profileId' });
  const template = { subject: c.subjectTemplate, body: c.bodyTemplate };
  const built = buildMessage({
    sender: { address: profile.fromAddress, name: profile.fromName },
    recipient: recipientOf(db, c.listId, campaignId, target),
    template,
  });
  if (!built.ok) throw buildFailure(db, c.listId, template, built.missing);
  // The test is the exact preview, so it carries the same stored bytes the run would send.
  const attachments = listAttachmentFiles(db, campaignId).map((a) => ({ fileName: a.fileName, content: a.content }));
  // The member's own name must not appear next to someone else's address: To is the operator only.
  return {
    ...built.message,
    subject: `[TEST] ${built.message.subject}`,
    to: { address: to, name: '' },
    ...(attachments.length > 0 ? { attachments } : {}),
  };
}

/** Recorded once the transport accepted the test message. */
export function recordTestSent(
  db: Db,
  audit: AuditService,
  campaignId: number,
  info: { actor: string | null; target: TestTarget; to: string; messageId?: string | null; response?: string | null },
): void {
  const c = mustGetCampaign(db, campaignId);
  audit.record('test.sent', {
    actor: info.actor,
    campaignId,
    listId: c.listId,
    details: { ...info.target, to: info.to, messageId: info.messageId ?? null, response: info.response ?? null },
  });
}
