// The writing half of an import: one synchronous transaction that makes the read rows the
// list's members, records the import and its report, and audits it. Nothing can interleave
// with it, and a failure anywhere rolls back every change (promise 6).
import type { Db } from '../../db/connection';
import { appendAudit } from '../../db/repos/audit-repo';
import { completeImport, insertImport, latestImport, setImportReport } from '../../db/repos/imports-repo';
import { getList, publishList, updateListMapping } from '../../db/repos/lists-repo';
import { findDuplicates, replaceMembers, type ReplaceResult } from './diff-import';
import type { ImportDelimiter, ImportEncoding, ImportReport, ImportResult, ImportWarning } from './import-report';
import type { PendingList } from './pending-list';
import type { ReadResult } from './read-import';

export interface CommitArgs {
  readonly read: ReadResult;
  readonly encoding: ImportEncoding;
  readonly detectedEncoding: ImportEncoding | null;
  readonly bom: boolean;
  readonly delimiter: ImportDelimiter;
  readonly warnings: ImportWarning[];
  readonly fileName: string;
  readonly bytes: number;
  readonly actor?: string;
  readonly now: number;
}

/** Where the rows are: members of a pending list, or a TEMP stage for an existing list. */
export type CommitTarget =
  | { readonly kind: 'pending'; readonly pending: PendingList }
  | { readonly kind: 'stage'; readonly listId: number; readonly stageTable: string };

function userId(db: Db, actor: string | undefined): number | null {
  if (actor === undefined) return null;
  return (db.prepare('SELECT id FROM users WHERE name = ?').pluck().get(actor) as number | undefined) ?? null;
}

export function commitImport(db: Db, target: CommitTarget, c: CommitArgs): ImportResult {
  const t = c.read.tally;
  const counts = { totalRows: t.rows, acceptedRows: t.accepted, rejectedRows: t.rejected, importedBy: userId(db, c.actor), createdAt: c.now };
  return db.transaction((): ImportResult => {
    let listId: number;
    let importId: number;
    let replaced: ReplaceResult;
    if (target.kind === 'pending') {
      // The members are already in place: publishing the list is what makes them visible.
      ({ listId, importId } = target.pending);
      completeImport(db, importId, { sha256: c.read.sha256, ...counts });
      publishList(db, listId, c.now);
      replaced = { diff: null, ...findDuplicates(db, listId) };
    } else {
      const list = getList(db, target.listId)!;
      listId = list.id;
      const previous = latestImport(db, list.id);
      const matchBy = c.read.keyColumn !== null && (!previous || list.keyColumn === c.read.keyColumn) ? 'key' : 'email';
      importId = insertImport(db, {
        listId, fileName: c.fileName, sha256: c.read.sha256, encoding: c.encoding, delimiter: c.delimiter, ...counts, report: {},
      });
      replaced = replaceMembers(db, {
        listId, importId, stageTable: target.stageTable, previousImportId: previous?.id ?? null, matchBy,
      });
    }
    const r = c.read;
    const report: ImportReport = {
      encoding: c.encoding,
      detectedEncoding: c.detectedEncoding,
      bom: c.bom,
      delimiter: c.delimiter,
      columns: r.columns,
      emailColumn: r.emailColumn,
      nameColumn: r.nameColumn,
      keyColumn: r.keyColumn,
      counts: {
        rows: t.rows, accepted: t.accepted, rejected: t.rejected, normalised: t.normalised,
        duplicates: replaced.duplicateCount, ragged: t.ragged, blank: t.blank,
      },
      rejectedByReason: t.rejectedByReason,
      rejected: t.rejectedRows,
      normalised: t.normalisedRows,
      ragged: t.raggedRows,
      duplicates: replaced.duplicates,
      headerProblems: r.headerProblems,
      warnings: c.warnings,
      diff: replaced.diff,
    };
    setImportReport(db, importId, report);
    updateListMapping(db, listId, {
      columns: r.columns, emailColumn: r.emailColumn, nameColumn: r.nameColumn, keyColumn: r.keyColumn,
    }, c.now);
    appendAudit(db, {
      at: c.now, actor: c.actor ?? null, action: 'list.imported', listId,
      details: { importId, fileName: c.fileName, sha256: r.sha256, encoding: c.encoding, counts: report.counts, diff: report.diff?.counts ?? null },
    });
    return { ...report, listId, importId, fileName: c.fileName, sha256: r.sha256, bytes: c.bytes };
  })();
}
