// Types of the import service's results: what the UI shows after an import and what is kept
// (as report_json) in the import history.
import type { AddressChange, AddressRejectReason } from '../../../shared/address';
import type { HeaderProblem } from '../../../shared/csv';

/** shift_jis decodes as CP932 (WHATWG), i.e. with the NEC/IBM extensions Excel writes. */
export type ImportEncoding = 'utf-8' | 'shift_jis' | 'euc-jp' | 'utf-16le';
export type ImportDelimiter = ',' | '\t' | ';';

/** Why a row was not imported: an address rule, or the row's shape or content. */
export type RowRejectReason = AddressRejectReason | 'too-many-fields' | 'malformed-quotes' | 'control-characters';

export interface RejectedRow {
  /** 1-based physical line where the row starts; the header is line 1. */
  readonly line: number;
  readonly reason: RowRejectReason;
  readonly rawEmail: string;
}

export interface NormalisedRow {
  readonly line: number;
  readonly from: string;
  readonly to: string;
  readonly changes: AddressChange[];
}

export interface RaggedRow {
  readonly line: number;
  readonly fields: number;
  readonly expected: number;
}

export interface DuplicateAddress {
  readonly email: string;
  readonly lines: number[];
}

export interface DiffMember {
  readonly line: number | null;
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
}

export interface ImportDiff {
  /** 'key' when rows were matched by the key column, 'email' when by address. */
  readonly matchedBy: 'key' | 'email';
  readonly previousImportId: number;
  readonly counts: { added: number; removed: number; emailChanged: number; nameChanged: number };
  readonly added: DiffMember[];
  readonly removed: DiffMember[];
  readonly emailChanged: { key: string; from: string; to: string; line: number }[];
  readonly nameChanged: { email: string; from: string; to: string; line: number }[];
}

export interface ImportCounts {
  /** Data rows (blank lines not counted). */
  readonly rows: number;
  readonly accepted: number;
  readonly rejected: number;
  readonly normalised: number;
  /** Addresses that occur on more than one accepted row. */
  readonly duplicates: number;
  readonly ragged: number;
  readonly blank: number;
}

export interface ImportWarning {
  readonly kind: 'encoding-override';
  readonly detected: ImportEncoding | null;
  readonly used: ImportEncoding;
}

/**
 * The report of one import. Lists are capped at REPORT_LIMIT entries each (counts are always
 * complete) so that a million-row file with a wrong column does not produce a huge report.
 */
export interface ImportReport {
  readonly encoding: ImportEncoding;
  readonly detectedEncoding: ImportEncoding | null;
  readonly bom: boolean;
  readonly delimiter: ImportDelimiter;
  readonly columns: string[];
  readonly emailColumn: string;
  readonly nameColumn: string | null;
  readonly keyColumn: string | null;
  readonly counts: ImportCounts;
  readonly rejectedByReason: Partial<Record<RowRejectReason, number>>;
  readonly rejected: RejectedRow[];
  readonly normalised: NormalisedRow[];
  readonly ragged: RaggedRow[];
  readonly duplicates: DuplicateAddress[];
  readonly headerProblems: HeaderProblem[];
  readonly warnings: ImportWarning[];
  /** null on a list's first import. */
  readonly diff: ImportDiff | null;
}

export interface ImportResult extends ImportReport {
  readonly listId: number;
  readonly importId: number;
  readonly fileName: string;
  readonly sha256: string;
  readonly bytes: number;
}

export const REPORT_LIMIT = 1000;

export interface ImportProgress {
  readonly bytesDone: number;
  readonly bytesTotal: number;
  readonly rowsDone: number;
}
