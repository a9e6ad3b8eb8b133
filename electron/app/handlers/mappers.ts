// Service records → contract DTOs. The DTO types are the contract; a service type that drifts
// from them fails to compile here rather than surprising the page.
import type { ApprovalDto, CampaignDto, ListDto, MemberDto, ProfileDto, UserDto } from '../../../shared/contract';
import type { Db } from '../../db/connection';
import { latestApproval, type Approval } from '../../db/repos/approvals-repo';
import { listAttachments } from '../../db/repos/attachments-repo';
import type { Campaign } from '../../db/repos/campaigns-repo';
import { latestImport } from '../../db/repos/imports-repo';
import { getList, type List } from '../../db/repos/lists-repo';
import { countMembers, type Member } from '../../db/repos/members-repo';
import type { SmtpProfile } from '../../../shared/smtp-profile';
import { countSnapshot } from '../../db/repos/snapshots-repo';
import type { User } from '../../db/repos/users-repo';
import type { Clock } from '../../services/clock';

export function toUserDto(u: User, clock: Clock): UserDto {
  const locked = u.lockedUntil !== null && u.lockedUntil > clock.now();
  return { id: u.id, name: u.name, locked, lockedUntil: locked ? u.lockedUntil : null, createdAt: u.createdAt };
}

/** Everything but what the page has no use for; a new profile field reaches the page by itself. */
export function toProfileDto({ insecure: _i, createdAt: _c, updatedAt: _u, ...dto }: SmtpProfile): ProfileDto {
  return dto;
}

export function toListDto(db: Db, l: List): ListDto {
  return {
    id: l.id,
    name: l.name,
    columns: l.columns,
    emailColumn: l.emailColumn,
    nameColumn: l.nameColumn,
    keyColumn: l.keyColumn,
    memberCount: countMembers(db, l.id),
    lastImportAt: latestImport(db, l.id)?.createdAt ?? null,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

export function toMemberDto(m: Member): MemberDto {
  return { id: m.id, line: m.line, email: m.email, name: m.name, key: m.key, fields: m.fields, change: m.change, edited: m.edited };
}

/** How the campaign mapper names users and dates approvals. */
export interface CampaignDtoContext {
  readonly userName: (id: number) => string;
  readonly approvalExpiresAt: (approvedAt: number) => number;
}

export function toApprovalDto(a: Approval, { userName, approvalExpiresAt }: CampaignDtoContext): ApprovalDto {
  return {
    id: a.id,
    campaignId: a.campaignId,
    requestedBy: a.requestedBy,
    approverId: a.approverId,
    approverName: userName(a.approverId),
    requesterName: userName(a.requestedBy),
    digest: a.digest,
    approvedAt: a.approvedAt,
    expiresAt: approvalExpiresAt(a.approvedAt),
    voidedAt: a.voidedAt,
    voidReason: a.voidReason,
    method: a.method,
    codeAddress: a.codeAddress,
  };
}

export function toCampaignDto(db: Db, c: Campaign, context: CampaignDtoContext): CampaignDto {
  const snapshot = countSnapshot(db, c.id);
  const a = latestApproval(db, c.id);
  return {
    id: c.id,
    listId: c.listId,
    listName: getList(db, c.listId)?.name ?? '',
    profileId: c.profileId,
    name: c.name,
    subjectTemplate: c.subjectTemplate,
    bodyTemplate: c.bodyTemplate,
    status: c.status,
    followUpOf: c.followUpOf,
    followUpStatuses: c.followUpStatuses,
    digest: c.digest,
    cancelWindowS: c.cancelWindowS,
    scheduledAt: c.scheduledAt,
    createdBy: c.createdBy,
    requestedBy: c.requestedBy,
    recipientCount: snapshot > 0 ? snapshot : null,
    attachments: listAttachments(db, c.id).map((x) => ({ id: x.id, fileName: x.fileName, sha256: x.sha256, bytes: x.bytes })),
    approval: a ? toApprovalDto(a, context) : null,
    selection: c.selection,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    encoding: c.encoding,
  };
}
