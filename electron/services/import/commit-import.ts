// The writing half of an import: one synchronous transaction that makes the read rows the
// list's members, keeps the members it replaces (for "undo last import"), records the import
// and its report, and audits it. Nothing can interleave with it, and a failure anywhere rolls
// back every change (promise 6). The preview of a re-import runs the very same code and rolls
// it back, so what the user confirms is what the import then does.
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { registerLayout } from '../../db/fields';
import { appendAudit } from '../../db/repos/audit-repo';
import { keepReplacedMembers } from '../../db/repos/import-undo-repo';
import { completeImport, insertImport, latestImport, setImportReport } from '../../db/repos/imports-repo';
import { getList, publishList, updateListMapping } from '../../db/repos/lists-repo';
import { findDuplicates, replaceMembers, type ReplaceResult } from '../../db/repos/import-diff-repo';
import { findUserByName } from '../../db/repos/users-repo';
import { REPORT_LIMIT, type ImportDelimiter, type ImportEncoding, type ImportReport, type ImportResult, type ImportWarning } from './import-report';
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
  /** What the user saw in the preview: refuse to apply if the file or the list's import differ. */
  readonly expected?: ImportBasis;
}

/** What a preview was computed against: the file and the list's import it would replace. */
export interface ImportBasis {
  readonly sha256: string;
  readonly previousImportId: number | null;
}

/** Where the rows are: members of a pending list, or a TEMP stage for an existing list. */
export type CommitTarget =
  | { readonly kind: 'pending'; readonly pending: PendingList }
  | { readonly kind: 'stage'; readonly listId: number; readonly stageTable: string };

function userId(db: Db, actor: string | undefined): number | null {
  if (actor === undefined) return null;
  return findUserByName(db, actor)?.id ?? null;
}

export function commitImport(db: Db, target: CommitTarget, c: CommitArgs): ImportResult {
  return db.transaction(() => applyImport(db, target, c, true))();
}

/** Thrown to roll the preview's transaction back; never leaves this module. */
class PreviewDone extends Error {
  constructor(readonly result: ImportResult) {
    super('preview done');
  }
}

/**
 * What committing would do, computed by the same code inside a transaction that is then
 * rolled back: nothing is written, no audit entry stays, the members are untouched. The
 * import id in the result is one that was never kept.
 */
export function previewImport(db: Db, target: CommitTarget, c: CommitArgs): ImportResult {
  // A new list has nothing to compare with, and its rows are written as they are read.
  if (target.kind !== 'stage') throw new AppError('validation', 'Only an import into an existing list can be previewed', { field: 'listId' });
  try {
    db.transaction(() => {
      throw new PreviewDone(applyImport(db, target, c, false));
    })();
  } catch (e) {
    if (e instanceof PreviewDone) return e.result;
    throw e;
  }
  throw new Error('unreachable');
}

function applyImport(db: Db, target: CommitTarget, c: CommitArgs, keepUndo: boolean): ImportResult {
  const t = c.read.tally;
  // The layout the parser wrote into every row's fields (row-batch.ts): stored before the rows are
  // published or copied, in the same transaction.
  registerLayout(db, c.read.columns);
  const counts = { totalRows: t.rows, acceptedRows: t.accepted, rejectedRows: t.rejected, importedBy: userId(db, c.actor), createdAt: c.now };
  let listId: number;
  let importId: number;
  let replaced: ReplaceResult;
  if (target.kind === 'pending') {
    // The members are already in place: publishing the list is what makes them visible.
    ({ listId, importId } = target.pending);
    completeImport(db, importId, { sha256: c.read.sha256, ...counts });
    publishList(db, listId, c.now);
    replaced = { diff: null, ...findDuplicates(db, listId, REPORT_LIMIT) };
  } else {
    const list = getList(db, target.listId)!;
    listId = list.id;
    const previous = latestImport(db, list.id);
    // Checked here, inside the transaction, so nothing can change the list between the check
    // and the write.
    if (c.expected && (c.expected.sha256 !== c.read.sha256 || c.expected.previousImportId !== (previous?.id ?? null))) {
      throw new AppError('import-changed-since-preview', 'The file or the list changed after the preview; nothing was imported.', {
        listId, expected: c.expected, found: { sha256: c.read.sha256, previousImportId: previous?.id ?? null },
      });
    }
    const matchBy = c.read.keyColumn !== null && (!previous || list.keyColumn === c.read.keyColumn) ? 'key' : 'email';
    importId = insertImport(db, {
      listId, fileName: c.fileName, sha256: c.read.sha256, encoding: c.encoding, delimiter: c.delimiter, ...counts, report: {},
    });
    if (keepUndo && previous) {
      const mapping = { columns: list.columns, emailColumn: list.emailColumn, nameColumn: list.nameColumn, keyColumn: list.keyColumn };
      keepReplacedMembers(db, { importId, listId, previousImportId: previous.id, mapping });
    }
    replaced = replaceMembers(db, {
      listId, importId, stageTable: target.stageTable, previousImportId: previous?.id ?? null, matchBy, limit: REPORT_LIMIT,
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
}
