// Repository for smtp_profiles: where and as whom a campaign is sent. The password itself is
// never in this table, only a reference into the SecretStore (secret_ref).
import type { ProfileFields, SmtpProfile } from '../../../shared/smtp-profile';
import type { Db } from '../connection';

/**
 * Each stored field's column: the one mapping between the profile and its table. The SELECT's
 * aliases, the INSERT and UPDATE column lists and their arguments are all derived from it.
 */
const PROFILE_COLUMNS = {
  name: 'name',
  host: 'host',
  port: 'port',
  security: 'security',
  authUser: 'auth_user',
  authMethod: 'auth_method',
  oauthProvider: 'oauth_provider',
  fromAddress: 'from_address',
  fromName: 'from_name',
  perMinute: 'per_minute',
  perHour: 'per_hour',
  perDay: 'per_day',
  carrierPerMinute: 'carrier_per_minute',
  maxConnections: 'max_connections',
  practice: 'practice',
} as const satisfies { readonly [K in keyof ProfileFields]-?: string };

const FIELDS = Object.keys(PROFILE_COLUMNS) as (keyof ProfileFields)[];

/** A row as SELECT_PROFILE reads it (columns aliased to the field names); SQLite has no boolean. */
type ProfileRow = Omit<SmtpProfile, 'hasPassword' | 'insecure' | 'practice'> & { readonly secretRef: string | null; readonly practice: 0 | 1 };

const SELECT_PROFILE = `SELECT id, secret_ref AS secretRef, created_at AS createdAt, updated_at AS updatedAt, ${FIELDS.map(
  (f) => `${PROFILE_COLUMNS[f]} AS ${f}`,
).join(', ')} FROM smtp_profiles`;

function rowToProfile({ secretRef, practice, ...r }: ProfileRow): SmtpProfile {
  return { ...r, hasPassword: secretRef !== null, practice: practice === 1, insecure: r.security === 'none' };
}

function fieldArgs(f: ProfileFields): (string | number | null)[] {
  return FIELDS.map((k) => {
    const v = f[k];
    return typeof v === 'boolean' ? (v ? 1 : 0) : v;
  });
}

export function insertProfile(db: Db, f: ProfileFields, now: number): number {
  const columns = FIELDS.map((k) => PROFILE_COLUMNS[k]).join(', ');
  const info = db
    .prepare(`INSERT INTO smtp_profiles (${columns}, created_at, updated_at) VALUES (${FIELDS.map(() => '?').join(', ')}, ?, ?)`)
    .run(...fieldArgs(f), now, now);
  return Number(info.lastInsertRowid);
}

export function updateProfileRow(db: Db, id: number, f: ProfileFields, now: number): void {
  const assignments = FIELDS.map((k) => `${PROFILE_COLUMNS[k]} = ?`).join(', ');
  db.prepare(`UPDATE smtp_profiles SET ${assignments}, updated_at = ? WHERE id = ?`).run(...fieldArgs(f), now, id);
}

export function getProfileRow(db: Db, id: number): SmtpProfile | undefined {
  const r = db.prepare(`${SELECT_PROFILE} WHERE id = ?`).get(id) as ProfileRow | undefined;
  return r && rowToProfile(r);
}

export function listProfileRows(db: Db): SmtpProfile[] {
  return (db.prepare(`${SELECT_PROFILE} ORDER BY id`).all() as ProfileRow[]).map(rowToProfile);
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
