// DTOs of lists, imports and members. Import shapes mirror the import service's report.
import type { AddressChange, AddressRejectReason } from '../../address';
import type { DetectedColumns, HeaderProblem } from '../../csv';

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

export type ImportEncodingDto = 'utf-8' | 'shift_jis' | 'euc-jp' | 'utf-16le';
export type ImportDelimiterDto = ',' | '\t' | ';';

/** What the import screen shows before the user confirms encoding and mapping (writes nothing). */
export interface ImportAnalysisDto {
  readonly fileName: string;
  /** The encoding used (forced or detected); shift_jis decodes as CP932, as Excel writes it. */
  readonly encoding: ImportEncodingDto;
  readonly detectedEncoding: ImportEncodingDto | null;
  readonly delimiter: ImportDelimiterDto;
  /** Header cells as written. */
  readonly headers: readonly string[];
  /** Unique column names, used for the mapping and as template fields. */
  readonly columns: readonly string[];
  readonly detected: DetectedColumns;
  readonly sampleRows: readonly (readonly string[])[];
  readonly bytes: number;
}

export type RowRejectReasonDto = AddressRejectReason | 'too-many-fields' | 'malformed-quotes' | 'control-characters';

export interface ImportDiffMemberDto {
  readonly line: number | null;
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
}

export interface ImportDiffDto {
  readonly matchedBy: 'key' | 'email';
  readonly previousImportId: number;
  readonly counts: { readonly added: number; readonly removed: number; readonly emailChanged: number; readonly nameChanged: number };
  readonly added: readonly ImportDiffMemberDto[];
  readonly removed: readonly ImportDiffMemberDto[];
  readonly emailChanged: readonly { readonly key: string; readonly from: string; readonly to: string; readonly line: number }[];
  readonly nameChanged: readonly { readonly email: string; readonly from: string; readonly to: string; readonly line: number }[];
}

/** The report of one import; each list is capped (counts are always complete). */
export interface ImportReportDto {
  readonly listId: number;
  readonly importId: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
  readonly encoding: ImportEncodingDto;
  readonly detectedEncoding: ImportEncodingDto | null;
  readonly bom: boolean;
  readonly delimiter: ImportDelimiterDto;
  readonly columns: readonly string[];
  readonly emailColumn: string;
  readonly nameColumn: string | null;
  readonly keyColumn: string | null;
  readonly counts: {
    readonly rows: number;
    readonly accepted: number;
    readonly rejected: number;
    readonly normalised: number;
    readonly duplicates: number;
    readonly ragged: number;
    readonly blank: number;
  };
  readonly rejectedByReason: Partial<Record<RowRejectReasonDto, number>>;
  readonly rejected: readonly { readonly line: number; readonly reason: RowRejectReasonDto; readonly rawEmail: string }[];
  readonly normalised: readonly {
    readonly line: number;
    readonly from: string;
    readonly to: string;
    readonly changes: readonly AddressChange[];
  }[];
  readonly ragged: readonly { readonly line: number; readonly fields: number; readonly expected: number }[];
  readonly duplicates: readonly { readonly email: string; readonly lines: readonly number[] }[];
  readonly headerProblems: readonly HeaderProblem[];
  readonly warnings: readonly {
    readonly kind: 'encoding-override';
    readonly detected: ImportEncodingDto | null;
    readonly used: ImportEncodingDto;
  }[];
  /** null on a list's first import. */
  readonly diff: ImportDiffDto | null;
}

export interface ImportSummaryDto {
  readonly id: number;
  readonly listId: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly encoding: string;
  readonly delimiter: string;
  readonly totalRows: number;
  readonly acceptedRows: number;
  readonly rejectedRows: number;
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
  /** False when a search stopped counting at its cap: total is then a lower bound ("1,000+"). */
  readonly totalExact: boolean;
  readonly offset: number;
  readonly members: readonly MemberDto[];
}
