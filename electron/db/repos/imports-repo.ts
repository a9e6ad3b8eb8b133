// Repository for the imports table: the history of a list's imports (file, sha256, encoding,
// counts, the full report as JSON, and whether it was undone).
import type { Db } from '../connection';

export interface ImportRecord<Report = unknown> {
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
  /** Set when "undo last import" put back the members this import had replaced. */
  readonly undoneAt: number | null;
  readonly undoneBy: string | null;
  /** The import can still be undone: it is the list's latest and its replaced members are kept. */
  readonly canUndo: boolean;
  /** Present only from getImport; lists leave it out (reports can be large). */
  readonly report?: Report;
}

export type NewImport = Omit<ImportRecord, 'id' | 'report' | 'undoneAt' | 'undoneBy' | 'canUndo'> & { readonly report: unknown };

interface ImportRow {
  id: number;
  list_id: number;
  file_name: string;
  sha256: string;
  encoding: string;
  delimiter: string;
  total_rows: number;
  accepted_rows: number;
  rejected_rows: number;
  report_json?: string;
  imported_by: number | null;
  created_at: number;
  undone_at: number | null;
  undone_by: string | null;
  can_undo: number;
}

function rowToImport<R>(r: ImportRow): ImportRecord<R> {
  const base = {
    id: r.id,
    listId: r.list_id,
    fileName: r.file_name,
    sha256: r.sha256,
    encoding: r.encoding,
    delimiter: r.delimiter,
    totalRows: r.total_rows,
    acceptedRows: r.accepted_rows,
    rejectedRows: r.rejected_rows,
    importedBy: r.imported_by,
    createdAt: r.created_at,
    undoneAt: r.undone_at,
    undoneBy: r.undone_by,
    canUndo: r.can_undo === 1,
  };
  return r.report_json === undefined ? base : { ...base, report: JSON.parse(r.report_json) as R };
}

// An import keeps an undo record (migration 0006) only while it is its list's latest, not undone.
const CAN_UNDO = 'EXISTS (SELECT 1 FROM import_undo u WHERE u.import_id = imports.id) AS can_undo';
const SUMMARY_COLUMNS =
  `id, list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows, imported_by, created_at, undone_at, undone_by, ${CAN_UNDO}`;

export function insertImport(db: Db, i: NewImport): number {
  const info = db
    .prepare(
      `INSERT INTO imports (list_id, file_name, sha256, encoding, delimiter, total_rows, accepted_rows, rejected_rows,
         report_json, imported_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(
      i.listId, i.fileName, i.sha256, i.encoding, i.delimiter, i.totalRows, i.acceptedRows, i.rejectedRows,
      JSON.stringify(i.report), i.importedBy, i.createdAt,
    );
  return Number(info.lastInsertRowid);
}

/** Fills in an import row created before its file was read (a pending list's import). */
export function completeImport(
  db: Db,
  id: number,
  i: Pick<NewImport, 'sha256' | 'totalRows' | 'acceptedRows' | 'rejectedRows' | 'importedBy' | 'createdAt'>,
): void {
  db.prepare(
    `UPDATE imports SET sha256 = ?, total_rows = ?, accepted_rows = ?, rejected_rows = ?, imported_by = ?, created_at = ?
     WHERE id = ?`,
  ).run(i.sha256, i.totalRows, i.acceptedRows, i.rejectedRows, i.importedBy, i.createdAt, id);
}

export function setImportReport(db: Db, id: number, report: unknown): void {
  db.prepare('UPDATE imports SET report_json = ? WHERE id = ?').run(JSON.stringify(report), id);
}

export function getImport<R = unknown>(db: Db, id: number): ImportRecord<R> | undefined {
  const r = db.prepare(`SELECT *, ${CAN_UNDO} FROM imports WHERE id = ?`).get(id) as ImportRow | undefined;
  return r && rowToImport<R>(r);
}

/** A list's imports, newest first, without their reports. */
export function listImports(db: Db, listId: number): ImportRecord[] {
  return (
    db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM imports WHERE list_id = ? ORDER BY id DESC`).all(listId) as ImportRow[]
  ).map((r) => rowToImport(r));
}

/** The import the list's members come from now: its latest one that was not undone. */
export function latestImport(db: Db, listId: number): ImportRecord | undefined {
  const r = db
    .prepare(`SELECT ${SUMMARY_COLUMNS} FROM imports WHERE list_id = ? AND undone_at IS NULL ORDER BY id DESC LIMIT 1`)
    .get(listId) as ImportRow | undefined;
  return r && rowToImport(r);
}

export function markImportUndone(db: Db, id: number, by: string | null, at: number): void {
  db.prepare('UPDATE imports SET undone_at = ?, undone_by = ? WHERE id = ?').run(at, by, id);
}
