// Repository for oauth_grants: what an OAuth2 sign-in left for a mail account (who signed in, as
// which mailbox, with which client). The refresh token itself is only referenced (secret_ref).
import type { OAuthProvider } from '../../../shared/smtp-profile';
import type { Db } from '../connection';

export interface OAuthGrant {
  readonly profileId: number;
  readonly provider: OAuthProvider;
  /** The mailbox the sign-in reported (id token), or null when the provider does not say. */
  readonly account: string | null;
  /** The client the refresh token was issued to: a refresh must use the same one. */
  readonly clientId: string;
  readonly secretRef: string;
  readonly scope: string | null;
  readonly signedInAt: number;
  readonly signedInBy: string | null;
}

const SELECT = `SELECT profile_id AS profileId, provider, account, client_id AS clientId, secret_ref AS secretRef,
  scope, signed_in_at AS signedInAt, signed_in_by AS signedInBy FROM oauth_grants`;

export function getGrant(db: Db, profileId: number): OAuthGrant | undefined {
  return db.prepare(`${SELECT} WHERE profile_id = ?`).get(profileId) as OAuthGrant | undefined;
}

export function listGrants(db: Db): OAuthGrant[] {
  return db.prepare(`${SELECT} ORDER BY profile_id`).all() as OAuthGrant[];
}

/** A new sign-in replaces the previous one of the same account. */
export function saveGrant(db: Db, g: OAuthGrant): void {
  db.prepare(
    `INSERT INTO oauth_grants (profile_id, provider, account, client_id, secret_ref, scope, signed_in_at, signed_in_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT(profile_id) DO UPDATE SET provider = excluded.provider, account = excluded.account, client_id = excluded.client_id,
       secret_ref = excluded.secret_ref, scope = excluded.scope, signed_in_at = excluded.signed_in_at, signed_in_by = excluded.signed_in_by`,
  ).run(g.profileId, g.provider, g.account, g.clientId, g.secretRef, g.scope, g.signedInAt, g.signedInBy);
}

export function deleteGrant(db: Db, profileId: number): void {
  db.prepare('DELETE FROM oauth_grants WHERE profile_id = ?').run(profileId);
}
