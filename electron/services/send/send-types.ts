// What the send service needs from the rest of Tayori, as narrow interfaces (easy to inject).
import type { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import type { SmtpProfile } from '../../../shared/smtp-profile';
import type { SendCounts } from '../../db/repos/sends-repo';
import type { MailTransport } from '../../smtp/mail-transport';
import type { Clock } from '../clock';
import type { RecoveryReason, SendState } from '../../../shared/statuses';
import type { QuietHours } from './quiet-hours';
import type { RetryPolicy } from './retry-policy';
import type { Timers } from './timers';
import type { PaceFields } from './send-pace';

/** The audit service's record(); calls made inside a db.transaction join that transaction. */
export interface SendAudit {
  record(
    action: string,
    ctx?: { actor?: string | null; listId?: number | null; campaignId?: number | null; details?: Record<string, unknown> },
  ): unknown;
}

/** An attachment as the approval covers it (the digest's attachments part). */
export interface ApprovedAttachment {
  readonly name: string;
  readonly sha256: string;
  readonly bytes: number;
}

/** The approval service's check and the stored files it covers. */
export interface SendApprovals {
  /** Throws AppError 'approval-void' / 'approval-required' (and 'approval-expired' with unexpired). */
  assertApproved(campaignId: number, opts?: { readonly unexpired?: boolean }): {
    readonly digest: string;
    readonly approverId: number;
    readonly attachments: readonly ApprovedAttachment[];
  };
  /** The approval if it still holds (digest unchanged and unexpired), else null (voided on the spot). */
  currentApproval(campaignId: number, opts?: { readonly unexpired?: boolean }): unknown;
  /** The stored bytes of every attachment, in order. */
  attachmentsForSend(campaignId: number): readonly { readonly fileName: string; readonly sha256: string; readonly content: Buffer }[];
}

/** Opens the pooled connections for one run (the composition root adds the password). */
export type TransportFactory = (profile: SmtpProfile) => MailTransport;

export interface SendServiceDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly transportFactory: TransportFactory;
  readonly approvals: SendApprovals;
  readonly audit: SendAudit;
  readonly timers?: Timers;
  readonly random?: () => number;
  readonly policy?: Partial<RetryPolicy>;
  /** The organisation's quiet hours, read when a run starts (none when omitted). */
  readonly quietHours?: () => QuietHours | null;
  /** A scheduled send found at start-up more than this late is not sent (default: never dropped). */
  readonly lateLimitMs?: number;
}

export interface SendProgress {
  readonly campaignId: number;
  readonly state: SendState;
  readonly counts: SendCounts;
  /** Milliseconds left in the cancel window (0 unless scheduled). */
  readonly remainingMs: number;
  /** Why the run paused by itself (smtp-auth, smtp-connect, …), or null. */
  readonly error: ErrorLike | null;
  readonly nextAt: PaceFields['nextAt'];
  readonly waitReason: PaceFields['waitReason'];
  readonly expectedEndAt: PaceFields['expectedEndAt'];
}

export type ProgressListener = (p: SendProgress) => void;

export type ErrorLike = Pick<AppError, 'code' | 'message'> & {
  /**
   * Set when start-up found the run interrupted (see RECOVERY_REASONS): which of the two it was,
   * so the UI can say "Tayori stopped while sending" or "the window ran out, nothing was sent".
   */
  readonly reason?: RecoveryReason;
};
