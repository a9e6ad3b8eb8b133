// DTOs of the reports: the pure builders' results are the DTOs (declared once, in shared/reports).
import type { IncidentRecipient } from '../../reports/incident-csv';
import type { IncidentAnswers, IncidentFacts } from '../../reports/incident-report';
import type { NoticeSummary } from '../../reports/notice-summary';

export type NoticeSummaryDto = NoticeSummary;

export interface IncidentDataDto {
  readonly facts: IncidentFacts;
  /** The first members whose message was handed over (sent or unknown); all of them are in the CSV. */
  readonly recipients: readonly IncidentRecipient[];
  readonly recipientTotal: number;
  /** What was typed into this report last time, when and by whom (null: nothing yet). */
  readonly saved: { readonly answers: IncidentAnswers; readonly savedAt: number; readonly savedBy: string | null } | null;
}

export interface IncidentSavedDto {
  readonly savedAt: number;
}

export interface CsvExportDto {
  readonly fileName: string;
  /** UTF-8 with BOM, CRLF, formula-safe cells: opens in Excel as it is. */
  readonly csv: string;
}
