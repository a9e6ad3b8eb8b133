// Migration 0012: OAuth2 (XOAUTH2) sign-in for mail accounts (issue 12). Microsoft 365 and Google
// no longer take a password for SMTP: an account may log in with a token from a sign-in instead.
// auth_method/oauth_provider belong to the account (edited with it, two PINs after set-up); the
// grant is what a sign-in produced: the account that signed in, when and by whom, and where its
// refresh token is kept in the secret store (never in this file). A grant goes with its account.
export default /* sql */ `
ALTER TABLE smtp_profiles ADD COLUMN auth_method TEXT NOT NULL DEFAULT 'password' CHECK (auth_method IN ('password', 'oauth2'));
ALTER TABLE smtp_profiles ADD COLUMN oauth_provider TEXT CHECK (oauth_provider IN ('microsoft', 'google', 'custom'));

CREATE TABLE oauth_grants (
  profile_id    INTEGER PRIMARY KEY REFERENCES smtp_profiles(id) ON DELETE CASCADE,
  provider      TEXT NOT NULL CHECK (provider IN ('microsoft', 'google', 'custom')),
  account       TEXT,
  client_id     TEXT NOT NULL,
  secret_ref    TEXT NOT NULL,
  scope         TEXT,
  signed_in_at  INTEGER NOT NULL,
  signed_in_by  TEXT
);
`;
