// Migration 0011 (issue 13): bounces read back over IMAP, and a copy in the Sent folder.
// - imap_accounts: an optional IMAP account per mail account (the password in the SecretStore,
//   like SMTP's); read-only unless the user turns moving on; where the Sent copy goes and how.
// - imap_scan_state: the last UID read per account and folder, valid only with its UIDVALIDITY.
// - bounces: one row per bounce report matched to a send by the original Message-ID (and the
//   recipient); hard ones mark the send 'bounced' (不達), soft ones are recorded and counted.
// - sends is rebuilt only to widen its status CHECK with 'bounced' (SQLite cannot alter a CHECK);
//   nothing references sends, so the copy, drop and rename keep every row and id. The drop takes
//   0009's sends_recent_by_time with it: it is made again, counting bounced sends (they were sent).
export default /* sql */ `
CREATE TABLE sends_new (
  id              INTEGER PRIMARY KEY,
  campaign_id     INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  snapshot_id     INTEGER NOT NULL REFERENCES snapshots(id) ON DELETE CASCADE,
  status          TEXT NOT NULL CHECK (status IN
                    ('queued', 'in_flight', 'sent', 'retrying', 'failed', 'cancelled', 'unknown', 'bounced')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  smtp_response   TEXT,
  message_id      TEXT,
  next_attempt_at INTEGER,
  started_at      INTEGER,
  finished_at     INTEGER,
  updated_at      INTEGER NOT NULL,
  UNIQUE (campaign_id, snapshot_id)
);
INSERT INTO sends_new SELECT id, campaign_id, snapshot_id, status, attempts, smtp_response, message_id,
  next_attempt_at, started_at, finished_at, updated_at FROM sends;
DROP TABLE sends;
ALTER TABLE sends_new RENAME TO sends;
CREATE INDEX sends_by_status ON sends(campaign_id, status);
CREATE INDEX sends_by_message_id ON sends(message_id);
CREATE INDEX sends_recent_by_time ON sends(updated_at) WHERE status IN ('sent', 'unknown', 'in_flight', 'bounced');

CREATE TABLE imap_accounts (
  profile_id      INTEGER PRIMARY KEY REFERENCES smtp_profiles(id) ON DELETE CASCADE,
  host            TEXT NOT NULL,
  port            INTEGER NOT NULL,
  security        TEXT NOT NULL CHECK (security IN ('tls', 'starttls', 'none')),
  auth_user       TEXT NOT NULL,
  secret_ref      TEXT,
  read_only       INTEGER NOT NULL DEFAULT 1 CHECK (read_only IN (0, 1)),
  bounce_folder   TEXT,
  sent_folder     TEXT NOT NULL DEFAULT 'Sent',
  sent_copy       TEXT NOT NULL DEFAULT 'summary' CHECK (sent_copy IN ('summary', 'every', 'off')),
  scan_days       INTEGER NOT NULL DEFAULT 7,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL,
  CHECK (read_only = 1 OR bounce_folder IS NOT NULL)
);

CREATE TABLE imap_scan_state (
  profile_id   INTEGER NOT NULL REFERENCES smtp_profiles(id) ON DELETE CASCADE,
  folder       TEXT NOT NULL,
  uid_validity TEXT NOT NULL,
  last_uid     INTEGER NOT NULL,
  scanned_at   INTEGER NOT NULL,
  PRIMARY KEY (profile_id, folder)
) WITHOUT ROWID;

CREATE TABLE bounces (
  id                  INTEGER PRIMARY KEY,
  campaign_id         INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
  send_id             INTEGER NOT NULL,
  kind                TEXT NOT NULL CHECK (kind IN ('hard', 'soft')),
  status_code         TEXT,
  diagnostic          TEXT,
  reported_by         TEXT,
  received_at         INTEGER NOT NULL,
  report_message_id   TEXT NOT NULL,
  recorded_at         INTEGER NOT NULL,
  UNIQUE (report_message_id, send_id)
);
CREATE INDEX bounces_by_campaign ON bounces(campaign_id, kind);
`;
