// Handlers of lists, CSV import and member browsing. Import progress goes out as import:progress.
import { AppError } from '../../../shared/errors';
import { allLists, createList, getList, renameList } from '../../db/repos/lists-repo';
import { countMembers, pageMembers } from '../../db/repos/members-repo';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';
import { toListDto, toMemberDto } from './mappers';

export function listHandlers(app: AppContext): DomainHandlers<'lists' | 'import' | 'members'> {
  const s = () => app.services();
  const mustGetList = (id: number) => {
    const l = getList(s().db, id);
    if (!l) throw new AppError('not-found', 'No such list', { listId: id });
    return l;
  };

  return {
    'members:update': ({ actorId, memberId, email, fields }) =>
      toMemberDto(s().recipients.updateMember(memberId, { ...(email !== undefined ? { email } : {}), ...(fields ? { fields } : {}) }, app.actorName(actorId))),
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
    'import:run': async ({ actorId, listId, listName, fileName, bytes, encoding, delimiter, emailColumn, nameColumn, keyColumn }) => {
      const emit = (rows: number, done: number, total: number, phase: 'reading' | 'done') =>
        app.events.emit('import:progress', { listId: listId ?? null, phase, rows, bytesRead: done, totalBytes: total });
      const actor = app.actorName(actorId);
      const result = await s().imports.importBuffer({
        bytes,
        fileName,
        ...(listId !== undefined ? { listId } : {}),
        ...(listName !== undefined ? { listName } : {}),
        ...(encoding ? { encoding } : {}),
        ...(delimiter ? { delimiter } : {}),
        ...(emailColumn !== undefined ? { emailColumn } : {}),
        ...(nameColumn !== undefined ? { nameColumn } : {}),
        ...(keyColumn !== undefined ? { keyColumn } : {}),
        ...(actor ? { actor } : {}),
        onProgress: (p) => emit(p.rowsDone, p.bytesDone, p.bytesTotal, 'reading'),
      });
      emit(result.counts.rows, result.bytes, result.bytes, 'done');
      return result;
    },
    'import:history': ({ listId }) => {
      mustGetList(listId);
      return s().imports.listImports(listId).map(({ report: _report, ...summary }) => summary);
    },

    'members:page': ({ listId, offset, limit, query }) => {
      const { db, preview } = s();
      if (query && query.trim() !== '') {
        const page = preview.search({ listId, query, limit, offset });
        return { total: page.total, totalExact: page.totalExact, offset, members: page.members.map(toMemberDto) };
      }
      mustGetList(listId);
      return { total: countMembers(db, listId), totalExact: true, offset, members: pageMembers(db, listId, offset, limit).map(toMemberDto) };
    },
  };
}
