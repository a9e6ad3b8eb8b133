// "Undo last import": puts back exactly the members (ids, rows, change flags, edits made in
// Tayori) and the column mapping a list had before its latest import, in one transaction, and
// records who did it. The undone import stays in the history, marked, and no longer counts as
// the list's previous import.
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { appendAudit } from '../../db/repos/audit-repo';
import { getUndoRecord, restoreReplacedMembers, takenMemberIds } from '../../db/repos/import-undo-repo';
import { latestImport, markImportUndone } from '../../db/repos/imports-repo';
import { getList, updateListMapping } from '../../db/repos/lists-repo';

export interface UndoResult {
  readonly listId: number;
  readonly undoneImportId: number;
  /** The import the list's members come from again. */
  readonly restoredImportId: number | null;
  readonly restored: number;
  readonly discarded: number;
}

export function undoLastImport(db: Db, a: { listId: number; actor: string | null; now: number }): UndoResult {
  return db.transaction((): UndoResult => {
    if (!getList(db, a.listId)) throw new AppError('not-found', 'No such list', { listId: a.listId });
    const latest = latestImport(db, a.listId);
    const undo = latest && getUndoRecord(db, latest.id);
    // Only the latest import keeps the members it replaced; a list's first import replaced none.
    if (!latest || !undo) throw new AppError('import-undo-unavailable', 'The list has no import that can be undone.', { listId: a.listId });
    if (takenMemberIds(db, undo.importId, a.listId) > 0) {
      throw new AppError('conflict', 'Members to restore clash with rows of another list', { listId: a.listId, importId: undo.importId });
    }
    const { restored, discarded } = restoreReplacedMembers(db, undo.importId, a.listId);
    const m = undo.mapping;
    if (m.emailColumn !== null) {
      updateListMapping(db, a.listId, { columns: m.columns, emailColumn: m.emailColumn, nameColumn: m.nameColumn, keyColumn: m.keyColumn }, a.now);
    }
    markImportUndone(db, undo.importId, a.actor, a.now);
    const result = { listId: a.listId, undoneImportId: undo.importId, restoredImportId: undo.previousImportId, restored, discarded };
    appendAudit(db, {
      at: a.now, actor: a.actor, action: 'list.import-undone', listId: a.listId,
      details: { importId: undo.importId, fileName: latest.fileName, restoredImportId: undo.previousImportId, restored, discarded },
    });
    return result;
  })();
}
