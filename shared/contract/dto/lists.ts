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
type ImportDelimiterDto = ',' | '\t' | ';';

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

type RowRejectReasonDto = AddressRejectReason | 'too-many-fields' | 'malformed-quotes' | 'control-characters';

/** A member of the diff, by name and key as well as address. row: Excel row in the new file. */
interface ImportDiffMemberDto {
  readonly row: number | null;
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
}

/** A changed address or name: the member (key, name and address now) and the change. */
interface ImportDiffChangeDto {
  readonly row: number;
  readonly key: string | null;
  readonly name: string;
  readonly email: string;
  readonly from: string;
  readonly to: string;
}

export interface ImportDiffDto {
  readonly matchedBy: 'key' | 'email';
  readonly previousImportId: number;
  readonly counts: { readonly added: number; readonly removed: number; readonly emailChanged: number; readonly nameChanged: number };
  readonly added: readonly ImportDiffMemberDto[];
  readonly removed: readonly ImportDiffMemberDto[];
  readonly emailChanged: readonly ImportDiffChangeDto[];
  readonly nameChanged: readonly ImportDiffChangeDto[];
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
  /** row: the Excel row (header = row 1); line: the text line, which differs after a cell with a line break. */
  readonly rejected: readonly { readonly row: number; readonly line: number; readonly reason: RowRejectReasonDto; readonly rawEmail: string }[];
  readonly normalised: readonly {
    readonly row: number;
    readonly line: number;
    readonly from: string;
    readonly to: string;
    readonly changes: readonly AddressChange[];
  }[];
  readonly ragged: readonly { readonly row: number; readonly line: number; readonly fields: number; readonly expected: number }[];
  readonly duplicates: readonly { readonly email: string; readonly rows: readonly number[] }[];
  readonly headerProblems: readonly HeaderProblem[];
  readonly warnings: readonly {
    readonly kind: 'encoding-override';
    readonly detected: ImportEncodingDto | null;
    readonly used: ImportEncodingDto;
  }[];
  /** null on a list's first import. */
  readonly diff: ImportDiffDto | null;
}

/** What importing a file into an existing list would do; nothing has been written yet. */
export interface ImportPreviewDto extends Omit<ImportReportDto, 'importId'> {
  /** The list's import this file would replace; import:run's `expected` sends it back with sha256. */
  readonly previousImportId: number | null;
}

export interface ImportUndoDto {
  readonly listId: number;
  readonly undoneImportId: number;
  /** The import the list's members come from again. */
  readonly restoredImportId: number | null;
  readonly restored: number;
  readonly discarded: number;
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
  /** When and by whom the import was undone (null: it was not). */
  readonly undoneAt: number | null;
  readonly undoneBy: string | null;
  /** This is the list's latest import and it replaced an earlier one: it can be undone. */
  readonly canUndo: boolean;
}

type MemberChangeDto = 'new' | 'email-changed' | 'name-changed' | null;

export interface MemberDto {
  readonly id: number;
  /** The member's Excel row in the file it was imported from (the header is row 1). */
  readonly line: number;
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
  readonly fields: Readonly<Record<string, string>>;
  readonly change: MemberChangeDto;
  /** Changed in Tayori since its import: by whom and when (null: as imported). */
  readonly edited: { readonly by: string | null; readonly at: number } | null;
}

export interface MembersPageDto {
  /** Members matching the query (all members when there is none). */
  readonly total: number;
  /** False when a search stopped counting at its cap: total is then a lower bound ("more than 10,000"). */
  readonly totalExact: boolean;
  readonly offset: number;
  readonly members: readonly MemberDto[];
  /**
   * For a search while the list's search index is still being built: how far it reaches (the
   * results are exact either way; a search is only slower until it is done). Absent otherwise.
   */
  readonly indexing?: { readonly percent: number };
}
