// The member search index (migration 0013): one contentless FTS5 table per list whose rowid is
// the member id and whose text is member-search-tokens' terms of the member's name, address and
// field values. It is written only here, in small steps that the search-index service runs
// while the app is idle, never on the import's path. Every function that writes runs in an
// IMMEDIATE transaction of its own, so a step reads and writes one consistent state.
import type { Db } from '../connection';
import { fieldValuesSql, plainFieldValues } from '../fields';
import { valueTerms } from './member-search-tokens';

/** The FTS5 table of a list's index. */
function ftsTable(listId: number): string {
  return `member_search_fts_${Math.trunc(listId)}`;
}
const TABLE_PREFIX = 'member_search_fts_';

/** A list's index, when it is valid: members with id <= upto are in it (edited ones listed apart). */
export interface ReadyIndex {
  readonly table: string;
  readonly upto: number;
}

export function readyIndex(db: Db, listId: number): ReadyIndex | null {
  const s = db.prepare('SELECT upto FROM member_search_lists WHERE list_id = ? AND valid = 1').get(listId) as { upto: number } | undefined;
  if (!s) return null;
  const table = ftsTable(listId);
  const exists = db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(table);
  return exists ? { table, upto: s.upto } : null;
}

/** Ids of the list's members edited since they were indexed. */
export function dirtyMemberIds(db: Db, listId: number): number[] {
  return db.prepare('SELECT member_id FROM member_search_dirty WHERE list_id = ? ORDER BY member_id').pluck().all(listId) as number[];
}

/** What the indexer has to do for a list next, if anything. */
export type IndexTask = 'create' | 'rebuild' | 'dirty' | 'rows' | null;

export function nextTask(db: Db, listId: number): IndexTask {
  const s = db.prepare('SELECT upto, valid FROM member_search_lists WHERE list_id = ?').get(listId) as { upto: number; valid: number } | undefined;
  if (!s) return 'create';
  if (s.valid !== 1 || !db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?").get(ftsTable(listId))) return 'rebuild';
  if (db.prepare('SELECT 1 FROM member_search_dirty WHERE list_id = ? LIMIT 1').get(listId)) return 'dirty';
  if (db.prepare('SELECT 1 FROM members WHERE list_id = ? AND id > ? LIMIT 1').get(listId, s.upto)) return 'rows';
  return null;
}

/** How far a list's index reaches, by member id (the scan covers the rest). */
export function indexProgress(db: Db, listId: number): { ready: boolean; percent: number } {
  const r = readyIndex(db, listId);
  const span = db.prepare('SELECT min(id) AS lo, max(id) AS hi FROM members WHERE list_id = ?').get(listId) as { lo: number | null; hi: number | null };
  if (span.hi === null || span.lo === null) return { ready: r !== null, percent: r ? 100 : 0 };
  if (!r) return { ready: false, percent: 0 };
  if (r.upto >= span.hi) return { ready: true, percent: 100 };
  return { ready: false, percent: Math.floor((100 * Math.max(0, r.upto - span.lo + 1)) / (span.hi - span.lo + 1)) };
}

/**
 * Starts a list's index afresh (empty, reaching nowhere): its first index, or after a delete or
 * a move voided the old one. The old table goes in the same transaction.
 */
export function resetIndex(db: Db, listId: number): void {
  const table = ftsTable(listId);
  db.transaction(() => {
    db.exec(`DROP TABLE IF EXISTS "${table}"`);
    db.exec(`CREATE VIRTUAL TABLE "${table}" USING fts5(t, content='', contentless_delete=1, tokenize='ascii')`);
    db.prepare('DELETE FROM member_search_dirty WHERE list_id = ?').run(listId);
    db.prepare('DELETE FROM member_search_terms WHERE list_id = ?').run(listId);
    db.prepare(
      'INSERT INTO member_search_lists (list_id, upto, valid) VALUES (?, 0, 1) ON CONFLICT (list_id) DO UPDATE SET upto = 0, valid = 1',
    ).run(listId);
  }).immediate();
}

/** Drops index tables whose list is gone (a deleted list's bookkeeping goes by ON DELETE CASCADE). */
export function dropOrphanTables(db: Db): number {
  const names = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name GLOB '${TABLE_PREFIX}[0-9]*'`).pluck().all() as string[];
  let dropped = 0;
  for (const name of names) {
    if (!/^member_search_fts_\d+$/.test(name)) continue;
    const listId = Number(name.slice(TABLE_PREFIX.length));
    if (!db.prepare('SELECT 1 FROM member_search_lists WHERE list_id = ?').get(listId)) {
      db.exec(`DROP TABLE "${name}"`);
      dropped++;
    }
  }
  return dropped;
}

interface SourceRow {
  id: number;
  name: string;
  email: string;
  fields_json: string;
}

// The values the scan matches a row by: name, address and each field value as the scan reads it
// (fieldValuesSql, member-search.ts). Fields text as Tayori writes it is read in JavaScript
// (plainFieldValues); anything else through the same SQL, so that both paths see the same values.
function rowText(db: Db, r: SourceRow): string {
  const values = new Set<string>([r.name, r.email]);
  const plain = plainFieldValues(r.fields_json);
  if (plain) for (const v of plain) values.add(v);
  else {
    try {
      const vs = db.prepare(`SELECT CAST(value AS TEXT) FROM ${fieldValuesSql('?')} WHERE value IS NOT NULL`).pluck().all(r.fields_json) as string[];
      for (const v of vs) values.add(v);
    } catch {
      // Malformed JSON: the scan cannot match its fields either.
    }
  }
  const terms: string[] = [];
  for (const v of values) valueTerms(v, terms);
  return terms.join(' ');
}

function writeRows(db: Db, listId: number, rows: SourceRow[], knownTerms: Set<string>): void {
  const insert = db.prepare(`INSERT INTO "${ftsTable(listId)}" (rowid, t) VALUES (?, ?)`);
  const addTerm = db.prepare('INSERT OR IGNORE INTO member_search_terms (list_id, term) VALUES (?, ?)');
  for (const r of rows) {
    const text = rowText(db, r);
    insert.run(r.id, text);
    for (const term of text.split(' ')) {
      if (term === '' || knownTerms.has(term)) continue;
      addTerm.run(listId, term);
      knownTerms.add(term);
    }
  }
}

/**
 * Indexes up to `max` members above the list's upto, in id order, and moves upto past them.
 * `knownTerms` remembers terms already stored for the list (a cache: an unknown one is stored
 * again harmlessly). Returns how many rows were indexed.
 */
export function indexNextRows(db: Db, listId: number, max: number, knownTerms: Set<string>): number {
  return db.transaction((): number => {
    const s = db.prepare('SELECT upto FROM member_search_lists WHERE list_id = ? AND valid = 1').get(listId) as { upto: number } | undefined;
    if (!s) return 0;
    const rows = db
      .prepare('SELECT id, name, email, fields_json FROM members WHERE list_id = ? AND id > ? ORDER BY id LIMIT ?')
      .all(listId, s.upto, max) as SourceRow[];
    if (rows.length === 0) return 0;
    writeRows(db, listId, rows, knownTerms);
    db.prepare('UPDATE member_search_lists SET upto = ? WHERE list_id = ?').run(rows[rows.length - 1]!.id, listId);
    return rows.length;
  }).immediate();
}

/** Writes up to `max` edited members again and takes them off the dirty list. */
export function reindexDirty(db: Db, listId: number, max: number, knownTerms: Set<string>): number {
  return db.transaction((): number => {
    if (!readyIndex(db, listId)) return 0;
    const ids = db.prepare('SELECT member_id FROM member_search_dirty WHERE list_id = ? ORDER BY member_id LIMIT ?').pluck().all(listId, max) as number[];
    const remove = db.prepare(`DELETE FROM "${ftsTable(listId)}" WHERE rowid = ?`);
    const row = db.prepare('SELECT id, name, email, fields_json FROM members WHERE id = ? AND list_id = ?');
    const done = db.prepare('DELETE FROM member_search_dirty WHERE list_id = ? AND member_id = ?');
    for (const id of ids) {
      remove.run(id);
      const r = row.get(id, listId) as SourceRow | undefined;
      // A member that left the list voided the index already; nothing to write for it.
      if (r) writeRows(db, listId, [r], knownTerms);
      done.run(listId, id);
    }
    return ids.length;
  }).immediate();
}

/** Terms of the list's index that start with a character's code (one-character queries). */
export function termsStartingWith(db: Db, listId: number, code: string): string[] {
  return db
    .prepare('SELECT term FROM member_search_terms WHERE list_id = ? AND term >= ? AND term < ? ORDER BY term')
    .pluck()
    .all(listId, code, `${code}~`) as string[];
}

/**
 * Merges some of the index's segments into fewer (at most `pages` pages of work): a built index
 * ends in many small segments, one per step, and a query looks a term up in each. Returns false
 * once there was nothing left to merge.
 */
export function mergeSome(db: Db, listId: number, pages: number): boolean {
  const table = ftsTable(listId);
  const changes = db.prepare('SELECT total_changes() AS n').pluck();
  return db.transaction((): boolean => {
    if (!readyIndex(db, listId)) return false;
    const before = changes.get() as number;
    // A negative count merges across all levels, as 'optimize' does, but in bounded work.
    db.prepare(`INSERT INTO "${table}" ("${table}", rank) VALUES ('merge', ?)`).run(-Math.trunc(pages));
    return (changes.get() as number) - before >= 2;
  }).immediate();
}
