// Migration 0013 (issue 15, member search at 1M): the bookkeeping of the member search index.
// The index itself is one FTS5 table per list (member_search_fts_<list id>, made and dropped at
// run time by member-search-index-repo.ts), filled off the import's path in small steps.
// - member_search_lists: how far a list's index reaches. Every member of the list with
//   id <= upto was indexed; rows above it are searched by a scan. valid = 0 voids the index.
// - member_search_dirty: members edited after they were indexed (searched by a scan until the
//   indexer writes them again).
// - member_search_terms: the index's terms, so a one-character query can name every term that
//   starts with its character.
// No trigger fires on INSERT into members: a per-row trigger would slow the import (measured
// 0.2-0.4 us a row). Inserts are covered without one: a row inserted with a new id lands above
// upto unless the list's row at upto was deleted first (which voids the index below), and the
// only writer that inserts chosen ids (undo) deletes the list's members in the same transaction.
export default /* sql */ `
CREATE TABLE member_search_lists (
  list_id INTEGER PRIMARY KEY REFERENCES lists(id) ON DELETE CASCADE,
  upto    INTEGER NOT NULL DEFAULT 0,
  valid   INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE member_search_dirty (
  list_id   INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  member_id INTEGER NOT NULL,
  PRIMARY KEY (list_id, member_id)
) WITHOUT ROWID;

CREATE TABLE member_search_terms (
  list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  term    TEXT NOT NULL,
  PRIMARY KEY (list_id, term)
) WITHOUT ROWID;

-- A deleted indexed member voids the list's index: its id could be taken again by a later insert.
CREATE TRIGGER members_delete_voids_search AFTER DELETE ON members
WHEN OLD.id <= (SELECT upto FROM member_search_lists WHERE list_id = OLD.list_id AND valid = 1)
BEGIN UPDATE member_search_lists SET valid = 0 WHERE list_id = OLD.list_id; END;

-- A member moved to another list or id voids both lists' indexes.
CREATE TRIGGER members_move_voids_search AFTER UPDATE OF id, list_id ON members
WHEN OLD.id IS NOT NEW.id OR OLD.list_id IS NOT NEW.list_id
BEGIN UPDATE member_search_lists SET valid = 0 WHERE list_id IN (OLD.list_id, NEW.list_id); END;

-- An edited indexed member is searched by a scan until the indexer has written it again.
CREATE TRIGGER members_edit_marks_search AFTER UPDATE OF email, name, fields_json ON members
WHEN OLD.id <= (SELECT upto FROM member_search_lists WHERE list_id = OLD.list_id AND valid = 1)
BEGIN INSERT OR IGNORE INTO member_search_dirty (list_id, member_id) VALUES (OLD.list_id, OLD.id); END;
`;
