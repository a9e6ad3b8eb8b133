// Member ids grouped by a key (an address, a name, a domain's local part), kept sorted so rows can
// join and leave one at a time: the address index (address-index.ts) patches its groups with the
// few rows an edit changed instead of grouping 100k rows again.

/** The first position in ascending `ids` whose id is not below `id`. */
function lowerBound(ids: readonly number[], id: number): number {
  let lo = 0;
  let hi = ids.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (ids[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Puts `id` into ascending `ids` (once). */
export function insertId(ids: number[], id: number): void {
  const at = lowerBound(ids, id);
  if (ids[at] !== id) ids.splice(at, 0, id);
}

/** Takes `id` out of ascending `ids`, if there. */
export function removeId(ids: number[], id: number): void {
  const at = lowerBound(ids, id);
  if (ids[at] === id) ids.splice(at, 1);
}

/**
 * Ids by key, ascending, without an array per key: almost every address and name of a list is on
 * one row, and 100k one-element arrays would be most of the cost.
 */
export class KeyRows {
  /** Keys on exactly one row. */
  readonly single = new Map<string, number>();
  /** Keys on several rows, their ids ascending. */
  readonly repeated = new Map<string, number[]>();

  /** Adds the key's row `id`; returns the key's lowest id before (undefined when no row had it). */
  add(key: string, id: number): number | undefined {
    const more = this.repeated.get(key);
    if (more) {
      const first = more[0];
      insertId(more, id);
      return first;
    }
    const one = this.single.get(key);
    if (one === undefined) this.single.set(key, id);
    else if (one !== id) {
      this.single.delete(key);
      this.repeated.set(key, one < id ? [one, id] : [id, one]);
    }
    return one;
  }

  remove(key: string, id: number): void {
    const more = this.repeated.get(key);
    if (!more) {
      if (this.single.get(key) === id) this.single.delete(key);
      return;
    }
    removeId(more, id);
    if (more.length === 1) {
      this.repeated.delete(key);
      this.single.set(key, more[0]!);
    }
  }

  /** The key's lowest id, or undefined when no row has it. */
  firstId(key: string): number | undefined {
    return this.single.get(key) ?? this.repeated.get(key)?.[0];
  }

  /** The key's ids, ascending (empty when no row has it). */
  idsOf(key: string): readonly number[] {
    const one = this.single.get(key);
    return one !== undefined ? [one] : (this.repeated.get(key) ?? []);
  }
}
