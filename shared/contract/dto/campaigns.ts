// DTOs of campaigns: composition, template check, previews, the check report and approval.
import type { MessageEncoding } from '../../sending/encodings';
import type { CheckItem, CheckReport } from '../../guards';
import type { FieldUse, TemplateIssue } from '../../template';
import type { UserDto } from './app';
import type { MemberDto } from './lists';

import type { ApprovalMethod, CampaignStatus } from '../../statuses';
import type { Selection } from '../../recipients';

export interface AttachmentDto {
  readonly id: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface ApprovalDto {
  readonly id: number;
  readonly campaignId: number;
  readonly requestedBy: number;
  readonly approverId: number;
  readonly approverName: string;
  readonly requesterName: string;
  readonly digest: string;
  readonly approvedAt: number;
  /** After this time the approval no longer starts a send (Settings: approval validity). */
  readonly expiresAt: number;
  /** Set when a later change voided the approval. */
  readonly voidedAt: number | null;
  readonly voidReason: string | null;
  /** How it was given: a PIN at the desk, or a code mailed to `codeAddress`. */
  readonly method: ApprovalMethod;
  readonly codeAddress: string | null;
}

export interface CampaignDto {
  readonly id: number;
  readonly listId: number;
  readonly listName: string;
  readonly profileId: number | null;
  readonly name: string;
  readonly subjectTemplate: string;
  readonly bodyTemplate: string;
  readonly status: CampaignStatus;
  readonly followUpOf: number | null;
  /** The earlier campaign's send statuses a follow-up addresses. */
  readonly followUpStatuses: readonly string[] | null;
  /** Digest frozen by the last approval request. */
  readonly digest: string | null;
  readonly cancelWindowS: number;
  readonly scheduledAt: number | null;
  readonly createdBy: number | null;
  readonly requestedBy: number | null;
  /** Frozen recipients, once the snapshot exists (null while drafting). */
  readonly recipientCount: number | null;
  readonly attachments: readonly AttachmentDto[];
  readonly approval: ApprovalDto | null;
  readonly selection: Selection;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly encoding: MessageEncoding;
}

export interface TemplateCheckDto {
  readonly ok: boolean;
  readonly issues: readonly TemplateIssue[];
  /** Fields the templates use, in order of first use. */
  readonly fields: readonly FieldUse[];
}

export interface AddressDto {
  readonly address: string;
  readonly name: string;
}

interface MessageDto {
  readonly from: AddressDto;
  /** Exactly one member. */
  readonly to: AddressDto;
  readonly subject: string;
  /** Plain text body, exactly as sent. */
  readonly text: string;
}

/** One recipient's exact message, or the fields their row lacks (never rendered blank). */
export type RenderedMessageDto = {
  /** 0-based position among the campaign's recipients (or the list's members while drafting). */
  readonly position: number;
  readonly total: number;
  readonly memberId: number | null;
  readonly email: string;
  readonly name: string;
  readonly attachments: readonly { readonly fileName: string; readonly bytes: number }[];
} & ({ readonly ok: true; readonly message: MessageDto } | { readonly ok: false; readonly missing: readonly string[] });

export interface PreviewSearchDto {
  /** How many members match in all. */
  readonly total: number;
  readonly matches: readonly MemberDto[];
}

/** The check report of shared/guards: items (blocking, warnings, info), sample, counts, by domain. */
export type CheckReportDto = CheckReport;
export type CheckItemDto = CheckItem;

/** One person a check finding names. */
export interface CheckMemberDto {
  readonly id: number;
  /** Their Excel row in the list, when the list still has them. */
  readonly line: number | null;
  readonly name: string;
  readonly email: string;
}

export interface TestSendDto {
  readonly to: string;
  readonly messageId: string | null;
  readonly response: string;
}

/** What the approver sees before entering their PIN. */
export interface ApprovalSummaryDto {
  readonly campaign: CampaignDto;
  /** Who receives it, in words (「棟」が「A」の会員 42 人). */
  readonly recipientsInWords: { readonly ja: string; readonly en: string };
  readonly requestedBy: UserDto | null;
  readonly from: AddressDto;
  /** The SMTP server the mail is handed to (host and port), or null without an account. */
  readonly server: { readonly host: string; readonly port: number } | null;
  readonly recipientCount: number;
  readonly report: CheckReportDto;
  readonly samples: readonly RenderedMessageDto[];
  readonly digest: string;
}
