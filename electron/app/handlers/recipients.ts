// Handlers of who receives: selection preview, exclusions, shared addresses, suppressions.
import { listRowsChanged } from '../../db/content-version';
import { membersSharingRef, membersWithRef } from '../../db/repos/check-recipients-query';
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';
import { toMemberDto } from './mappers';

export function recipientHandlers(app: AppContext): DomainHandlers<'recipients' | 'exclusions' | 'shared-addresses' | 'suppressions'> {
  const r = () => app.services().recipients;
  return {
    'recipients:preview': ({ listId, selection }) => r().preview(listId, selection),
    'exclusions:list': ({ listId }) => r().listExclusions(listId).map((e) => ({ ...e, member: e.member && toMemberDto(e.member) })),
    // Recorded as a change of these members alone: the check report's kept recipients are then
    // brought up to date by reading again only the rows it can have changed (content-version.ts).
    'exclusions:add': ({ actorId, listId, memberId, reason }) => {
      const { db } = app.services();
      listRowsChanged(db, listId, () => membersSharingRef(db, listId, memberId), () => r().exclude(listId, memberId, reason, app.actorName(actorId)));
      return null;
    },
    'exclusions:remove': ({ actorId, listId, ref }) => {
      const { db } = app.services();
      listRowsChanged(db, listId, () => membersWithRef(db, listId, ref), () => r().include(listId, ref, app.actorName(actorId)));
      return null;
    },
    'shared-addresses:list': ({ listId }) => r().sharedAddresses(listId),
    'shared-addresses:set': ({ actorId, listId, email, shared }) => r().setShared(listId, email, shared, app.actorName(actorId)),
    'suppressions:list': ({ query }) => r().listSuppressions(query ?? ''),
    'suppressions:add': ({ actorId, address, reason, note }) => (r().suppress(address, reason, note ?? null, app.actorName(actorId)), r().listSuppressions()),
    'suppressions:remove': ({ actorId, address }) => (r().unsuppress(address, app.actorName(actorId)), r().listSuppressions()),
  };
}
