// Who may receive, decided in the app and audited: members excluded from sending or edited
// without going back to Excel, addresses shared on purpose by several members, the
// organisation's suppression list, and the live count of a notice's selection.
import { normaliseAddress, validateAddress } from '../../../shared/address';
import { AppError } from '../../../shared/errors';
import { describeSelection, memberRef, selectionColumns, type Selection } from '../../../shared/recipients';
import type { Db } from '../../db/connection';
import { getList } from '../../db/repos/lists-repo';
import * as rules from '../../db/repos/list-rules-repo';
import { findMemberByRef, getMember, updateMemberRow, type Member } from '../../db/repos/members-repo';
import { countRecipients, type RecipientCounts } from '../../db/repos/recipients-query';
import * as suppressions from '../../db/repos/suppressions-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';

export interface RecipientPreview extends RecipientCounts {
  /** The selection in words, as the approver reads it. */
  readonly words: { readonly ja: string; readonly en: string };
}

export interface ExcludedMember {
  readonly ref: string;
  readonly reason: string | null;
  readonly excludedBy: string | null;
  readonly excludedAt: number;
  /** The member the reference names in today's list (null when the row is gone). */
  readonly member: Member | null;
}

export function createRecipientsService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditService }) {
  function mustList(listId: number) {
    const l = getList(db, listId);
    if (!l) throw new AppError('not-found', 'No such list', { listId });
    return l;
  }
  function mustMember(memberId: number, listId?: number): Member {
    const m = getMember(db, memberId);
    if (!m || (listId !== undefined && m.listId !== listId)) throw new AppError('not-found', 'No such member in this list', { memberId });
    return m;
  }
  function cleanAddress(raw: string): string {
    const email = normaliseAddress(raw).email;
    if (validateAddress(email) !== null) throw new AppError('validation', 'This is not a valid email address', { field: 'email' });
    return email;
  }

  return {
    /** The live count and domain breakdown of a selection (compose screen), with the words. */
    preview(listId: number, selection: Selection): RecipientPreview {
      const list = mustList(listId);
      const unknown = selectionColumns(selection).filter((c) => !list.columns.includes(c));
      if (unknown.length) throw new AppError('validation', 'The selection names a column the list does not have', { field: 'selection', columns: unknown });
      const counts = countRecipients(db, listId, selection);
      return { ...counts, words: { ja: describeSelection(selection, counts.count, 'ja'), en: describeSelection(selection, counts.count, 'en') } };
    },

    listExclusions(listId: number): ExcludedMember[] {
      mustList(listId);
      return rules.listExclusions(db, listId).map((e) => ({ ...e, member: findMemberByRef(db, listId, e.ref) ?? null }));
    },

    exclude(listId: number, memberId: number, reason: string | null, actor: string | null): void {
      const m = mustMember(memberId, listId);
      const ref = memberRef(m);
      if (rules.insertExclusion(db, listId, { ref, reason, by: actor }, clock.now())) {
        audit.record('member.excluded', { actor, listId, details: { memberId, ref, email: m.email, name: m.name, reason } });
      }
    },

    include(listId: number, ref: string, actor: string | null): void {
      mustList(listId);
      if (rules.deleteExclusion(db, listId, ref)) audit.record('member.included', { actor, listId, details: { ref } });
    },

    /**
     * Edits a member's address or cells in Tayori. The row is marked changed, so the next check
     * report shows it (and the approver sees it as a changed address), and the audit log says who.
     */
    updateMember(memberId: number, patch: { email?: string; fields?: Readonly<Record<string, string>> }, actor: string | null): Member {
      const m = mustMember(memberId);
      const list = mustList(m.listId);
      const unknown = Object.keys(patch.fields ?? {}).filter((c) => !list.columns.includes(c));
      if (unknown.length) throw new AppError('validation', 'No such column in this list', { field: 'fields', columns: unknown });
      const fields: Record<string, string> = { ...m.fields, ...(patch.fields ?? {}) };
      const email = cleanAddress(patch.email ?? (list.emailColumn ? fields[list.emailColumn] ?? m.email : m.email));
      if (list.emailColumn) fields[list.emailColumn] = email;
      const name = list.nameColumn ? (fields[list.nameColumn] ?? '').trim() : m.name;
      const change = email !== m.email ? 'email-changed' : name !== m.name ? 'name-changed' : m.change;
      const changed = Object.keys(fields).filter((k) => fields[k] !== m.fields[k]);
      // Saving the row unchanged is not an edit: nothing to mark or audit.
      if (changed.length === 0 && email === m.email) return m;
      updateMemberRow(db, memberId, { email, name, fields, change, editedBy: actor, editedAt: clock.now() });
      audit.record('member.edited', { actor, listId: m.listId, details: { memberId, from: { email: m.email, name: m.name }, to: { email, name }, changed } });
      return getMember(db, memberId)!;
    },

    sharedAddresses: (listId: number): string[] => rules.listSharedAddresses(db, listId),

    /** Marks (or unmarks) an address as shared by the members that have it: each then gets their own mail. */
    setShared(listId: number, rawEmail: string, shared: boolean, actor: string | null): string[] {
      mustList(listId);
      const email = cleanAddress(rawEmail);
      const changed = shared ? rules.markShared(db, listId, email, actor, clock.now()) : rules.unmarkShared(db, listId, email);
      if (changed) audit.record(shared ? 'address.marked-shared' : 'address.unmarked-shared', { actor, listId, details: { email } });
      return rules.listSharedAddresses(db, listId);
    },

    listSuppressions: (query = '') => suppressions.listSuppressions(db, query),

    suppress(rawAddress: string, reason: suppressions.SuppressionReason, note: string | null, actor: string | null): void {
      const address = cleanAddress(rawAddress);
      const added = suppressions.upsertSuppression(db, { address, reason, note, addedBy: actor }, clock.now());
      audit.record(added ? 'suppression.added' : 'suppression.updated', { actor, details: { address, reason, note } });
    },

    unsuppress(rawAddress: string, actor: string | null): void {
      const address = cleanAddress(rawAddress);
      if (suppressions.deleteSuppression(db, address)) audit.record('suppression.removed', { actor, details: { address } });
    },
  };
}
