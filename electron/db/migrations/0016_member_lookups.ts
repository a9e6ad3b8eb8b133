// Migration 0016 (issue 15, import with addresses in random order): the members' address and key
// lookups move out of members' own indexes into two tables of their own.
//
// An index on members(list_id, email) is written row by row as the rows go in, and a list sorted
// by name or district has its addresses in random order: each insert lands at a random place in
// the tree, and each step's commit rewrote nearly every page of it. Measured at 1M rows (one
// thread's CPU): members with both indexes 15.9 s in random order, 4.6 s in file order; without
// them 2.8 s and 2.5 s. In tables of their own the entries of a new list can be written in one
// sorted pass after its rows (import: pending-lookups.ts), each page once, which an index cannot.
//
// - member_emails / member_keys: one row per member (per member with a key), keyed so that a
//   list's members with one address (key) are found in id order, as members_by_email found them.
// - Every other writer is covered by triggers: an insert into a list that is not pending, an
//   update that changes the list, the id, the address or the key, and every delete (a list's
//   delete cascades to its members, and the cascade fires these triggers too).
// - A pending list's rows (a new list's import) get no entries from the trigger: the import
//   writes them sorted before it publishes the list, and checks their count there.
export default /* sql */ `
CREATE TABLE member_emails (
  list_id   INTEGER NOT NULL,
  email     TEXT NOT NULL,
  member_id INTEGER NOT NULL,
  PRIMARY KEY (list_id, email, member_id)
) WITHOUT ROWID;

CREATE TABLE member_keys (
  list_id    INTEGER NOT NULL,
  member_key TEXT NOT NULL,
  member_id  INTEGER NOT NULL,
  PRIMARY KEY (list_id, member_key, member_id)
) WITHOUT ROWID;

INSERT INTO member_emails (list_id, email, member_id) SELECT list_id, email, id FROM members ORDER BY list_id, email, id;
INSERT INTO member_keys (list_id, member_key, member_id)
  SELECT list_id, member_key, id FROM members WHERE member_key IS NOT NULL ORDER BY list_id, member_key, id;

DROP INDEX members_by_email;
DROP INDEX members_by_key;

CREATE TRIGGER members_insert_lookups AFTER INSERT ON members
WHEN (SELECT pending FROM lists WHERE id = NEW.list_id) IS NOT 1
BEGIN
  INSERT INTO member_emails (list_id, email, member_id) VALUES (NEW.list_id, NEW.email, NEW.id);
  INSERT INTO member_keys (list_id, member_key, member_id) SELECT NEW.list_id, NEW.member_key, NEW.id WHERE NEW.member_key IS NOT NULL;
END;

CREATE TRIGGER members_update_lookups AFTER UPDATE OF id, list_id, email, member_key ON members
WHEN OLD.id IS NOT NEW.id OR OLD.list_id IS NOT NEW.list_id OR OLD.email IS NOT NEW.email OR OLD.member_key IS NOT NEW.member_key
BEGIN
  DELETE FROM member_emails WHERE list_id = OLD.list_id AND email = OLD.email AND member_id = OLD.id;
  DELETE FROM member_keys WHERE list_id = OLD.list_id AND member_key = OLD.member_key AND member_id = OLD.id;
  -- As on insert, a pending list's entries are its import's to write (nothing updates one today).
  INSERT INTO member_emails (list_id, email, member_id)
    SELECT NEW.list_id, NEW.email, NEW.id WHERE (SELECT pending FROM lists WHERE id = NEW.list_id) IS NOT 1;
  INSERT INTO member_keys (list_id, member_key, member_id)
    SELECT NEW.list_id, NEW.member_key, NEW.id WHERE NEW.member_key IS NOT NULL AND (SELECT pending FROM lists WHERE id = NEW.list_id) IS NOT 1;
END;

CREATE TRIGGER members_delete_lookups AFTER DELETE ON members
BEGIN
  DELETE FROM member_emails WHERE list_id = OLD.list_id AND email = OLD.email AND member_id = OLD.id;
  DELETE FROM member_keys WHERE list_id = OLD.list_id AND member_key = OLD.member_key AND member_id = OLD.id;
END;
`;
