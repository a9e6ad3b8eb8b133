// The draft recipients of the check report (before the freeze), kept across edits of the notice.
// Reading and parsing 100k members is about 400 of a draft report's 700-800 ms after a change to
// the notice, yet what is read depends only on the members, the list's exclusions, the
// suppressions, the list and selection, and which fields the templates name. So a read is kept
// under the members version (content-version.ts), which every write moves except a notice's own
// edits (outsideMembers, wrapped around the campaign update by the campaigns:update handler), and
// is keyed by the list, the selection and the field names: a template that names another field
// reads afresh. Nothing is kept or reused inside a transaction.
//
// The rows and the array are frozen: the report and the member-findings cache share them, and a
// frozen array lets member-findings-cache.ts hash the rows once per read instead of once per report.
import type { CheckRecipient, RecipientsLeftOut } from '../../../shared/guards';
import type { Selection } from '../../../shared/recipients';
import type { Db } from '../../db/connection';
import { cacheableMembersVersion } from '../../db/content-version';
import { keptByVersion } from '../../db/kept-by-version';

export interface DraftRecipients {
  readonly recipients: readonly CheckRecipient[];
  readonly leftOut: RecipientsLeftOut;
}

/** Reads kept per connection (two notices to different lists or selections; ~25 MB each at 100k). */
const kept = keptByVersion<DraftRecipients>(2);

const keyOf = (listId: number, s: Selection, fields: readonly string[]): string => JSON.stringify([listId, s, [...fields].sort()]);

/** `read()` now, or its result kept from an earlier call while no counted write happened since. */
export function draftRecipientsCached(db: Db, listId: number, s: Selection, fields: readonly string[], read: () => DraftRecipients): DraftRecipients {
  // Taken before reading: a write landing during the read only makes the next call read again.
  const version = cacheableMembersVersion(db);
  if (version === null) return read();
  const key = keyOf(listId, s, fields);
  const hit = kept.get(db, key, version);
  if (hit) return hit;
  const fresh = read();
  for (const r of fresh.recipients) Object.freeze(r);
  const l = fresh.leftOut;
  const leftOut = Object.freeze({ ...l, suppressed: Object.freeze(l.suppressed.map((x) => Object.freeze(x))), missing: Object.freeze(l.missing.map((x) => Object.freeze(x))) });
  const frozen: DraftRecipients = { recipients: Object.freeze(fresh.recipients), leftOut };
  kept.put(db, key, version, frozen);
  return frozen;
}

/** The read kept for these arguments at the current members version, if any (it never reads; the approval request's freeze reuses it). */
export function keptDraftRecipients(db: Db, listId: number, s: Selection, fields: readonly string[]): DraftRecipients | undefined {
  const version = cacheableMembersVersion(db);
  return version === null ? undefined : kept.get(db, keyOf(listId, s, fields), version);
}
