// DTOs of sending, history, audit, practice mode and the practice outbox.
import type { OutboxMessage, OutboxSummary } from '../../practice';

import type { RecipientStatus, RecoveryReason, SendState } from '../../statuses';

export type { RecipientStatus } from '../../statuses';

/** How many recipients are in each status. */
type SendCountsDto = Readonly<Record<RecipientStatus, number>>;

export interface SendStatusDto {
  readonly campaignId: number;
  readonly state: SendState;
  readonly counts: SendCountsDto;
  /** Milliseconds left in the cancel window (0 unless scheduled), by the host's clock. */
  readonly remainingMs: number;
  /** Why the run paused by itself (smtp-auth, smtp-connect, ...), or null. */
  readonly error: { readonly code: string; readonly message: string; readonly reason?: RecoveryReason } | null;
  /** While the run waits for the account's limits or quiet hours: when the next message may go. */
  readonly nextAt: number | null;
  readonly waitReason: 'minute' | 'hour' | 'day' | 'quiet' | null;
  /** When the last message is expected to leave (sending or scheduled), or null. */
  readonly expectedEndAt: number | null;
}

/** How long a send will take under the account's limits and quiet hours (before approval and while sending). */
export interface SendEstimateDto {
  readonly campaignId: number;
  /** Members still to send. */
  readonly count: number;
  readonly startAt: number;
  readonly endAt: number;
  /** What holds the send back most, or null when nothing does. */
  readonly limitedBy: 'minute' | 'hour' | 'day' | 'quiet' | null;
  readonly limits: { readonly perMinute: number | null; readonly perHour: number | null; readonly perDay: number | null };
  /** 'HH:MM-HH:MM' or null. */
  readonly quietHours: string | null;
  readonly carrierPerMinute: number | null;
}

/** One member of a send with where their message stands (the repository returns exactly this). */
export interface SendMemberDto {
  readonly sendId: number;
  readonly position: number;
  readonly email: string;
  readonly name: string;
  readonly status: RecipientStatus;
  readonly attempts: number;
  readonly smtpResponse: string | null;
  readonly messageId: string | null;
  /** When a member waiting after a temporary refusal is tried again (status 'retrying'), else null. */
  readonly nextAttemptAt: number | null;
  readonly finishedAt: number | null;
}

export interface SendMembersPageDto {
  readonly total: number;
  readonly offset: number;
  readonly items: readonly SendMemberDto[];
}

export interface AuditEntryDto {
  readonly id: number;
  readonly at: number;
  readonly actor: string | null;
  readonly action: string;
  readonly listId: number | null;
  readonly campaignId: number | null;
  readonly details: Readonly<Record<string, unknown>>;
}

export interface AuditExportDto {
  readonly fileName: string;
  /** CSV text (UTF-8 with BOM so Excel opens Japanese correctly). */
  readonly csv: string;
}

export interface RecipientDto {
  readonly email: string;
  readonly name: string;
  readonly status: RecipientStatus;
  /** The server's last reply for this member (shown in plain words, raw one click away). */
  readonly smtpResponse: string | null;
  readonly finishedAt: number | null;
}

export interface PracticeStatusDto {
  readonly active: boolean;
  /** Whether a practice database exists (it can be deleted). */
  readonly hasData: boolean;
  readonly outboxCount: number;
  /** Where the practice outbox listens while practice mode is on. */
  readonly outbox: { readonly host: string; readonly port: number } | null;
  /** The practice workspace's fictional users and their PINs (shown so anyone can rehearse). */
  readonly users: readonly { readonly name: string; readonly pin: string }[];
}

/** The practice outbox's own pure types (shared/practice.ts) are the DTOs. */
export type OutboxItemDto = OutboxSummary;
export type OutboxMessageDto = OutboxMessage;

export interface ImportProgressDto {
  readonly listId: number | null;
  readonly phase: 'reading' | 'parsing' | 'saving' | 'done';
  readonly rows: number;
  readonly bytesRead: number;
  readonly totalBytes: number;
}
