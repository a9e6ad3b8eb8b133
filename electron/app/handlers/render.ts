// Builds the contract's RenderedMessageDto: from the frozen recipients once a campaign was
// submitted for approval (exactly what will be sent), from the list's members before that.
import type { RenderedMessageDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { buildMessage, type BuildMessageResult, type MailAddress } from '../../../shared/message';
import { listAttachments } from '../../db/repos/attachments-repo';
import type { Campaign } from '../../db/repos/campaigns-repo';
import { getProfileRow, listProfileRows } from '../../db/repos/profiles-repo';
import { countMembers, countMembersBefore } from '../../db/repos/members-repo';
import { countSnapshot, getSnapshotRowAt, snapshotPositionOfMember } from '../../db/repos/snapshots-repo';
import type { Services } from '../services';
import { recipientRowById } from '../../db/repos/recipients-query';
import { recipientOrder } from '../../db/recipient-order';
import { followUpRecipients } from '../../services/campaigns/campaign-sources';

export function senderOf(s: Services, profileId: number | null): MailAddress {
  const p = profileId !== null ? getProfileRow(s.db, profileId) : listProfileRows(s.db)[0];
  if (!p) throw new AppError('validation', 'Choose an SMTP profile first', { field: 'profileId' });
  return { address: p.fromAddress, name: p.fromName };
}

/** Where the mail is handed over: the approver sees it, so a redirected account cannot hide. */
export function serverOf(s: Services, profileId: number | null): { host: string; port: number } | null {
  const p = profileId !== null ? getProfileRow(s.db, profileId) : undefined;
  return p ? { host: p.host, port: p.port } : null;
}

type Attachments = RenderedMessageDto['attachments'];

function dto(
  base: { position: number; total: number; memberId: number | null; email: string; name: string; attachments: Attachments },
  built: BuildMessageResult,
): RenderedMessageDto {
  return built.ok ? { ...base, ok: true, message: built.message } : { ...base, ok: false, missing: built.missing };
}

/** From the list's members (before the recipients are frozen), by position or member id. */
function fromList(
  s: Services,
  listId: number,
  template: { subject: string; body: string },
  sender: MailAddress,
  at: { position?: number | undefined; memberId?: number | undefined },
  attachments: Attachments,
): RenderedMessageDto {
  const args = { listId, template, sender };
  if (at.memberId !== undefined) {
    const p = s.preview.preview({ ...args, memberId: at.memberId });
    return dto({ position: countMembersBefore(s.db, listId, at.memberId), total: countMembers(s.db, listId), memberId: p.member.id, email: p.member.email, name: p.member.name, attachments }, p);
  }
  const p = s.preview.previewByPosition({ ...args, index: at.position ?? 0 });
  return dto({ position: p.index, total: p.total, memberId: p.member.id, email: p.member.email, name: p.member.name, attachments }, p);
}

/** A list member's message for unsaved templates (compose screen). */
export function renderDraft(
  s: Services,
  a: { listId: number; memberId: number | null; profileId: number | null; subject: string; body: string },
): RenderedMessageDto {
  const at = a.memberId === null ? { position: 0 } : { memberId: a.memberId };
  return fromList(s, a.listId, { subject: a.subject, body: a.body }, senderOf(s, a.profileId), at, []);
}

function snapshotPositionOf(s: Services, campaignId: number, memberId: number): number {
  const position = snapshotPositionOfMember(s.db, campaignId, memberId);
  if (position === undefined) throw new AppError('not-found', 'This member is not among the recipients', { memberId });
  return position;
}

/** One recipient's exact message for a campaign, by position or member id. */
export function renderCampaign(s: Services, c: Campaign, at: { position?: number | undefined; memberId?: number | undefined }): RenderedMessageDto {
  const sender = senderOf(s, c.profileId);
  const template = { subject: c.subjectTemplate, body: c.bodyTemplate };
  const attachments = listAttachments(s.db, c.id).map((x) => ({ fileName: x.fileName, bytes: x.bytes }));
  const total = countSnapshot(s.db, c.id);
  if (total > 0) {
    const position = at.memberId !== undefined ? snapshotPositionOf(s, c.id, at.memberId) : (at.position ?? 0);
    const row = getSnapshotRowAt(s.db, c.id, position);
    if (!row) throw new AppError('not-found', 'There is no recipient at this position', { position, total });
    const built = buildMessage({ sender, recipient: { email: row.email, name: row.name, fields: row.fields }, template });
    return dto({ position, total, memberId: row.memberId, email: row.email, name: row.name, attachments }, built);
  }
  return fromRecipients(s, c, template, sender, at, attachments);
}

/**
 * Before the freeze: the notice's recipients as they would be frozen now (its selection, less
 * exclusions and suppressions, duplicates merged; a follow-up's current rows), never the whole list.
 */
function fromRecipients(
  s: Services,
  c: Campaign,
  template: { subject: string; body: string },
  sender: MailAddress,
  at: { position?: number | undefined; memberId?: number | undefined },
  attachments: Attachments,
): RenderedMessageDto {
  const rows = c.followUpOf !== null ? followUpRecipients(s.db, c).rows : null;
  // A notice's own recipients: their order (member ids) is kept while the database is unchanged,
  // so paging through the preview reads one member row, not the whole list.
  const order = rows ? null : recipientOrder(s.db, c.listId, c.selection);
  const total = rows ? rows.length : order!.count;
  const position =
    at.memberId === undefined
      ? (at.position ?? 0)
      : rows
        ? rows.findIndex((r) => r.memberId === at.memberId)
        : (order!.positionOf(at.memberId) ?? -1);
  if (position < 0) throw new AppError('not-found', 'This member is not among the recipients', { memberId: at.memberId });
  const memberId = order?.idAt(position);
  const row = rows ? rows[position] : memberId !== undefined ? recipientRowById(s.db, memberId) : undefined;
  if (!row) throw new AppError('not-found', 'There is no recipient at this position', { position, total });
  const built = buildMessage({ sender, recipient: { email: row.email, name: row.name, fields: row.fields }, template });
  return dto({ position, total, memberId: row.memberId, email: row.email, name: row.name, attachments }, built);
}
