// Channels of member lists: create, import a CSV (analyse, then run), browse members.
import { z } from 'zod';
import { channel, result } from './define';
import { actorId, bytes, empty, fileName, id, limit, offset } from './schemas';
import type { ImportAnalysisDto, ImportReportDto, ImportSummaryDto, ListDto, MembersPageDto } from './dto';

const encoding = z.enum(['utf-8', 'shift_jis', 'euc-jp', 'utf-16le']);
const delimiter = z.enum([',', '\t', ';']);

export const listChannels = {
  'lists:list': channel(empty, result<readonly ListDto[]>()),
  'lists:get': channel(z.object({ id }), result<ListDto>()),
  'lists:create': channel(z.object({ actorId, name: z.string().min(1).max(200) }), result<ListDto>()),
  'lists:rename': channel(z.object({ actorId, id, name: z.string().min(1).max(200) }), result<ListDto>()),
  /** Detects encoding and delimiter and suggests a column mapping; writes nothing. */
  'import:analyze': channel(
    z.object({ fileName, bytes, encoding: encoding.optional(), delimiter: delimiter.optional() }),
    result<ImportAnalysisDto>(),
  ),
  /** Replaces the list's members in one transaction and reports every change; emits import:progress. */
  'import:run': channel(
    z.object({
      actorId,
      /** The list to replace; omit it (and give listName) to create a new list. */
      listId: id.optional(),
      listName: z.string().min(1).max(200).optional(),
      fileName,
      bytes,
      encoding: encoding.optional(),
      delimiter: delimiter.optional(),
      /** Column names from import:analyze; omitted ones are detected. null = no such column. */
      emailColumn: z.string().min(1).optional(),
      nameColumn: z.string().min(1).nullable().optional(),
      keyColumn: z.string().min(1).nullable().optional(),
    }),
    result<ImportReportDto>(),
  ),
  'import:history': channel(z.object({ listId: id }), result<readonly ImportSummaryDto[]>()),
  'members:page': channel(
    z.object({ listId: id, offset, limit, query: z.string().max(200).optional() }),
    result<MembersPageDto>(),
  ),
} as const;
