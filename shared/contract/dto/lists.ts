// DTOs of lists, imports and members.

export interface ListDto {
  readonly id: number;
  readonly name: string;
  readonly columns: readonly string[];
  readonly emailColumn: string | null;
  readonly nameColumn: string | null;
  readonly keyColumn: string | null;
  readonly memberCount: number;
  readonly lastImportAt: number | null;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface ColumnMappingDto {
  readonly emailColumn: string | null;
  readonly nameColumn: string | null;
  readonly keyColumn: string | null;
}

/** What the import screen shows before the user confirms encoding and mapping. */
export interface ImportAnalysisDto {
  readonly fileName: string;
  /** Detected (or forced) encoding, e.g. 'utf-8', 'shift_jis'. */
  readonly encoding: string;
  /** Encodings the user may switch to. */
  readonly encodings: readonly string[];
  readonly hasBom: boolean;
  readonly delimiter: string;
  readonly headers: readonly string[];
  readonly sampleRows: readonly (readonly string[])[];
  readonly suggested: ColumnMappingDto;
}

export interface RejectedRowDto {
  readonly line: number;
  /** A stable reason code the UI translates (e.g. 'invalid-email', 'missing-email'). */
  readonly reason: string;
  readonly value: string;
}

export interface NormalisedRowDto {
  readonly line: number;
  readonly column: string;
  readonly before: string;
  readonly after: string;
  /** What changed, as a code (e.g. 'full-width', 'trim'). */
  readonly rules: readonly string[];
}

export interface DuplicateDto {
  readonly email: string;
  readonly lines: readonly number[];
}

export interface DiffChangeDto {
  readonly key: string;
  readonly before: string;
  readonly after: string;
}

export interface ImportDiffDto {
  readonly added: number;
  readonly removed: number;
  readonly unchanged: number;
  readonly emailChanged: readonly DiffChangeDto[];
  readonly nameChanged: readonly DiffChangeDto[];
  /** A few of the new and removed addresses, for the report. */
  readonly addedSamples: readonly string[];
  readonly removedSamples: readonly string[];
}

export interface ImportReportDto {
  readonly importId: number;
  readonly listId: number;
  readonly fileName: string;
  readonly encoding: string;
  readonly delimiter: string;
  readonly totalRows: number;
  readonly accepted: number;
  readonly rejected: readonly RejectedRowDto[];
  readonly normalised: readonly NormalisedRowDto[];
  readonly duplicates: readonly DuplicateDto[];
  /** Null on the first import of a list. */
  readonly diff: ImportDiffDto | null;
  readonly createdAt: number;
}

export interface ImportSummaryDto {
  readonly id: number;
  readonly fileName: string;
  readonly encoding: string;
  readonly totalRows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly importedBy: number | null;
  readonly createdAt: number;
}

export type MemberChangeDto = 'new' | 'email-changed' | 'name-changed' | null;

export interface MemberDto {
  readonly id: number;
  readonly line: number;
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
  readonly fields: Readonly<Record<string, string>>;
  readonly change: MemberChangeDto;
}

export interface MembersPageDto {
  /** Members matching the query (all members when there is none). */
  readonly total: number;
  readonly offset: number;
  readonly members: readonly MemberDto[];
}
