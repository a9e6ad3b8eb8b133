// What the UI receives about a mail account's IMAP side and a notice's bounces (issue 13).
import type { ImapAccount } from '../../imap-account';
import type { BounceKind } from '../../statuses';

/** The IMAP settings as the form shows them: the password never, only whether one is stored. */
export type ImapAccountDto = ImapAccount;

export interface BounceScanDto {
  readonly read: number;
  readonly reports: number;
  readonly recorded: number;
  readonly hard: number;
  readonly soft: number;
  readonly unmatched: number;
  readonly moved: number;
}

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
