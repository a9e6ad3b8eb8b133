// What the UI receives about a mail account's IMAP side and a notice's bounces (issue 13).
import type { ImapAccount } from '../../imap-account';
import type { BounceKind } from '../../statuses';

/** The IMAP settings as the form shows them: the password never, only whether one is stored. */
export type ImapAccountDto = ImapAccount;

/** One "check for bounces": the service returns it as is (one shape, declared once). */
export interface BounceScanDto {
  /** Messages read since the last scan. */
  readonly read: number;
  /** Bounce reports among them. */
  readonly reports: number;
  /** Reports recorded now (a report read again is not recorded twice). */
  readonly recorded: number;
  readonly hard: number;
  readonly soft: number;
  /** Reports that name no send of Tayori's (or another recipient): counted, then left alone. */
  readonly unmatched: number;
  /** Matched bounces moved to the bounce folder (0 while the mailbox is read-only). */
  readonly moved: number;
}

/** Per member, its latest bounce: the repository's query returns exactly this. */
export interface BouncedMemberDto {
  readonly sendId: number;
  readonly position: number;
  readonly memberId: number | null;
  readonly email: string;
  readonly name: string;
  readonly kind: BounceKind;
  /** 5.1.1 / 550 …: the UI puts it in plain words; null when the report gave none. */
  readonly statusCode: string | null;
  /** The reporting server's own words (details, one click away). */
  readonly diagnostic: string | null;
  readonly reportedBy: string | null;
  readonly receivedAt: number;
  /** How many reports came for this member (soft ones repeat while the server retries). */
  readonly reports: number;
}

export interface BounceSummaryDto {
  /** Members whose message the server accepted (bounced ones included). */
  readonly sent: number;
  readonly hard: number;
  readonly soft: number;
  readonly members: readonly BouncedMemberDto[];
  readonly lastScanAt: number | null;
  /** Until when "check for bounces" reads the mailbox for this notice; null: no IMAP account. */
  readonly scanUntil: number | null;
}
