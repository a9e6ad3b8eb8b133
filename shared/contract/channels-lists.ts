// Channels of member lists: create, import a CSV (analyse; for a list that has members, preview
// what it would change; then run; undo the latest), browse members.
import { z } from 'zod';
import { channel, result } from './define';
import { actorId, bytes, empty, fileName, id, limit, offset } from './schemas';
import type { ImportAnalysisDto, ImportPreviewDto, ImportReportDto, ImportSummaryDto, ImportUndoDto, ListDto, MembersPageDto } from './dto';

const encoding = z.enum(['utf-8', 'shift_jis', 'euc-jp', 'utf-16le']);
const delimiter = z.enum([',', '\t', ';']);

/** The file and how to read it, as import:analyze suggested and the user confirmed. */
/** Chosen by the page (a UUID): which running preview or import import:cancel stops. */
const runId = z.string().regex(/^[0-9A-Za-z-]{8,64}$/);

const importFile = {
  fileName,
  bytes,
  encoding: encoding.optional(),
  delimiter: delimiter.optional(),
  /** Column names from import:analyze; omitted ones are detected. null = no such column. */
  emailColumn: z.string().min(1).optional(),
  nameColumn: z.string().min(1).nullable().optional(),
  keyColumn: z.string().min(1).nullable().optional(),
  /** The page's name for this run, so that import:cancel can stop it. */
  runId: runId.optional(),
};

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
  /**
   * What importing the file into this existing list would change (members added, removed, with a
   * changed address or name, by name and key) and which rows it would reject; writes nothing.
   * Emits import:progress.
   */
  'import:preview': channel(z.object({ listId: id, ...importFile }), result<ImportPreviewDto>()),
  /** Replaces the list's members in one transaction and reports every change; emits import:progress. */
  'import:run': channel(
    z.object({
      actorId,
      /** The list to replace; omit it (and give listName) to create a new list. */
      listId: id.optional(),
      listName: z.string().min(1).max(200).optional(),
      ...importFile,
      /** From import:preview: refuse (import-changed-since-preview) if the file or the list's import changed since. */
      expected: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), previousImportId: id.nullable() }).optional(),
    }),
    result<ImportReportDto>(),
  ),
  /**
   * Stops a running import:preview or import:run of this runId: nothing of it is kept, and that
   * call fails with import-cancelled. cancelled: false when no such run is running now (it ended,
   * or its request has not arrived yet: a run arriving under that id soon after is stopped at once).
   */
  'import:cancel': channel(z.object({ runId }), result<{ readonly cancelled: boolean }>()),
  /** Puts back exactly the members and columns the list had before its latest import; audited. */
  'import:undo': channel(z.object({ actorId, listId: id }), result<ImportUndoDto>()),
  'import:history': channel(z.object({ listId: id }), result<readonly ImportSummaryDto[]>()),
  'members:page': channel(
    z.object({ listId: id, offset, limit, query: z.string().max(200).optional() }),
    result<MembersPageDto>(),
  ),
} as const;
