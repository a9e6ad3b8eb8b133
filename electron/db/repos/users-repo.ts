// Repository for the users table: local operators and approvers with a hashed PIN.
// The hash and salt never leave this module and the user service; UserRecord is internal.
import type { Db } from '../connection';

export interface User {
  readonly id: number;
  readonly name: string;
  readonly createdAt: number;
  /** Epoch ms until which PIN entry is refused, or null. */
  readonly lockedUntil: number | null;
}

/** The stored credential; only the user service reads it. */
export interface UserRecord extends User {
  readonly pinHash: string;
  readonly pinSalt: string;
  readonly failedAttempts: number;
  /** Set when two people removed the user: the row stays for the record, the PIN no longer works. */
  readonly removedAt: number | null;
}

interface UserRow {
  id: number;
  name: string;
  pin_hash: string;
  pin_salt: string;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
  removed_at: number | null;
}

function rowToRecord(r: UserRow): UserRecord {
  return {
    id: r.id,
    name: r.name,
    createdAt: r.created_at,
    lockedUntil: r.locked_until,
    pinHash: r.pin_hash,
    pinSalt: r.pin_salt,
    failedAttempts: r.failed_attempts,
    removedAt: r.removed_at,
  };
}

export function toPublicUser(u: UserRecord): User {
  return { id: u.id, name: u.name, createdAt: u.createdAt, lockedUntil: u.lockedUntil };
}

export function insertUser(db: Db, u: { name: string; pinHash: string; pinSalt: string; now: number }): number {
  const info = db
    .prepare('INSERT INTO users (name, pin_hash, pin_salt, created_at) VALUES (?, ?, ?, ?)')
    .run(u.name, u.pinHash, u.pinSalt, u.now);
  return Number(info.lastInsertRowid);
}

export function getUserRecord(db: Db, id: number): UserRecord | undefined {
  const r = db.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
  return r && rowToRecord(r);
}

export function findUserByName(db: Db, name: string): UserRecord | undefined {
  const r = db.prepare('SELECT * FROM users WHERE name = ?').get(name) as UserRow | undefined;
  return r && rowToRecord(r);
}

/** Current users (removed ones are left out). */
export function listUserRecords(db: Db): UserRecord[] {
  return (db.prepare('SELECT * FROM users WHERE removed_at IS NULL ORDER BY id').all() as UserRow[]).map(rowToRecord);
}

export function countActiveUsers(db: Db): number {
  return (db.prepare('SELECT count(*) AS n FROM users WHERE removed_at IS NULL').get() as { n: number }).n;
}

export function renameUser(db: Db, id: number, name: string): void {
  db.prepare('UPDATE users SET name = ? WHERE id = ?').run(name, id);
}

/** A new PIN also clears the failure count and any lock. */
export function setPin(db: Db, id: number, pinHash: string, pinSalt: string): void {
  db.prepare('UPDATE users SET pin_hash = ?, pin_salt = ?, failed_attempts = 0, locked_until = NULL WHERE id = ?').run(pinHash, pinSalt, id);
}

export function markRemoved(db: Db, id: number, now: number): void {
  db.prepare('UPDATE users SET removed_at = ? WHERE id = ?').run(now, id);
}

/** Atomically counts one failure and returns the new count. */
export function incrementFailures(db: Db, id: number): number {
  const r = db
    .prepare('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts')
    .get(id) as { failed_attempts: number } | undefined;
  return r?.failed_attempts ?? 0;
}

/** Locks until `until`; the failure count is kept, so the next lock can be longer. */
export function lockUser(db: Db, id: number, until: number): void {
  db.prepare('UPDATE users SET locked_until = ? WHERE id = ?').run(until, id);
}

export function resetFailures(db: Db, id: number): void {
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
}
