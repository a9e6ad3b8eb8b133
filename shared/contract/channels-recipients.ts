// Channels of who receives a notice: the live count of a selection, members excluded or edited
// in the app, addresses shared by several members, and the organisation's suppression list.
import { z } from 'zod';
import { SUPPRESSION_REASONS } from '../recipients';
import { channel, result } from './define';
import { actorId, email, id, memberRef, selection } from './schemas';
import type { ExclusionDto, MemberDto, RecipientPreviewDto, SuppressionDto } from './dto';

export const recipientChannels = {
  /** How many members a selection reaches now, by domain, with what was left out, in words. */
  'recipients:preview': channel(z.object({ listId: id, selection }), result<RecipientPreviewDto>()),
  'exclusions:list': channel(z.object({ listId: id }), result<readonly ExclusionDto[]>()),
  /** Excludes a member from every notice to this list (kept across re-imports); audited. */
  'exclusions:add': channel(z.object({ actorId, listId: id, memberId: id, reason: z.string().max(200).nullable() }), result<null>()),
  'exclusions:remove': channel(z.object({ actorId, listId: id, ref: memberRef }), result<null>()),
  /** Edits a member's address or cells in Tayori; the next check shows the change. Audited. */
  'members:update': channel(
    z.object({ actorId, memberId: id, email: email.optional(), fields: z.record(z.string().max(200), z.string().max(2000)).optional() }),
    result<MemberDto>(),
  ),
  'shared-addresses:list': channel(z.object({ listId: id }), result<readonly string[]>()),
  /** Marks an address as shared by the members that have it (a family): each gets their own mail. */
  'shared-addresses:set': channel(z.object({ actorId, listId: id, email, shared: z.boolean() }), result<readonly string[]>()),
  'suppressions:list': channel(z.object({ query: z.string().max(200).optional() }), result<readonly SuppressionDto[]>()),
  'suppressions:add': channel(
    z.object({ actorId, address: email, reason: z.enum(SUPPRESSION_REASONS), note: z.string().max(500).nullable().optional() }),
    result<readonly SuppressionDto[]>(),
  ),
  'suppressions:remove': channel(z.object({ actorId, address: email }), result<readonly SuppressionDto[]>()),
} as const;
