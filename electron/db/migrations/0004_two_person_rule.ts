// Migration 0004: the two-person rule beyond sending (issue 9).
// - users.removed_at: a removed user keeps their row (approvals and the audit log point at it)
//   but can no longer enter a PIN or be listed.
// - test_addresses: the only addresses a test send may go to, registered by two people.
// - audit: REPLACE INTO deletes the old row without firing the DELETE trigger (SQLite's
//   recursive_triggers is off by default), so an INSERT that would land on an existing id is
//   refused before the conflict is resolved.
export default /* sql */ `
ALTER TABLE users ADD COLUMN removed_at INTEGER;

CREATE TABLE test_addresses (
  address   TEXT PRIMARY KEY COLLATE NOCASE,
  added_by  TEXT,
  added_at  INTEGER NOT NULL
);

CREATE TRIGGER audit_no_replace BEFORE INSERT ON audit
WHEN NEW.id IS NOT NULL AND EXISTS (SELECT 1 FROM audit WHERE id = NEW.id)
BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;
`;
