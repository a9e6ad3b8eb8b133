// Handlers of who receives: selection preview, exclusions, shared addresses, suppressions.
import type { AppContext } from '../app-context';
import type { DomainHandlers } from '../handler-types';
import { toMemberDto } from './mappers';

export function recipientHandlers(app: AppContext): DomainHandlers<'recipients' | 'exclusions' | 'shared-addresses' | 'suppressions'> {
  const r = () => app.services().recipients;
  return {
    'recipients:preview': ({ listId, selection }) => r().preview(listId, selection),
    'exclusions:list': ({ listId }) => r().listExclusions(listId).map((e) => ({ ...e, member: e.member && toMemberDto(e.member) })),
    'exclusions:add': ({ actorId, listId, memberId, reason }) => (r().exclude(listId, memberId, reason, app.actorName(actorId)), null),
    'exclusions:remove': ({ actorId, listId, ref }) => (r().include(listId, ref, app.actorName(actorId)), null),
    'shared-addresses:list': ({ listId }) => r().sharedAddresses(listId),
    'shared-addresses:set': ({ actorId, listId, email, shared }) => r().setShared(listId, email, shared, app.actorName(actorId)),
    'suppressions:list': ({ query }) => r().listSuppressions(query ?? ''),
    'suppressions:add': ({ actorId, address, reason, note }) => (r().suppress(address, reason, note ?? null, app.actorName(actorId)), r().listSuppressions()),
    'suppressions:remove': ({ actorId, address }) => (r().unsuppress(address, app.actorName(actorId)), r().listSuppressions()),
  };
}
