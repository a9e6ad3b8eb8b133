// Migration 0006: a re-import can be undone, and a member edited in Tayori says so (issue 11).
// - import_undo / import_undo_members: when an import replaces a list's members, the members it
//   replaced (every column, their ids too, so earlier notices' snapshots still point at them)
//   and the list's column mapping, kept for that list's latest import only. "Undo last import"
//   puts them back exactly and drops the copy.
// - imports.undone_at / undone_by: an undone import stays in the history (and in the audit
//   log) but is no longer the list's previous import for the next diff.
// - members.edited_at / edited_by: the member's row was changed in Tayori after its import; a
//   re-import (the file is the source again) or an undo sets them as the restored row had them.
export default /* sql */ `
ALTER TABLE imports ADD COLUMN undone_at INTEGER;
ALTER TABLE imports ADD COLUMN undone_by TEXT;

ALTER TABLE members ADD COLUMN edited_at INTEGER;
ALTER TABLE members ADD COLUMN edited_by TEXT;

CREATE TABLE import_undo (
  import_id           INTEGER PRIMARY KEY REFERENCES imports(id) ON DELETE CASCADE,
  list_id             INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  previous_import_id  INTEGER,
  mapping_json        TEXT NOT NULL
);
CREATE INDEX import_undo_by_list ON import_undo(list_id);

CREATE TABLE import_undo_members (
  import_id          INTEGER NOT NULL REFERENCES import_undo(import_id) ON DELETE CASCADE,
  member_id          INTEGER NOT NULL,
  line               INTEGER NOT NULL,
  email              TEXT NOT NULL,
  name               TEXT NOT NULL,
  member_key         TEXT,
  fields_json        TEXT NOT NULL,
  change             TEXT,
  first_seen_import  INTEGER,
  last_seen_import   INTEGER,
  edited_at          INTEGER,
  edited_by          TEXT,
  PRIMARY KEY (import_id, member_id)
) WITHOUT ROWID;
`;
