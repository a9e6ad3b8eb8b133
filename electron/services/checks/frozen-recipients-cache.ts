// The frozen recipients of the check report (a notice's snapshot as the report reads it: each row
// with the change, line and editor of the member it was frozen from), kept across writes that
// leave the members version alone (content-version.ts). Reading 100k frozen rows was about 300 of
// the start-of-send check's 500 ms: the approval before it writes only its own rows (approval,
// status, audit) and runs them under outsideMembers, so the report asked for at the start of the
// send finds the read the approval's PIN check made.
//
// What is read depends on the campaign's snapshot rows and on the members they were frozen from
// (joined by member id within the notice's list), so the key is the campaign, its list and the
// field names the rules read; any write to members or snapshots moves the members version (no
// outsideMembers caller touches either). Nothing is kept or reused inside a transaction, except
// rows an approval request proves to be its snapshot's while it freezes (whileFrozenAs).
//
// The rows, their fields and the array are frozen, as the draft's are (draft-recipients-cache.ts):
// the member findings cache hashes a frozen array once and the template findings cache renders it
// once per template, and the draft's array, frozen by a request, finds the findings already
// computed for it.
import type { CheckRecipient } from '../../../shared/guards';
import type { Db } from '../../db/connection';
import { cacheableMembersVersion } from '../../db/content-version';
import { keptByVersion } from '../../db/kept-by-version';

/** Snapshots kept per connection (the notice being approved and one more; ~25 MB each at 100k). */
const kept = keptByVersion<readonly CheckRecipient[]>(2);

/** Per connection: rows proven to be a snapshot's inside the transaction that froze it. */
const proven = new WeakMap<Db, { key: string; rows: readonly CheckRecipient[] }>();

const keyOf = (campaignId: number, listId: number, fields: readonly string[]): string => JSON.stringify([campaignId, listId, [...fields].sort()]);

function frozenArray(rows: readonly CheckRecipient[]): readonly CheckRecipient[] {
  if (Object.isFrozen(rows)) return rows;
  for (const r of rows) Object.freeze(Object.freeze(r).fields);
  return Object.freeze(rows);
}

/** `read()` now, or its result kept from an earlier call while the members version is unchanged. */
export function frozenRecipientsCached(db: Db, campaignId: number, listId: number, fields: readonly string[], read: () => readonly CheckRecipient[]): readonly CheckRecipient[] {
  const key = keyOf(campaignId, listId, fields);
  // Taken before reading: a write landing during the read only makes the next call read again.
  const version = cacheableMembersVersion(db);
  if (version === null) {
    const p = proven.get(db);
    return p && p.key === key ? p.rows : read();
  }
  const hit = kept.get(db, key, version);
  if (hit) return hit;
  const fresh = frozenArray(read());
  kept.put(db, key, version, fresh);
  return fresh;
}

/**
 * Runs `body` inside the transaction that has just frozen the campaign's snapshot, with `rows`
 * known as that snapshot's rows as the report reads them (the caller proves it: approval-service.ts
 * freezes exactly the draft rows these were read as). `body` must write neither members nor
 * snapshots. The rows are forgotten when it returns; keepFrozenRecipients keeps them once committed.
 */
export function whileFrozenAs<T>(db: Db, campaignId: number, listId: number, fields: readonly string[], rows: readonly CheckRecipient[], body: () => T): T {
  proven.set(db, { key: keyOf(campaignId, listId, fields), rows: frozenArray(rows) });
  try {
    return body();
  } finally {
    proven.delete(db);
  }
}

/** After the freezing transaction committed (whileFrozenAs's rows are the snapshot's): keeps them under the members version. */
export function keepFrozenRecipients(db: Db, campaignId: number, listId: number, fields: readonly string[], rows: readonly CheckRecipient[]): void {
  const version = cacheableMembersVersion(db);
  if (version !== null) kept.put(db, keyOf(campaignId, listId, fields), version, frozenArray(rows));
}
