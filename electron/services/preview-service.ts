// Preview: the exact message one member will receive (From, To with display name, subject,
// body), found by id, position, neighbour or search, plus the report of who lacks which field.
// Messages come from buildMessage, the same function the sender uses.
import type { Db } from '../db/connection';
import { getList } from '../db/repos/lists-repo';
import { countMembers, getMember, iterateMembers, type Member } from '../db/repos/members-repo';
import { adjacentMember, memberAtPosition, searchMembers, type MemberSearchPage } from '../db/repos/member-search';
import { AppError } from '../../shared/errors';
import { buildMessage, type BuildMessageResult, type MailAddress } from '../../shared/message';
import { compileTemplate, findMissing, type CompiledTemplate, type MessageTemplate, type MissingField } from '../../shared/template';

/** One member and their message, or the fields that keep it from being built. */
type MemberPreview = BuildMessageResult & { member: Member };

interface PreviewArgs {
  listId: number;
  template: MessageTemplate;
  /** The From identity; a profile placeholder until SMTP profiles are chosen. */
  sender: MailAddress;
}

export interface PreviewService {
  preview(args: PreviewArgs & { memberId: number }): MemberPreview;
  previewByPosition(args: PreviewArgs & { index: number }): MemberPreview & { index: number; total: number };
  /** The next or previous member in list order; null at either end. */
  previewAdjacent(args: PreviewArgs & { memberId: number; direction: 'next' | 'previous' }): MemberPreview | null;
  search(args: { listId: number; query: string; limit: number; offset: number }): MemberSearchPage;
  missingReport(args: { listId: number; template: MessageTemplate; maxIdsPerField?: number }): {
    checked: number;
    missing: MissingField[];
  };
}

const MAX_PAGE = 500;

function checkInt(value: number, name: string, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError('validation', `${name} must be a whole number from ${min} to ${max}.`, { [name]: value });
  }
  return value;
}

export function createPreviewService(deps: { db: Db }): PreviewService {
  const { db } = deps;
  // Compiling is cheap, but stepping through members with one template should not re-parse it.
  let last: CompiledTemplate | null = null;
  const compiled = (t: MessageTemplate): CompiledTemplate => {
    if (!last || last.source.subject !== t.subject || last.source.body !== t.body) last = compileTemplate(t);
    return last;
  };

  const render = (member: Member, args: PreviewArgs): MemberPreview => ({
    member,
    ...buildMessage({
      sender: args.sender,
      recipient: { email: member.email, name: member.name, fields: member.fields },
      template: compiled(args.template),
    }),
  });

  const requireList = (listId: number): void => {
    if (!getList(db, checkInt(listId, 'listId', 1))) throw new AppError('not-found', 'The list does not exist.', { listId });
  };

  return {
    preview(args) {
      // A primary-key lookup; the list check stops a preview from reaching into another list.
      const member = getMember(db, checkInt(args.memberId, 'memberId', 1));
      if (!member || member.listId !== args.listId) {
        throw new AppError('not-found', 'The member is not in this list.', { listId: args.listId, memberId: args.memberId });
      }
      return render(member, args);
    },

    previewByPosition(args) {
      const index = checkInt(args.index, 'index', 0);
      const total = countMembers(db, args.listId);
      const member = index < total ? memberAtPosition(db, args.listId, index) : undefined;
      if (!member) throw new AppError('not-found', 'There is no member at this position.', { index, total });
      return { ...render(member, args), index, total };
    },

    previewAdjacent(args) {
      const member = adjacentMember(db, args.listId, checkInt(args.memberId, 'memberId', 0), args.direction);
      return member ? render(member, args) : null;
    },

    search({ listId, query, limit, offset }) {
      requireList(listId);
      return searchMembers(db, listId, query, checkInt(limit, 'limit', 1, MAX_PAGE), checkInt(offset, 'offset', 0));
    },

    missingReport({ listId, template, maxIdsPerField = 1000 }) {
      requireList(listId);
      const c = compileTemplate(template);
      let checked = 0;
      // Streams the list one row at a time, so a million members never sit in memory at once.
      const rows = (function* () {
        for (const m of iterateMembers(db, listId)) {
          checked++;
          yield m;
        }
      })();
      const missing = findMissing(c, rows, { maxIdsPerField });
      return { checked, missing };
    },
  };
}
