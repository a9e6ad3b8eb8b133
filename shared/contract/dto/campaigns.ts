// DTOs of campaigns: composition, template check, previews, the check report and approval.
import type { UserDto } from './app';

export type CampaignStatus =
  | 'draft'
  | 'awaiting-approval'
  | 'approved'
  | 'scheduled'
  | 'sending'
  | 'paused'
  | 'stopped'
  | 'finished'
  | 'cancelled';

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
  readonly digest: string;
  readonly approvedAt: number;
  /** Set when a later change voided the approval. */
  readonly voidedAt: number | null;
  readonly voidReason: string | null;
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
  readonly cancelWindowS: number;
  readonly scheduledAt: number | null;
  readonly createdBy: number | null;
  readonly requestedBy: number | null;
  /** Frozen recipients, once the snapshot exists (null while drafting). */
  readonly recipientCount: number | null;
  readonly attachments: readonly AttachmentDto[];
  readonly approval: ApprovalDto | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface TemplateIssueDto {
  readonly part: 'subject' | 'body';
  /** An error code from shared/errors (template-syntax, template-unknown-field, ...). */
  readonly code: string;
  readonly message: string;
  /** 1-based position of the problem in the template. */
  readonly line: number;
  readonly column: number;
  readonly field: string | null;
}

export interface TemplateCheckDto {
  readonly ok: boolean;
  readonly issues: readonly TemplateIssueDto[];
  /** Fields the templates use, in order of first use. */
  readonly fields: readonly string[];
}

export interface AddressDto {
  readonly address: string;
  readonly name: string;
}

/** One member's exact message, as it will be sent. */
export interface RenderedMessageDto {
  readonly memberId: number | null;
  /** 0-based position among the campaign's recipients (or the list's members while drafting). */
  readonly position: number;
  readonly total: number;
  readonly from: AddressDto;
  readonly to: AddressDto;
  readonly subject: string;
  readonly text: string;
  /** Sanitised HTML (no scripts, no remote content), when the campaign has an HTML body. */
  readonly html: string | null;
  readonly attachments: readonly { readonly fileName: string; readonly bytes: number }[];
  readonly headers: readonly (readonly [string, string])[];
}

export interface PreviewMatchDto {
  readonly position: number;
  readonly memberId: number | null;
  readonly email: string;
  readonly name: string;
}

export interface PreviewSearchDto {
  readonly total: number;
  readonly matches: readonly PreviewMatchDto[];
}

export interface FindingSampleDto {
  readonly position: number | null;
  readonly line: number | null;
  readonly email: string | null;
  readonly detail: string | null;
}

export interface FindingDto {
  /** A stable code the UI translates (e.g. 'invalid-address', 'typo-domain', 'mail-attachment'). */
  readonly code: string;
  readonly severity: 'blocking' | 'warning';
  readonly message: string;
  readonly count: number;
  readonly samples: readonly FindingSampleDto[];
}

export interface CheckReportDto {
  readonly campaignId: number;
  readonly recipientCount: number;
  readonly blocking: readonly FindingDto[];
  readonly warnings: readonly FindingDto[];
  /** Recipients by domain, largest first, for the chart. */
  readonly domains: readonly { readonly domain: string; readonly count: number }[];
  readonly checkedAt: number;
}

export interface TestSendDto {
  readonly to: string;
  readonly messageId: string | null;
  readonly response: string;
}

/** What the approver sees before entering their PIN. */
export interface ApprovalSummaryDto {
  readonly campaign: CampaignDto;
  readonly requestedBy: UserDto | null;
  readonly from: AddressDto;
  readonly recipientCount: number;
  readonly report: CheckReportDto;
  readonly samples: readonly RenderedMessageDto[];
  readonly digest: string;
}
