// Migration 0017 (issue 15, import as fast as SQLite can insert): a member's fields are stored as
// a JSON array, their layout's id and then each column's value in the layout's order, and the
// column names once per layout, not in every row. The names were about a quarter of a member row's
// bytes (some 100 of 370 in the benchmark's list), and writing them cost the import's database
// thread about 0.3 s per 1M rows, as much as the rest of its lead over SQLite's own insert rate.
//
// - field_layouts: a layout's id and its column names (a JSON array of text). An import's id is
//   the start of the SHA-256 of its names (electron/db/fields.ts), so a list imported again with
//   the same columns writes the same fields text as before, and a frozen row still compares equal
//   to its member. A layout never changes and is never deleted (the triggers below): an id read in
//   a stored row, a frozen snapshot row or an approval's digest always names the same columns.
// - field_layout_paths: the JSON path of each name in a layout, for SQL that reads a field by
//   name (a segment's conditions, the presence check of the approval request). A name that occurs
//   twice (only in old hand-edited data) maps to its last value, as JSON.parse reads a key twice.
// - Members and the undo copies of earlier imports are rewritten here, a layout per distinct list
//   of names, with the id an import of those columns gets (so a re-import of the same file after
//   the update still writes the same text, and an approval given meanwhile holds). Frozen
//   snapshot rows are not: what was approved stays byte for byte what its digest hashed, and the
//   readers take either form (fields.ts).
// - The search index's edit trigger is held off while the members are rewritten: their values do
//   not change, so nothing needs indexing again.

/** Rewrites a table's keyed fields as arrays after their layout's id (temp.m0017_layouts). */
const rewrite = (table: string): string => /* sql */ `
UPDATE ${table} SET fields_json = (
  SELECT json_group_array(v ORDER BY k) FROM (
    SELECT -1 AS k, l.id AS v FROM temp.m0017_layouts l
      WHERE l.names = (SELECT json_group_array(key ORDER BY id) FROM json_each(${table}.fields_json))
    UNION ALL SELECT id, CASE type WHEN 'true' THEN 'true' WHEN 'false' THEN 'false' ELSE value END FROM json_each(${table}.fields_json)))
WHERE json_valid(fields_json) AND json_type(fields_json) = 'object';`;

export default /* sql */ `
CREATE TABLE field_layouts (
  id           TEXT PRIMARY KEY,
  columns_json TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE field_layout_paths (
  layout_id TEXT NOT NULL,
  name      TEXT NOT NULL,
  path      TEXT NOT NULL,
  PRIMARY KEY (layout_id, name)
) WITHOUT ROWID;

CREATE TRIGGER field_layouts_paths AFTER INSERT ON field_layouts
BEGIN
  INSERT OR REPLACE INTO field_layout_paths (layout_id, name, path)
    SELECT NEW.id, value, '$[' || (key + 1) || ']' FROM json_each(NEW.columns_json) ORDER BY key;
END;
CREATE TRIGGER field_layouts_never_change BEFORE UPDATE ON field_layouts
BEGIN SELECT RAISE(ABORT, 'a field layout never changes'); END;
CREATE TRIGGER field_layouts_never_go BEFORE DELETE ON field_layouts
BEGIN SELECT RAISE(ABORT, 'a field layout is never deleted'); END;

-- Arrays from before (hand-edited: Tayori never wrote one) read as no fields; so they stay.
UPDATE members SET fields_json = '[]' WHERE json_valid(fields_json) AND json_type(fields_json) = 'array';
UPDATE import_undo_members SET fields_json = '[]' WHERE json_valid(fields_json) AND json_type(fields_json) = 'array';

-- Each distinct list of names once, with the id Tayori gives it (tayori_layout_id, migrate.ts):
-- the one a re-import of the same columns writes. Should two lists share an id (a collision),
-- the later gets 'm' and its number, which no hash id can be.
CREATE TEMP TABLE m0017_names (names TEXT PRIMARY KEY);
INSERT OR IGNORE INTO temp.m0017_names (names)
  SELECT (SELECT json_group_array(key ORDER BY id) FROM json_each(t.fields_json))
  FROM (SELECT fields_json FROM members UNION ALL SELECT fields_json FROM import_undo_members) t
  WHERE json_valid(t.fields_json) AND json_type(t.fields_json) = 'object';
CREATE TEMP TABLE m0017_layouts (names TEXT PRIMARY KEY, id TEXT NOT NULL, columns_json TEXT NOT NULL);
INSERT INTO temp.m0017_layouts (names, id, columns_json)
  SELECT names, CASE WHEN row_number() OVER (PARTITION BY tayori_layout_id(names) ORDER BY rowid) = 1
                     THEN tayori_layout_id(names) ELSE 'm' || rowid END,
         tayori_layout_json(names)
  FROM temp.m0017_names;
INSERT INTO field_layouts (id, columns_json) SELECT id, columns_json FROM temp.m0017_layouts;

DROP TRIGGER members_edit_marks_search;
-- A value reads as it did: true and false as that text (json_each gives 1 and 0), an object or
-- array as its JSON text (what parseFields made of it).
${rewrite('members')}
${rewrite('import_undo_members')}
DROP TABLE temp.m0017_layouts;
DROP TABLE temp.m0017_names;

CREATE TRIGGER members_edit_marks_search AFTER UPDATE OF email, name, fields_json ON members
WHEN OLD.id <= (SELECT upto FROM member_search_lists WHERE list_id = OLD.list_id AND valid = 1)
BEGIN INSERT OR IGNORE INTO member_search_dirty (list_id, member_id) VALUES (OLD.list_id, OLD.id); END;
`;
