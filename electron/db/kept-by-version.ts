// A few values read from the database, kept per connection under the version they were read at
// (content-version.ts), the most recently used last: the recipient order of the preview and the
// draft recipients of the check report. `get` returns a value only while the version it was kept
// under is still the current one; `last` returns it with its version, for a caller that can bring it
// up to date (the draft recipients after a member's edit, draft-recipients-cache.ts).
import type { Db } from './connection';
import type { ContentVersion } from './content-version';

export interface KeptByVersion<T> {
  get(db: Db, key: string, version: ContentVersion): T | undefined;
  put(db: Db, key: string, version: ContentVersion, value: T): void;
  /** The value kept under the key with the version it was kept at, current or not (to bring up to date). */
  last(db: Db, key: string): { readonly version: ContentVersion; readonly value: T } | undefined;
}

export function keptByVersion<T>(limit: number): KeptByVersion<T> {
  const kept = new WeakMap<Db, Map<string, { version: ContentVersion; value: T }>>();
  return {
    get(db, key, version) {
      const hit = kept.get(db)?.get(key);
      return hit && hit.version === version ? hit.value : undefined;
    },
    last: (db, key) => kept.get(db)?.get(key),
    put(db, key, version, value) {
      let map = kept.get(db);
      if (!map) kept.set(db, (map = new Map()));
      map.delete(key);
      map.set(key, { version, value });
      if (map.size > limit) map.delete(map.keys().next().value!);
    },
  };
}
