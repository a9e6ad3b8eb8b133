// Repository for imap_accounts (one per mail account) and imap_scan_state (the last UID read per
// folder, valid with its UIDVALIDITY). The password is never here, only its SecretStore reference.
import type { ImapAccount, ImapFields } from '../../../shared/imap-account';
import type { Db } from '../connection';

interface Row {
  profile_id: number; host: string; port: number; security: ImapAccount['security']; auth_user: string;
  secret_ref: string | null; read_only: 0 | 1; bounce_folder: string | null; sent_folder: string;
  sent_copy: ImapAccount['sentCopy']; scan_days: number; created_at: number; updated_at: number;
}

function rowToAccount(r: Row): ImapAccount {
  return {
    profileId: r.profile_id, host: r.host, port: r.port, security: r.security, authUser: r.auth_user,
    hasPassword: r.secret_ref !== null, readOnly: r.read_only === 1, bounceFolder: r.bounce_folder,
    sentFolder: r.sent_folder, sentCopy: r.sent_copy, scanDays: r.scan_days, createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export function listImapAccounts(db: Db): ImapAccount[] {
  return (db.prepare('SELECT * FROM imap_accounts ORDER BY profile_id').all() as Row[]).map(rowToAccount);
}

/**
 * Whether the mail account handed a message over since `since`. A bounced row's updated_at is when
 * its bounce was read, not when it was sent, so those rows are left out (a bounce read must not
 * keep the mailbox being read for another scanDays); the status list first matches the partial
 * index sends_recent_by_time's, so the index is used.
 */
export function sentThroughSince(db: Db, profileId: number, since: number): boolean {
  return (
    db
      .prepare(
        `SELECT 1 FROM sends s JOIN campaigns c ON c.id = s.campaign_id
         WHERE s.updated_at >= ? AND s.status IN ('sent', 'unknown', 'in_flight', 'bounced') AND s.status <> 'bounced'
           AND c.profile_id = ? LIMIT 1`,
      )
      .get(since, profileId) !== undefined
  );
}

export function getImapAccount(db: Db, profileId: number): ImapAccount | undefined {
  const r = db.prepare('SELECT * FROM imap_accounts WHERE profile_id = ?').get(profileId) as Row | undefined;
  return r && rowToAccount(r);
}

/** Inserts or replaces the stored fields (the secret reference is kept). */
export function upsertImapAccount(db: Db, profileId: number, f: ImapFields, now: number): void {
  db.prepare(
    `INSERT INTO imap_accounts (profile_id, host, port, security, auth_user, read_only, bounce_folder, sent_folder, sent_copy, scan_days, created_at, updated_at)
     VALUES (@profileId, @host, @port, @security, @authUser, @readOnly, @bounceFolder, @sentFolder, @sentCopy, @scanDays, @now, @now)
     ON CONFLICT (profile_id) DO UPDATE SET host = @host, port = @port, security = @security, auth_user = @authUser,
       read_only = @readOnly, bounce_folder = @bounceFolder, sent_folder = @sentFolder, sent_copy = @sentCopy,
       scan_days = @scanDays, updated_at = @now`,
  ).run({ ...f, profileId, readOnly: f.readOnly ? 1 : 0, now });
}

export function deleteImapAccount(db: Db, profileId: number): void {
  db.prepare('DELETE FROM imap_accounts WHERE profile_id = ?').run(profileId);
  clearScanState(db, profileId);
}

export function clearScanState(db: Db, profileId: number): void {
  db.prepare('DELETE FROM imap_scan_state WHERE profile_id = ?').run(profileId);
}

export function getImapSecretRef(db: Db, profileId: number): string | null {
  const r = db.prepare('SELECT secret_ref FROM imap_accounts WHERE profile_id = ?').get(profileId) as { secret_ref: string | null } | undefined;
  return r?.secret_ref ?? null;
}

export function setImapSecretRef(db: Db, profileId: number, ref: string | null, now: number): void {
  db.prepare('UPDATE imap_accounts SET secret_ref = ?, updated_at = ? WHERE profile_id = ?').run(ref, now, profileId);
}

export interface ScanState {
  readonly uidValidity: string;
  readonly lastUid: number;
  readonly scannedAt: number;
}

export function getScanState(db: Db, profileId: number, folder: string): ScanState | undefined {
  const r = db
    .prepare('SELECT uid_validity, last_uid, scanned_at FROM imap_scan_state WHERE profile_id = ? AND folder = ?')
    .get(profileId, folder) as { uid_validity: string; last_uid: number; scanned_at: number } | undefined;
  return r && { uidValidity: r.uid_validity, lastUid: r.last_uid, scannedAt: r.scanned_at };
}

export function setScanState(db: Db, profileId: number, folder: string, s: ScanState): void {
  db.prepare(
    `INSERT INTO imap_scan_state (profile_id, folder, uid_validity, last_uid, scanned_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (profile_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = excluded.last_uid, scanned_at = excluded.scanned_at`,
  ).run(profileId, folder, s.uidValidity, s.lastUid, s.scannedAt);
}
