// Channels of member lists: create, import a CSV (analyse, then run), browse members.
import { z } from 'zod';
import { channel, result } from './define';
import { actorId, bytes, empty, fileName, id, limit, offset } from './schemas';
import type { ImportAnalysisDto, ImportReportDto, ImportSummaryDto, ListDto, MembersPageDto } from './dto';

const mapping = z.object({
  emailColumn: z.string().min(1),
  nameColumn: z.string().min(1).nullable(),
  keyColumn: z.string().min(1).nullable(),
});

export const listChannels = {
  'lists:list': channel(empty, result<readonly ListDto[]>()),
  'lists:get': channel(z.object({ id }), result<ListDto>()),
  'lists:create': channel(z.object({ actorId, name: z.string().min(1).max(200) }), result<ListDto>()),
  'lists:rename': channel(z.object({ actorId, id, name: z.string().min(1).max(200) }), result<ListDto>()),
  /** Detects encoding and delimiter and suggests a column mapping; writes nothing. */
  'import:analyze': channel(
    z.object({ fileName, bytes, encoding: z.string().min(1).max(40).optional() }),
    result<ImportAnalysisDto>(),
  ),
  /** Replaces the list's members in one transaction and reports every change; emits import:progress. */
  'import:run': channel(
    z.object({ actorId, listId: id, fileName, bytes, encoding: z.string().min(1).max(40).optional(), mapping }),
    result<ImportReportDto>(),
  ),
  'import:history': channel(z.object({ listId: id }), result<readonly ImportSummaryDto[]>()),
  'import:report': channel(z.object({ importId: id }), result<ImportReportDto>()),
  'members:page': channel(
    z.object({ listId: id, offset, limit, query: z.string().max(200).optional() }),
    result<MembersPageDto>(),
  ),
} as const;
