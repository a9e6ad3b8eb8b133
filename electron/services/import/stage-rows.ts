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
  /** The RowHandler for the CSV stream. */
  row(cells: string[], line: number, malformedQuotes: boolean): void;
  drop(): void;
}

let stageCounter = 0;

export function createStager(db: Db, cols: StageColumns): Stager {
  // A TEMP table lives in this connection only and vanishes with it: a crash mid-import leaves
  // nothing behind in the database file.
  const table = `import_stage_${process.pid}_${++stageCounter}`;
  db.exec(
    `CREATE TEMP TABLE ${table} (line INTEGER NOT NULL, email TEXT NOT NULL, name TEXT NOT NULL,
       member_key TEXT, fields_json TEXT NOT NULL)`,
  );
  const insert = db.prepare(
    `INSERT INTO temp.${table} (line, email, name, member_key, fields_json) VALUES (?, ?, ?, ?, ?)`,
  );
  const { columns, emailIndex, nameIndex, keyIndex } = cols;
  const expected = columns.length;
  // Fields are stored as JSON built by concatenation: the keys' JSON is computed once, and no
  // per-row object is created for JSON.stringify to walk.
  const keyJson = columns.map((c, i) => (i === 0 ? '{' : ',') + JSON.stringify(c) + ':');
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
    let json = '';
    for (let i = 0; i < expected; i++) json += keyJson[i] + JSON.stringify(cells[i] ?? '');
    json += '}';
    const name = nameIndex >= 0 ? (cells[nameIndex] ?? '').trim() : '';
    const key = keyIndex >= 0 ? (cells[keyIndex] ?? '').trim() || null : null;
    insert.run(line, n.email, name, key, json);
    tally.accepted++;
  }

  return {
    table,
    tally,
    row,
    drop: () => db.exec(`DROP TABLE IF EXISTS temp.${table}`),
  };
}
