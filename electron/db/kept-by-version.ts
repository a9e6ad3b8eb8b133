// A few values read from the database, kept per connection under the version they were read at
// (content-version.ts), the most recently used last: the recipient order of the preview and the
// draft recipients of the check report. A value is only returned while the version it was kept
// under is still the current one.
import type { Db } from './connection';
import type { ContentVersion } from './content-version';

export interface KeptByVersion<T> {
  get(db: Db, key: string, version: ContentVersion): T | undefined;
  put(db: Db, key: string, version: ContentVersion, value: T): void;
}

export function keptByVersion<T>(limit: number): KeptByVersion<T> {
  const kept = new WeakMap<Db, Map<string, { version: ContentVersion; value: T }>>();
  return {
    get(db, key, version) {
      const hit = kept.get(db)?.get(key);
      return hit && hit.version === version ? hit.value : undefined;
    },
    put(db, key, version, value) {
      let map = kept.get(db);
      if (!map) kept.set(db, (map = new Map()));
      map.delete(key);
      map.set(key, { version, value });
      if (map.size > limit) map.delete(map.keys().next().value!);
    },
  };
}
