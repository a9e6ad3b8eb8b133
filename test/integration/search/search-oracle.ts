// The search's meaning written out plainly, for the tests to compare the real search with: a
// member matches when its name, address or a field value contains the query, ASCII letters
// compared without case (what SQLite's LIKE does), nothing else folded.
import type { Db } from '../../../electron/db/connection';
import { iterateMembers } from '../../../electron/db/repos/members-repo';
import { searchMembers } from '../../../electron/db/repos/member-search';

const fold = (s: string): string => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

export function bruteForceIds(db: Db, listId: number, query: string): number[] {
  const q = fold(query.trim());
  const ids: number[] = [];
  for (const m of iterateMembers(db, listId)) {
    if ([m.name, m.email, ...Object.values(m.fields)].some((v) => fold(v).includes(q))) ids.push(m.id);
  }
  return ids;
}

/** Every match of the real search (paged through with the largest page the repo allows). */
export function searchIds(db: Db, listId: number, query: string): { ids: number[]; total: number; exact: boolean } {
  const page = searchMembers(db, listId, query, 20_000, 0);
  return { ids: page.members.map((m) => m.id), total: page.total, exact: page.totalExact };
}
