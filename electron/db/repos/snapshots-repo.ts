// Repository for the snapshots table: the frozen recipient rows a campaign sends to.
// The send engine reads these (never the live members), so a later re-import cannot change
// what was approved. Stable API used by the sender: listSnapshot, getSnapshotRow.
import type { Db } from '../connection';
import { fieldsEncoder, fieldsTextOf, parseFields, type Fields } from '../fields';

export interface SnapshotRow {
  readonly id: number;
  readonly campaignId: number;
  /** 0-based order within the campaign. */
  readonly position: number;
  /** The member row it was copied from (null if that row no longer identifies it). */
  readonly memberId: number | null;
  readonly email: string;
  readonly name: string;
  readonly fields: Fields;
}

export interface NewSnapshotRow {
  readonly memberId: number | null;
  readonly email: string;
  readonly name: string;
  readonly fields: Fields;
}

interface SnapshotDbRow {
  id: number;
  campaign_id: number;
  position: number;
  member_id: number | null;
  email: string;
  name: string;
  fields_json: string;
}

function rowToSnapshot(db: Db, r: SnapshotDbRow): SnapshotRow {
  return {
    id: r.id,
    campaignId: r.campaign_id,
    position: r.position,
    memberId: r.member_id,
    email: r.email,
    name: r.name,
    fields: parseFields(db, r.fields_json),
  };
}

/** Replaces a campaign's snapshot with the given rows (positions 0..n-1). Call inside a transaction. */
export function replaceSnapshot(db: Db, campaignId: number, rows: Iterable<NewSnapshotRow>): number {
  db.prepare('DELETE FROM snapshots WHERE campaign_id = ?').run(campaignId);
  const stmt = db.prepare(
    'INSERT INTO snapshots (campaign_id, position, member_id, email, name, fields_json) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const encode = fieldsEncoder(db);
  let position = 0;
  for (const r of rows) {
    stmt.run(campaignId, position, r.memberId, r.email, r.name, encode(r.fields));
    position++;
  }
  return position;
}

// The approval digest (version 3) reads a row as SQLite's `json_array(email, name, fields_json)`
// of the stored text: what the sender will parse, byte for byte, with no parsing here.
const DIGEST_TEXT = 'json_array(email, name, fields_json)';

/** Each frozen row's digest text with its fields text, in position order (for the request's one pass). */
export function iterateSnapshotDigestRows(db: Db, campaignId: number): IterableIterator<[text: string, fieldsJson: string]> {
  return db
    .prepare(`SELECT ${DIGEST_TEXT}, fields_json FROM snapshots WHERE campaign_id = ? ORDER BY position`)
    .raw()
    .iterate(campaignId) as IterableIterator<[string, string]>;
}

/** Each frozen row's digest text, in position order. */
export function iterateSnapshotDigestTexts(db: Db, campaignId: number): IterableIterator<string> {
  return db.prepare(`SELECT ${DIGEST_TEXT} FROM snapshots WHERE campaign_id = ? ORDER BY position`).pluck().iterate(campaignId) as IterableIterator<string>;
}

/**
 * The digest texts rows would have once stored by replaceSnapshot (encoded by SQLite, as stored
 * rows are); `keyed`: with the fields as replaceSnapshot stored them before migration 0017
 * (JSON.stringify of the record), for digest version 3.
 */
export function* newRowDigestTexts(db: Db, rows: Iterable<NewSnapshotRow>, keyed = false): Generator<string> {
  const digestText = digestTextEncoder(db);
  for (const r of rows) yield digestText(r.email, r.name, keyed ? JSON.stringify(r.fields) : fieldsTextOf(r.fields));
}

/** A row's digest text from its parts, encoded by SQLite as DIGEST_TEXT encodes a stored row (one statement per row). */
export function digestTextEncoder(db: Db): (email: string, name: string, fieldsText: string) => string {
  const stmt = db.prepare('SELECT json_array(?, ?, ?)').pluck();
  return (email, name, fieldsText) => stmt.get(email, name, fieldsText) as string;
}

/** Every snapshot row of a campaign, in position order. */
export function listSnapshot(db: Db, campaignId: number): SnapshotRow[] {
  return (
    db.prepare('SELECT * FROM snapshots WHERE campaign_id = ? ORDER BY position').all(campaignId) as SnapshotDbRow[]
  ).map((r) => rowToSnapshot(db, r));
}

/** The same rows as listSnapshot, streamed (for large campaigns). */
export function* iterateSnapshot(db: Db, campaignId: number): Generator<SnapshotRow> {
  const stmt = db.prepare('SELECT * FROM snapshots WHERE campaign_id = ? ORDER BY position');
  for (const r of stmt.iterate(campaignId) as IterableIterator<SnapshotDbRow>) yield rowToSnapshot(db, r);
}

export function getSnapshotRowAt(db: Db, campaignId: number, position: number): SnapshotRow | undefined {
  const r = db
    .prepare('SELECT * FROM snapshots WHERE campaign_id = ? AND position = ?')
    .get(campaignId, position) as SnapshotDbRow | undefined;
  return r && rowToSnapshot(db, r);
}

export function countSnapshot(db: Db, campaignId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM snapshots WHERE campaign_id = ?').get(campaignId) as { n: number }).n;
}

/** The frozen rows of an earlier campaign whose send status is one of `statuses`, in order. */
export function* iterateSentRows(db: Db, campaignId: number, statuses: readonly string[]): Generator<SnapshotRow> {
  if (statuses.length === 0) return;
  const stmt = db.prepare(
    `SELECT s.* FROM sends JOIN snapshots AS s ON s.id = sends.snapshot_id
     WHERE sends.campaign_id = ? AND sends.status IN (${statuses.map(() => '?').join(', ')}) ORDER BY s.position`,
  );
  for (const r of stmt.iterate(campaignId, ...statuses) as IterableIterator<SnapshotDbRow>) yield rowToSnapshot(db, r);
}

/** Whether the campaign has frozen rows (one index probe, not a count). */
export function hasSnapshot(db: Db, campaignId: number): boolean {
  return db.prepare('SELECT EXISTS (SELECT 1 FROM snapshots WHERE campaign_id = ?)').pluck().get(campaignId) === 1;
}

/**
 * The largest frozen recipient count among earlier campaigns to the same list ("the last send").
 * A snapshot's rows hold positions 0..n-1 (every writer above, snapshotFromRecipients and
 * freezeChunks write them so; nothing deletes a single row), so its count is its last position + 1:
 * one index probe per earlier campaign, where counting read every earlier frozen row (~13 ms per
 * 200k, on every check report of a list with a history of sends).
 */
export function largestEarlierSnapshot(db: Db, listId: number, campaignId: number): number | undefined {
  const r = db
    .prepare(
      `SELECT max(n) AS n FROM (
         SELECT (SELECT max(s.position) + 1 FROM snapshots s WHERE s.campaign_id = c.id) AS n FROM campaigns c
         WHERE c.list_id = ? AND c.id < ?)`,
    )
    .get(listId, campaignId) as { n: number | null };
  return r.n ?? undefined;
}

/** Where a member stands among a campaign's frozen recipients, or undefined. */
export function snapshotPositionOfMember(db: Db, campaignId: number, memberId: number): number | undefined {
  return (db.prepare('SELECT position FROM snapshots WHERE campaign_id = ? AND member_id = ? ORDER BY position LIMIT 1').get(campaignId, memberId) as { position: number } | undefined)?.position;
}

/** The frozen rows' hash, stored when they were frozen (migration 0010; its digest version since 0014). */
export interface StoredSnapshotHash {
  readonly recipients: string;
  readonly rowCount: number;
  /** The digest version the hash was computed for (2: parsed rows; 3 and 4: stored text, campaign-digest.ts). */
  readonly version: 2 | 3 | 4;
}

/** Records the hash of the rows just frozen. Call in the freezing transaction, after the rows. */
export function storeSnapshotHash(db: Db, campaignId: number, h: StoredSnapshotHash): void {
  db.prepare('INSERT OR REPLACE INTO snapshot_digests (campaign_id, recipients, row_count, version) VALUES (?, ?, ?, ?)').run(campaignId, h.recipients, h.rowCount, h.version);
}

/**
 * The stored hash, if it still describes the snapshot: the triggers drop it when a row is changed
 * or deleted, and the row count (an index count) catches a row added since.
 */
export function storedSnapshotHash(db: Db, campaignId: number): StoredSnapshotHash | undefined {
  const r = db.prepare('SELECT recipients, row_count, version FROM snapshot_digests WHERE campaign_id = ?').get(campaignId) as
    | { recipients: string; row_count: number; version: number }
    | undefined;
  if (!r || (r.version !== 2 && r.version !== 3 && r.version !== 4) || r.row_count !== countSnapshot(db, campaignId)) return undefined;
  return { recipients: r.recipients, rowCount: r.row_count, version: r.version };
}
