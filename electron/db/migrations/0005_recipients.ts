// Migration 0005: who receives a notice (issue 11).
// - campaigns.selection_json: the notice's recipient selection (NULL = the whole list).
// - suppressions: addresses of the organisation that must never receive (asked to stop, moved,
//   deceased, permanently bounced); they survive re-imports because they are not list rows.
// - list_exclusions: members excluded from sending in the app, by reference (k:key or
//   e:address), so the exclusion survives a re-import of the same list.
// - list_shared_addresses: an address several members share on purpose (a family), after
//   which each of them gets their own message; otherwise one address with different names
//   blocks approval.
export default /* sql */ `
ALTER TABLE campaigns ADD COLUMN selection_json TEXT;

CREATE TABLE suppressions (
  address   TEXT PRIMARY KEY COLLATE NOCASE,
  reason    TEXT NOT NULL,
  note      TEXT,
  added_by  TEXT,
  added_at  INTEGER NOT NULL
);

CREATE TABLE list_exclusions (
  list_id      INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  member_ref   TEXT NOT NULL,
  reason       TEXT,
  excluded_by  TEXT,
  excluded_at  INTEGER NOT NULL,
  PRIMARY KEY (list_id, member_ref)
);

CREATE TABLE list_shared_addresses (
  list_id    INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  email      TEXT NOT NULL COLLATE NOCASE,
  marked_by  TEXT,
  marked_at  INTEGER NOT NULL,
  PRIMARY KEY (list_id, email)
);
`;
