// The draft recipients of the check report (before the freeze), kept across edits of the notice.
// Reading and parsing 100k members is about 400 of a draft report's 700-800 ms after a change to
// the notice, yet what is read depends only on the members, the list's exclusions, the
// suppressions, the list and selection, and which fields the templates name. So a read is kept
// under the members version (content-version.ts), which every write moves except a notice's own
// edits (outsideMembers, wrapped around the campaign update by the campaigns:update handler), and
// is keyed by the list, the selection and the field names: a template that names another field
// reads afresh. Nothing is kept or reused inside a transaction.
//
// The rows, their fields and the array are frozen: the report and the member-findings cache share
// them, and a frozen array lets member-findings-cache.ts hash the rows once per read instead of once
// per report, and template-findings-cache.ts render them once per template.
//
// After a member's edit in the app (members:update, recorded by memberRowEdited) or an exclusion
// added or removed (recorded by listRowsChanged) the version moves, but the kept read is brought up
// to date instead of read again: when the only writes since it was kept are such writes to members
// of this list (memberEditsBetween), the rows those writes can have changed are read again (`patch`: the edited members and every member sharing an address
// they had before or have now, whose merge into an identical earlier row may have changed) and put
// in place of the kept ones. Any other write, or another connection's commit, reads afresh.
import type { CheckRecipient, RecipientsLeftOut } from '../../../shared/guards';
import type { Selection } from '../../../shared/recipients';
import type { Db } from '../../db/connection';
import { cacheableMembersVersion, memberEditsBetween } from '../../db/content-version';
import { keptByVersion } from '../../db/kept-by-version';

export interface DraftRecipients {
  readonly recipients: readonly CheckRecipient[];
  readonly leftOut: RecipientsLeftOut;
}

/** Reads kept per connection (two notices to different lists or selections; ~25 MB each at 100k). */
const kept = keptByVersion<DraftRecipients>(2);

const keyOf = (listId: number, s: Selection, fields: readonly string[]): string => JSON.stringify([listId, s, [...fields].sort()]);

/** Edits brought up to date at most; more than this and the whole list is read again. */
const PATCHED_EDITS_MAX = 16;

/**
 * What a patch is given: the kept read and what was edited since. It returns the read as it would
 * be now (rows in the order a full read gives them, the left-out figures counted afresh).
 */
export interface DraftPatch {
  readonly kept: DraftRecipients;
  readonly memberIds: readonly number[];
  readonly emails: readonly string[];
}

function frozenRead(fresh: DraftRecipients): DraftRecipients {
  for (const r of fresh.recipients) Object.freeze(Object.freeze(r).fields);
  const l = fresh.leftOut;
  const leftOut = Object.freeze({ ...l, suppressed: Object.freeze(l.suppressed.map((x) => Object.freeze(x))), missing: Object.freeze(l.missing.map((x) => Object.freeze(x))) });
  return { recipients: Object.freeze(fresh.recipients), leftOut };
}

/**
 * `read()` now, or its result kept from an earlier call while no counted write happened since, or
 * the kept result brought up to date by `patch` when only member-row edits of this list happened.
 */
export function draftRecipientsCached(
  db: Db,
  listId: number,
  s: Selection,
  fields: readonly string[],
  read: () => DraftRecipients,
  patch?: (p: DraftPatch) => DraftRecipients,
): DraftRecipients {
  // Taken before reading: a write landing during the read only makes the next call read again.
  const version = cacheableMembersVersion(db);
  if (version === null) return read();
  const key = keyOf(listId, s, fields);
  const hit = kept.get(db, key, version);
  if (hit) return hit;
  const last = kept.last(db, key);
  const edits = last && patch ? memberEditsBetween(db, last.version, version) : null;
  const patchable = last && patch && edits && edits.length <= PATCHED_EDITS_MAX && edits.every((e) => e.listId === listId);
  const fresh = patchable
    ? patch({ kept: last.value, memberIds: [...new Set(edits.flatMap((e) => e.memberIds))], emails: [...new Set(edits.flatMap((e) => e.emails))] })
    : read();
  const frozen = frozenRead(fresh);
  kept.put(db, key, version, frozen);
  return frozen;
}

/** The read kept for these arguments at the current members version, if any (it never reads; the approval request's freeze reuses it). */
export function keptDraftRecipients(db: Db, listId: number, s: Selection, fields: readonly string[]): DraftRecipients | undefined {
  const version = cacheableMembersVersion(db);
  return version === null ? undefined : kept.get(db, keyOf(listId, s, fields), version);
}
