// Migration 0001: the core tables of DESIGN.md's data section.
// Migrations are TypeScript modules holding SQL text (not .sql files) so that the bundled
// Electron main, the browser host and the tests load them the same way, with no file paths.
export default /* sql */ `
CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL UNIQUE,
  pin_hash        TEXT NOT NULL,
  pin_salt        TEXT NOT NULL,
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    INTEGER,
  created_at      INTEGER NOT NULL
);

CREATE TABLE lists (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL,
  columns_json TEXT NOT NULL DEFAULT '[]',
  email_column TEXT,
  name_column  TEXT,
  key_column   TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);

CREATE TABLE imports (
  id             INTEGER PRIMARY KEY,
  list_id        INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  file_name      TEXT NOT NULL,
  sha256         TEXT NOT NULL,
  encoding       TEXT NOT NULL,
  delimiter      TEXT NOT NULL,
  total_rows     INTEGER NOT NULL,
  accepted_rows  INTEGER NOT NULL,
  rejected_rows  INTEGER NOT NULL,
  report_json    TEXT NOT NULL,
  imported_by    INTEGER REFERENCES users(id),
  created_at     INTEGER NOT NULL
);
CREATE INDEX imports_by_list ON imports(list_id, id);

-- One row per accepted CSV row of the list's current import. change says how the row
-- differs from the previous import ('new', 'email-changed', 'name-changed' or NULL), so the
-- guards can flag mis-registered or shifted addresses without re-reading old imports.
CREATE TABLE members (
  id                INTEGER PRIMARY KEY,
  list_id           INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  line              INTEGER NOT NULL,
  email             TEXT NOT NULL,
  name              TEXT NOT NULL DEFAULT '',
  member_key        TEXT,
  fields_json       TEXT NOT NULL,
  change            TEXT,
  first_seen_import INTEGER REFERENCES imports(id),
  last_seen_import  INTEGER REFERENCES imports(id)
);
CREATE INDEX members_by_list ON members(list_id, id);
CREATE INDEX members_by_email ON members(list_id, email);
CREATE INDEX members_by_key ON members(list_id, member_key);

CREATE TABLE smtp_profiles (
  id              INTEGER PRIMARY KEY,
  name            TEXT NOT NULL,
  host            TEXT NOT NULL,
  port            INTEGER NOT NULL,
  security        TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'none')),
  auth_user       TEXT,
  secret_ref      TEXT,
  from_address    TEXT NOT NULL,
  from_name       TEXT NOT NULL DEFAULT '',
  per_minute      INTEGER,
  per_hour        INTEGER,
  max_connections INTEGER NOT NULL DEFAULT 2,
  practice        INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);

CREATE TABLE campaigns (
  id               INTEGER PRIMARY KEY,
  list_id          INTEGER NOT NULL REFERENCES lists(id),
  profile_id       INTEGER REFERENCES smtp_profiles(id),
  name             TEXT NOT NULL,
  subject_template TEXT NOT NULL DEFAULT '',
  body_template    TEXT NOT NULL DEFAULT '',
  status           TEXT NOT NULL DEFAULT 'draft',
  digest           TEXT,
  follow_up_of     INTEGER REFERENCES campaigns(id),
  cancel_window_s  INTEGER NOT NULL DEFAULT 300,
  scheduled_at     INTEGER,
  created_by       INTEGER REFERENCES users(id),
  requested_by     INTEGER REFERENCES users(id),
  created_at       INTEGER NOT NULL,
  updated_at       INTEGER NOT NULL
);

CREATE TABLE attachments (
  id          INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  bytes       INTEGER NOT NULL,
  content     BLOB NOT NULL,
  created_at  INTEGER NOT NULL
);

-- The frozen recipient rows a campaign sends to: copies, not references, so that a later
-- re-import cannot change what was approved.
CREATE TABLE snapshots (
  id          INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  position    INTEGER NOT NULL,
  member_id   INTEGER,
  email       TEXT NOT NULL,
  name        TEXT NOT NULL DEFAULT '',
  fields_json TEXT NOT NULL,
  UNIQUE (campaign_id, position)
);

CREATE TABLE approvals (
  id           INTEGER PRIMARY KEY,
  campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  requested_by INTEGER NOT NULL REFERENCES users(id),
  approver_id  INTEGER NOT NULL REFERENCES users(id),
  digest       TEXT NOT NULL,
  approved_at  INTEGER NOT NULL,
  voided_at    INTEGER,
  void_reason  TEXT,
  CHECK (approver_id <> requested_by)
);

CREATE TABLE sends (
  id              INTEGER PRIMARY KEY,
  campaign_id     INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  snapshot_id     INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK (status IN
                    ('queued', 'in_flight', 'sent', 'retrying', 'failed', 'cancelled', 'unknown')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  smtp_response   TEXT,
  message_id      TEXT,
  next_attempt_at INTEGER,
  started_at      INTEGER,
  finished_at     INTEGER,
  updated_at      INTEGER NOT NULL,
  UNIQUE (campaign_id, snapshot_id)
);
CREATE INDEX sends_by_status ON sends(campaign_id, status);

-- Append-only record (promise 7): the triggers refuse any UPDATE or DELETE.
CREATE TABLE audit (
  id           INTEGER PRIMARY KEY,
  at           INTEGER NOT NULL,
  actor        TEXT,
  action       TEXT NOT NULL,
  list_id      INTEGER,
  campaign_id  INTEGER,
  details_json TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_by_campaign ON audit(campaign_id, id);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;
