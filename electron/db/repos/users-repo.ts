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
}

interface UserRow {
  id: number;
  name: string;
  pin_hash: string;
  pin_salt: string;
  failed_attempts: number;
  locked_until: number | null;
  created_at: number;
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

export function listUserRecords(db: Db): UserRecord[] {
  return (db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[]).map(rowToRecord);
}

/** Atomically counts one failure and returns the new count. */
export function incrementFailures(db: Db, id: number): number {
  const r = db
    .prepare('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? RETURNING failed_attempts')
    .get(id) as { failed_attempts: number } | undefined;
  return r?.failed_attempts ?? 0;
}

export function lockUser(db: Db, id: number, until: number): void {
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = ? WHERE id = ?').run(until, id);
}

export function resetFailures(db: Db, id: number): void {
  db.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(id);
}
