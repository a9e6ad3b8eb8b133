// Types of the import service's results: what the UI shows after an import and what is kept
// (as report_json) in the import history.
import type { AddressChange, AddressRejectReason } from '../../../shared/address';
import type { HeaderProblem } from '../../../shared/csv';
import type { DuplicateAddress, ImportDiff } from '../../db/repos/import-diff-repo';

/** shift_jis decodes as CP932 (WHATWG), i.e. with the NEC/IBM extensions Excel writes. */
export type ImportEncoding = 'utf-8' | 'shift_jis' | 'euc-jp' | 'utf-16le';
export type ImportDelimiter = ',' | '\t' | ';';

/** Why a row was not imported: an address rule, or the row's shape or content. */
export type RowRejectReason = AddressRejectReason | 'too-many-fields' | 'malformed-quotes' | 'control-characters';

// Where a row is, in the user's terms: `row` is the Excel row (one per record, the header is
// row 1, as Excel numbers them), `line` the text line it starts on. They differ after a cell
// with a line break (one Excel row, two text lines); the report shows the line only then.

export interface RejectedRow {
  /** The Excel row (record number, the header is row 1). */
  readonly row: number;
  /** 1-based text line where the row starts. */
  readonly line: number;
  readonly reason: RowRejectReason;
  readonly rawEmail: string;
}

export interface NormalisedRow {
  readonly row: number;
  readonly line: number;
  readonly from: string;
  readonly to: string;
  readonly changes: AddressChange[];
}

export interface RaggedRow {
  readonly row: number;
  readonly line: number;
  readonly fields: number;
  readonly expected: number;
}

interface ImportCounts {
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
