// Repository for smtp_profiles: where and as whom a campaign is sent. The password itself is
// never in this table, only a reference into the SecretStore (secret_ref).
import type { Db } from '../connection';

export type SmtpSecurity = 'tls' | 'starttls' | 'none';

/** The profile as every caller sees it: no password, only whether one is stored. */
export interface SmtpProfile {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly authUser: string | null;
  readonly hasPassword: boolean;
  readonly fromAddress: string;
  readonly fromName: string;
  /** Messages per minute / per hour the provider allows (null: no limit). */
  readonly perMinute: number | null;
  readonly perHour: number | null;
  readonly maxConnections: number;
  /** A practice profile points at a local sink (issue 6). */
  readonly practice: boolean;
  /** True when mail would travel unencrypted (security 'none', loopback only). */
  readonly insecure: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

export interface ProfileFields {
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly authUser: string | null;
  readonly fromAddress: string;
  readonly fromName: string;
  readonly perMinute: number | null;
  readonly perHour: number | null;
  readonly maxConnections: number;
  readonly practice: boolean;
}

interface ProfileRow {
  id: number;
  name: string;
  host: string;
  port: number;
  security: SmtpSecurity;
  auth_user: string | null;
  secret_ref: string | null;
  from_address: string;
  from_name: string;
  per_minute: number | null;
  per_hour: number | null;
  max_connections: number;
  practice: number;
  created_at: number;
  updated_at: number;
}

function rowToProfile(r: ProfileRow): SmtpProfile {
  return {
    id: r.id,
    name: r.name,
    host: r.host,
    port: r.port,
    security: r.security,
    authUser: r.auth_user,
    hasPassword: r.secret_ref !== null,
    fromAddress: r.from_address,
    fromName: r.from_name,
    perMinute: r.per_minute,
    perHour: r.per_hour,
    maxConnections: r.max_connections,
    practice: r.practice === 1,
    insecure: r.security === 'none',
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function fieldArgs(f: ProfileFields): (string | number | null)[] {
  return [
    f.name, f.host, f.port, f.security, f.authUser, f.fromAddress, f.fromName,
    f.perMinute, f.perHour, f.maxConnections, f.practice ? 1 : 0,
  ];
}

export function insertProfile(db: Db, f: ProfileFields, now: number): number {
  const info = db
    .prepare(
      `INSERT INTO smtp_profiles (name, host, port, security, auth_user, from_address, from_name,
         per_minute, per_hour, max_connections, practice, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    )
    .run(...fieldArgs(f), now, now);
  return Number(info.lastInsertRowid);
}

export function updateProfileRow(db: Db, id: number, f: ProfileFields, now: number): void {
  db.prepare(
    `UPDATE smtp_profiles SET name = ?, host = ?, port = ?, security = ?, auth_user = ?, from_address = ?,
       from_name = ?, per_minute = ?, per_hour = ?, max_connections = ?, practice = ?, updated_at = ?
     WHERE id = ?`,
  ).run(...fieldArgs(f), now, id);
}

export function getProfileRow(db: Db, id: number): SmtpProfile | undefined {
  const r = db.prepare('SELECT * FROM smtp_profiles WHERE id = ?').get(id) as ProfileRow | undefined;
  return r && rowToProfile(r);
}

export function listProfileRows(db: Db): SmtpProfile[] {
  return (db.prepare('SELECT * FROM smtp_profiles ORDER BY id').all() as ProfileRow[]).map(rowToProfile);
}

export function getSecretRef(db: Db, id: number): string | null {
  const r = db.prepare('SELECT secret_ref FROM smtp_profiles WHERE id = ?').get(id) as
    | { secret_ref: string | null }
    | undefined;
  return r?.secret_ref ?? null;
}

export function setSecretRef(db: Db, id: number, ref: string | null, now: number): void {
  db.prepare('UPDATE smtp_profiles SET secret_ref = ?, updated_at = ? WHERE id = ?').run(ref, now, id);
}

export function deleteProfileRow(db: Db, id: number): void {
  db.prepare('DELETE FROM smtp_profiles WHERE id = ?').run(id);
}

export function profileInUse(db: Db, id: number): boolean {
  return db.prepare('SELECT 1 FROM campaigns WHERE profile_id = ? LIMIT 1').get(id) !== undefined;
}
