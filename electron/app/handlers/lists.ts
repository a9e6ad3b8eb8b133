// Handlers of lists, CSV import and member browsing. Import progress goes out as import:progress.
import type { ParsedArgsOf } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { memberRowEdited } from '../../db/content-version';
import { allLists, createList, getList, renameList } from '../../db/repos/lists-repo';
import { countMembers, pageMembers } from '../../db/repos/members-repo';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';
import { cancellableRuns } from './cancellable-runs';
import { toListDto, toMemberDto } from './mappers';

/** The file part of import:preview and import:run as the import service takes it (no undefined keys). */
function fileOptions(a: ParsedArgsOf<'import:preview'> | ParsedArgsOf<'import:run'>, signal: AbortSignal) {
  const { fileName, bytes, encoding, delimiter, emailColumn, nameColumn, keyColumn } = a;
  return {
    signal,
    fileName,
    bytes,
    ...(encoding ? { encoding } : {}),
    ...(delimiter ? { delimiter } : {}),
    ...(emailColumn !== undefined ? { emailColumn } : {}),
    ...(nameColumn !== undefined ? { nameColumn } : {}),
    ...(keyColumn !== undefined ? { keyColumn } : {}),
  };
}

export function listHandlers(app: AppContext): DomainHandlers<'lists' | 'import' | 'members'> {
  const s = () => app.services();
  const progress = (listId: number | null) => (rows: number, done: number, total: number, phase: 'reading' | 'done') =>
    app.events.emit('import:progress', { listId, phase, rows, bytesRead: done, totalBytes: total });
  const runs = cancellableRuns();
  const mustGetList = (id: number) => {
    const l = getList(s().db, id);
    if (!l) throw new AppError('not-found', 'No such list', { listId: id });
    return l;
  };

  return {
    // Recorded as an edit of this member's row alone: the check report's kept recipients are then
    // brought up to date by reading again only the rows it can have changed (content-version.ts).
    'members:update': ({ actorId, memberId, email, fields }) =>
      toMemberDto(
        memberRowEdited(s().db, memberId, () =>
          s().recipients.updateMember(memberId, { ...(email !== undefined ? { email } : {}), ...(fields ? { fields } : {}) }, app.actorName(actorId)),
        ),
      ),
    'lists:list': () => allLists(s().db).map((l) => toListDto(s().db, l)),
    'lists:get': ({ id }) => toListDto(s().db, mustGetList(id)),
    'lists:create': ({ actorId, name }) => {
      const { db, clock, audit } = s();
      const list = createList(db, name.trim(), clock.now());
      audit.record('list.created', { actor: app.actorName(actorId), listId: list.id, details: { name: list.name } });
      return toListDto(db, list);
    },
    'lists:rename': ({ actorId, id, name }) => {
      const { db, clock, audit } = s();
      const before = mustGetList(id);
      renameList(db, id, name.trim(), clock.now());
      audit.record('list.renamed', { actor: app.actorName(actorId), listId: id, details: { from: before.name, to: name.trim() } });
      return toListDto(db, mustGetList(id));
    },

    'import:analyze': async ({ fileName, bytes, encoding, delimiter }) => {
      const r = await s().imports.inspectBuffer(bytes, { ...(encoding ? { encoding } : {}), ...(delimiter ? { delimiter } : {}) });
      return { fileName, ...r };
    },
    'import:preview': (a) =>
      runs.run(
        a.runId,
        (signal) => s().imports.previewBuffer({ ...fileOptions(a, signal), listId: a.listId, onProgress: (p) => progress(a.listId)(p.rowsDone, p.bytesDone, p.bytesTotal, 'reading') }),
        (result) => progress(a.listId)(result.counts.rows, result.bytes, result.bytes, 'done'),
      ),
    'import:cancel': ({ runId }) => runs.cancel(runId),
    'import:run': (a) => runs.run(a.runId, async (signal) => {
      const { actorId, listId, listName, expected } = a;
      const emit = progress(listId ?? null);
      const actor = app.actorName(actorId);
      return s().imports.importBuffer({
        ...fileOptions(a, signal),
        ...(listId !== undefined ? { listId } : {}),
        ...(listName !== undefined ? { listName } : {}),
        ...(actor ? { actor } : {}),
        ...(expected ? { expected } : {}),
        onProgress: (p) => emit(p.rowsDone, p.bytesDone, p.bytesTotal, 'reading'),
      });
    }, (result) => progress(a.listId ?? null)(result.counts.rows, result.bytes, result.bytes, 'done')),
    'import:undo': ({ actorId, listId }) => s().imports.undoLastImport(listId, app.actorName(actorId)),
    'import:history': ({ listId }) => {
      mustGetList(listId);
      return s().imports.listImports(listId).map(({ report: _report, ...summary }) => summary);
    },

    'members:page': ({ listId, offset, limit, query }) => {
      const { db, preview, searchIndex } = s();
      if (query && query.trim() !== '') {
        const page = preview.search({ listId, query, limit, offset });
        const index = searchIndex.progress(listId);
        return {
          total: page.total, totalExact: page.totalExact, offset, members: page.members.map(toMemberDto),
          ...(index.ready ? {} : { indexing: { percent: index.percent } }),
        };
      }
      mustGetList(listId);
      return { total: countMembers(db, listId), totalExact: true, offset, members: pageMembers(db, listId, offset, limit).map(toMemberDto) };
    },
  };
}
