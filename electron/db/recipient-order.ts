// The order of a notice's would-be recipients (before the freeze) as member ids, kept while the
// database is unchanged. The preview by position or member and the send estimate need only this
// order (the Nth id, an id's place, the count), yet the recipients query walks the whole list
// (exclusions, suppressions, selection, identical rows merged): 0.4-1.4 s at 50k members. The
// order is a pure function of the members, the list's exclusions and the suppressions, so it is
// kept under the members version (content-version.ts: any write anywhere, by any connection, drops
// it, except a notice's own edits, which outsideMembers leaves uncounted), and the check report
// primes it as it reads the same recipients in the same order.
//
// The ids come from recipientIdList, the recipients query itself (ORDER BY id, as the snapshot is
// frozen), so position N here is position N of the snapshot frozen from the same database.
import type { Selection } from '../../shared/recipients';
import type { Db } from './connection';
import { cacheableMembersVersion } from './content-version';
import { keptByVersion } from './kept-by-version';
import { recipientIdList } from './repos/recipients-query';

export interface RecipientOrder {
  readonly count: number;
  /** The member id at a 0-based position, or undefined past the end. */
  idAt(position: number): number | undefined;
  /** Where a member stands among the recipients, or undefined when they are not one. */
  positionOf(memberId: number): number | undefined;
}

/** Orders kept per connection (the notices a person switches between; 8 bytes a recipient). */
const kept = keptByVersion<Float64Array>(4);

const keyOf = (listId: number, s: Selection): string => `${listId}:${JSON.stringify(s)}`;

function orderOf(ids: Float64Array): RecipientOrder {
  return {
    count: ids.length,
    idAt: (position) => (Number.isInteger(position) && position >= 0 && position < ids.length ? ids[position] : undefined),
    positionOf(memberId) {
      // The ids ascend (the query orders by id): a binary search.
      let lo = 0;
      let hi = ids.length - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >>> 1;
        const v = ids[mid]!;
        if (v === memberId) return mid;
        if (v < memberId) lo = mid + 1;
        else hi = mid - 1;
      }
      return undefined;
    },
  };
}

/** The recipients' order now: kept from an earlier call while no counted write happened since, else read. */
export function recipientOrder(db: Db, listId: number, s: Selection): RecipientOrder {
  const version = cacheableMembersVersion(db);
  const key = keyOf(listId, s);
  const hit = version !== null ? kept.get(db, key, version) : undefined;
  if (hit) return orderOf(hit);
  const ids = Float64Array.from(recipientIdList(db, listId, s));
  if (version !== null) kept.put(db, key, version, ids);
  return orderOf(ids);
}

/**
 * For a reader that walks the same recipients anyway (the check report): call before reading, pass
 * each member id in list order, then done(). Nothing is kept inside a transaction.
 */
export function recordRecipientOrder(db: Db, listId: number, s: Selection): { add(memberId: number): void; done(): void } {
  const version = cacheableMembersVersion(db);
  const ids: number[] = [];
  return {
    add: (memberId) => void ids.push(memberId),
    done: () => {
      if (version !== null) kept.put(db, keyOf(listId, s), version, Float64Array.from(ids));
    },
  };
}
