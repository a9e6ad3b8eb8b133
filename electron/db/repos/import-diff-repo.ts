// Moves staged rows into a list's members inside the import's transaction, marking each row
// new / email-changed / name-changed against the members it replaces, and reads back the diff
// and the duplicate addresses. All set-based SQL: no row passes through JavaScript again,
// which is why this copies with INSERT ... SELECT rather than writing rows one by one.
import type { Db } from '../connection';

export interface DuplicateAddress {
  readonly email: string;
  /** Excel rows of the members with this address. */
  readonly rows: number[];
}

/**
 * A member in the diff, always named by name and key as well as address: an address alone can
 * belong to someone else (a removal of 伊藤 once showed as 髙橋's address).
 */
interface DiffMember {
  /** Excel row in the new file; null for a removed member (it is not in the file). */
  readonly row: number | null;
  readonly email: string;
  readonly name: string;
  readonly key: string | null;
}

/** A member whose address or name changed: who (key, name, address now) and what. */
interface DiffChange {
  readonly row: number;
  readonly key: string | null;
  /** The name in the new file (for a name change, the same as `to`). */
  readonly name: string;
  /** The address in the new file (for an address change, the same as `to`). */
  readonly email: string;
  readonly from: string;
  readonly to: string;
}

export interface ImportDiff {
  /** 'key' when rows were matched by the key column, 'email' when by address. */
  readonly matchedBy: 'key' | 'email';
  readonly previousImportId: number;
  readonly counts: { added: number; removed: number; emailChanged: number; nameChanged: number };
  readonly added: DiffMember[];
  readonly removed: DiffMember[];
  readonly emailChanged: DiffChange[];
  readonly nameChanged: DiffChange[];
}

export interface ReplaceArgs {
  readonly listId: number;
  readonly importId: number;
  /** The TEMP table of staged rows (import-rows-repo.ts), fields already JSON. */
  readonly stageTable: string;
  /** The previous import of the list, or null on its first import. */
  readonly previousImportId: number | null;
  /** Match rows by the key column (same key column as before) or by address. */
  readonly matchBy: 'key' | 'email';
  /** How many entries each list of the diff and the duplicates names at most (counts are complete). */
  readonly limit: number;
}

export interface ReplaceResult {
  readonly diff: ImportDiff | null;
  readonly duplicates: DuplicateAddress[];
  readonly duplicateCount: number;
}

// The previous member a staged row continues: same key (in key mode, when the row has one),
// else same address. `member_id <= :maxOld` keeps the lookup among the members being replaced.
// Read from the lookup tables (migration 0016; the list is not pending, so its triggers keep
// them): members has no index on the address or the key.
function previousLookup(matchBy: 'key' | 'email', alias: string): string {
  const byEmail = `(SELECT member_id FROM member_emails WHERE list_id = :list AND email = ${alias}.email AND member_id <= :maxOld ORDER BY member_id LIMIT 1)`;
  if (matchBy === 'email') return byEmail;
  const byKey = `(SELECT member_id FROM member_keys WHERE list_id = :list AND member_key = ${alias}.member_key AND member_id <= :maxOld ORDER BY member_id LIMIT 1)`;
  return `CASE WHEN ${alias}.member_key IS NOT NULL THEN ${byKey} ELSE ${byEmail} END`;
}

export function replaceMembers(db: Db, a: ReplaceArgs): ReplaceResult {
  // Row ids only grow, so every new member gets an id above the current maximum: that is how
  // old and new rows of the list are told apart until the old ones are deleted below.
  const maxOld = (db.prepare('SELECT coalesce(max(id), 0) AS m FROM members').get() as { m: number }).m;
  const p = { list: a.listId, imp: a.importId, maxOld };
  const first = a.previousImportId === null;

  db.prepare(
    first
      ? `INSERT INTO members (list_id, line, email, name, member_key, fields_json, change, first_seen_import, last_seen_import)
         SELECT :list, s.line, s.email, s.name, s.member_key, s.fields_json, NULL, :imp, :imp FROM temp.${a.stageTable} s ORDER BY s.rowid`
      : `INSERT INTO members (list_id, line, email, name, member_key, fields_json, change, first_seen_import, last_seen_import)
         SELECT :list, s.line, s.email, s.name, s.member_key, s.fields_json,
           CASE WHEN p.id IS NULL THEN 'new'
                WHEN p.email <> s.email THEN 'email-changed'
                WHEN p.name <> s.name THEN 'name-changed' END,
           coalesce(p.first_seen_import, :imp), :imp
         FROM temp.${a.stageTable} s LEFT JOIN members p ON p.id = ${previousLookup(a.matchBy, 's')}
         ORDER BY s.rowid`,
  ).run(p);

  const diff = first ? null : computeDiff(db, a, p);
  db.prepare('DELETE FROM members WHERE list_id = :list AND id <= :maxOld').run(p);
  return { diff, ...findDuplicates(db, a.listId, a.limit) };
}

function computeDiff(db: Db, a: ReplaceArgs, p: { list: number; imp: number; maxOld: number }): ImportDiff {
  const counts = { added: 0, removed: 0, emailChanged: 0, nameChanged: 0 };
  const byChange = db
    .prepare('SELECT change, count(*) AS n FROM members WHERE list_id = :list AND id > :maxOld AND change IS NOT NULL GROUP BY change')
    .all(p) as { change: string; n: number }[];
  for (const r of byChange) {
    if (r.change === 'new') counts.added = r.n;
    else if (r.change === 'email-changed') counts.emailChanged = r.n;
    else if (r.change === 'name-changed') counts.nameChanged = r.n;
  }
  const limit = { ...p, limit: a.limit };

  const added = db
    .prepare(
      `SELECT line AS row, email, name, member_key AS key FROM members
       WHERE list_id = :list AND id > :maxOld AND change = 'new' ORDER BY id LIMIT :limit`,
    )
    .all(limit) as DiffMember[];

  // An old member is removed when no new row continues it (the reverse of previousLookup).
  const continued =
    a.matchBy === 'key'
      ? `CASE WHEN o.member_key IS NOT NULL
           THEN EXISTS (SELECT 1 FROM member_keys n WHERE n.list_id = :list AND n.member_key = o.member_key AND n.member_id > :maxOld)
           ELSE EXISTS (SELECT 1 FROM member_emails ne CROSS JOIN members n ON n.id = ne.member_id
                        WHERE ne.list_id = :list AND ne.email = o.email AND ne.member_id > :maxOld AND n.member_key IS NULL) END`
      : `EXISTS (SELECT 1 FROM member_emails n WHERE n.list_id = :list AND n.email = o.email AND n.member_id > :maxOld)`;
  const removedWhere = `FROM members o WHERE o.list_id = :list AND o.id <= :maxOld AND NOT (${continued})`;
  counts.removed = (db.prepare(`SELECT count(*) AS n ${removedWhere}`).get(p) as { n: number }).n;
  const removed = (
    db.prepare(`SELECT o.email, o.name, o.member_key AS key ${removedWhere} ORDER BY o.id LIMIT :limit`).all(limit) as Omit<
      DiffMember,
      'row'
    >[]
  ).map((r) => ({ row: null, ...r }));

  const changed = (change: string, column: 'email' | 'name'): DiffChange[] =>
    db
      .prepare(
        `SELECT n.line AS row, n.member_key AS key, n.name, n.email, o.${column} AS "from", n.${column} AS "to"
         FROM members n JOIN members o ON o.id = ${previousLookup(a.matchBy, 'n')}
         WHERE n.list_id = :list AND n.id > :maxOld AND n.change = '${change}' ORDER BY n.id LIMIT :limit`,
      )
      .all(limit) as DiffChange[];

  return {
    matchedBy: a.matchBy,
    previousImportId: a.previousImportId!,
    counts,
    added,
    removed,
    emailChanged: changed('email-changed', 'email'),
    nameChanged: changed('name-changed', 'name'),
  };
}

export function findDuplicates(db: Db, listId: number, limit: number): { duplicates: DuplicateAddress[]; duplicateCount: number } {
  // member_emails (migration 0016) answers the grouping without touching members. A new list's
  // entries are written by its import before it is published (it is pending until then).
  const groups = `SELECT email FROM member_emails WHERE list_id = ? GROUP BY email HAVING count(*) > 1`;
  const duplicateCount = (db.prepare(`SELECT count(*) AS n FROM (${groups})`).get(listId) as { n: number }).n;
  if (duplicateCount === 0) return { duplicates: [], duplicateCount };
  const rows = db
    .prepare('SELECT m.line FROM member_emails e CROSS JOIN members m ON m.id = e.member_id WHERE e.list_id = ? AND e.email = ? ORDER BY m.line')
    .pluck();
  const duplicates = (db.prepare(`${groups} ORDER BY min(member_id) LIMIT ?`).pluck().all(listId, limit) as string[]).map(
    (email) => ({ email, rows: rows.all(listId, email) as number[] }),
  );
  return { duplicates, duplicateCount };
}
