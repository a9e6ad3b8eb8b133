// Turns parsed rows into staged members: checks the row's shape, normalises and validates the
// address, and writes accepted rows to a per-import TEMP table; rejections and normalisations
// are tallied for the report. Per-row work avoids objects: this runs a million times.
import { normaliseAddress, validateAddress } from '../../../shared/address';
import type { Db } from '../../db/connection';
import {
  REPORT_LIMIT,
  type NormalisedRow,
  type RaggedRow,
  type RejectedRow,
  type RowRejectReason,
} from './import-report';

export interface StageColumns {
  readonly columns: readonly string[];
  readonly emailIndex: number;
  readonly nameIndex: number;
  readonly keyIndex: number;
}

export interface StageTally {
  rows: number;
  accepted: number;
  rejected: number;
  normalised: number;
  ragged: number;
  blank: number;
  readonly rejectedByReason: Partial<Record<RowRejectReason, number>>;
  readonly rejectedRows: RejectedRow[];
  readonly normalisedRows: NormalisedRow[];
  readonly raggedRows: RaggedRow[];
}

export interface Stager {
  readonly table: string;
  readonly tally: StageTally;
  /** SQL expression building a staged row's fields as JSON, for the copy into members. */
  fieldsSql(alias: string): string;
  /** The RowHandler for the CSV stream. */
  row(cells: string[], line: number, malformedQuotes: boolean): void;
  drop(): void;
}

let stageCounter = 0;

export function createStager(db: Db, cols: StageColumns): Stager {
  // A TEMP table lives in this connection only and vanishes with it: a crash mid-import leaves
  // nothing behind in the database file.
  const table = `import_stage_${process.pid}_${++stageCounter}`;
  const { columns, emailIndex, nameIndex, keyIndex } = cols;
  const expected = columns.length;
  // Cells are staged one per SQL column and turned into JSON by SQLite's json_object during the
  // copy into members: no per-row JSON work in JavaScript, and half the bytes in the stage.
  const cellColumns = columns.map((_, i) => `c${i}`);
  db.exec(
    `CREATE TEMP TABLE ${table} (line INTEGER NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL,
       member_key TEXT, ${cellColumns.map((c) => `${c} TEXT NOT NULL`).join(', ')})`,
  );
  const insert = db.prepare(`INSERT INTO temp.${table} VALUES (?, ?, ?, ?${', ?'.repeat(expected)})`);
  const tally: StageTally = {
    rows: 0, accepted: 0, rejected: 0, normalised: 0, ragged: 0, blank: 0,
    rejectedByReason: {}, rejectedRows: [], normalisedRows: [], raggedRows: [],
  };

  function reject(line: number, reason: RowRejectReason, rawEmail: string): void {
    tally.rejected++;
    tally.rejectedByReason[reason] = (tally.rejectedByReason[reason] ?? 0) + 1;
    if (tally.rejectedRows.length < REPORT_LIMIT) tally.rejectedRows.push({ line, reason, rawEmail });
  }

  function row(cells: string[], line: number, malformedQuotes: boolean): void {
    const raw = cells[emailIndex] ?? '';
    // Blank lines and rows of empty cells (Excel writes ",,,," for formatted empty rows) are
    // not members and not errors.
    if (raw === '' && cells.every((c) => c.trim() === '')) {
      tally.blank++;
      return;
    }
    tally.rows++;
    if (malformedQuotes) return reject(line, 'malformed-quotes', raw);
    if (cells.length !== expected) {
      tally.ragged++;
      if (tally.raggedRows.length < REPORT_LIMIT) tally.raggedRows.push({ line, fields: cells.length, expected });
      // Extra non-empty cells mean the row's columns are shifted (an unquoted comma in a name):
      // its address may belong to another column, so it is not imported. Missing trailing cells
      // are read as empty.
      if (cells.length > expected && cells.slice(expected).some((c) => c.trim() !== '')) {
        return reject(line, 'too-many-fields', raw);
      }
    }
    const n = normaliseAddress(raw);
    const reason = validateAddress(n.email);
    if (reason !== null) return reject(line, reason, raw);
    if (n.changes.length > 0) {
      tally.normalised++;
      if (tally.normalisedRows.length < REPORT_LIMIT) {
        tally.normalisedRows.push({ line, from: raw, to: n.email, changes: n.changes });
      }
    }
    // Short rows read as empty cells; extra cells (all empty, see above) are dropped.
    while (cells.length < expected) cells.push('');
    cells.length = expected;
    const name = nameIndex >= 0 ? (cells[nameIndex] ?? '').trim() : '';
    const key = keyIndex >= 0 ? (cells[keyIndex] ?? '').trim() || null : null;
    insert.run(line, n.email, name, key, cells);
    tally.accepted++;
  }

  return {
    table,
    tally,
    row,
    fieldsSql: (alias) => fieldsSql(columns, alias),
    drop: () => db.exec(`DROP TABLE IF EXISTS temp.${table}`),
  };
}

const quote = (s: string): string => `'${s.replace(/'/g, "''")}'`;

// json_object takes at most 1000 arguments; wider files are built in parts and merged (keys
// are unique and values never NULL, so json_patch only appends, keeping column order).
function fieldsSql(columns: readonly string[], alias: string): string {
  const parts: string[] = [];
  for (let start = 0; start < columns.length; start += 400) {
    const pairs = columns.slice(start, start + 400).map((c, i) => `${quote(c)}, ${alias}.c${start + i}`);
    parts.push(`json_object(${pairs.join(', ')})`);
  }
  return parts.reduce((acc, part) => `json_patch(${acc}, ${part})`);
}
