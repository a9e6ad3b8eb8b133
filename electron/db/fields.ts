// A member's fields as stored (migration 0017): a JSON array, the id of the row's field layout and
// then each column's value in the layout's order, ["3f2a9c1b7e0d","山田 太郎","taro@example.jp"],
// the layout's column names stored once in field_layouts. Frozen snapshot rows from before the
// migration keep the earlier form, a JSON object keyed by column name: both are read here, and
// nothing else parses the fields text.
import { AppError } from '../../shared/errors';
import type { Db } from './connection';
import { layoutIdOf } from './field-layout-id';

export type Fields = Record<string, string>;

/**
 * A stored value as text. Tayori only ever stores strings; anything else (a hand-edited or old
 * database) is shown, not thrown on: an object as its JSON, since String() calls a "toString"
 * key the object itself may hold ({"toString": ""} made String() throw).
 */
function fieldText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

interface Layout {
  readonly columns: readonly string[];
  /** Each name's position in a row's array (after the id); a name twice maps to its last, as a JSON key twice does. */
  readonly at: ReadonlyMap<string, number>;
}

// A layout never changes once stored (migration 0017's triggers), so each connection keeps what it read.
const layoutsByDb = new WeakMap<Db, Map<string, Layout>>();

function layoutOf(columns: readonly string[]): Layout {
  const at = new Map<string, number>();
  columns.forEach((c, i) => at.set(c, i + 1));
  return { columns, at };
}

function cachedLayouts(db: Db): Map<string, Layout> {
  let m = layoutsByDb.get(db);
  if (!m) layoutsByDb.set(db, (m = new Map()));
  return m;
}

/**
 * The layout a row's array names, or null when its first element names none stored: damaged data
 * (only a hand-edited file has it), read as a row with no fields, as any other JSON text that is
 * not an object always was; a notice needing a field then refuses the row as lacking it.
 */
function readLayout(db: Db, id: unknown): Layout | null {
  if (typeof id !== 'string') return null;
  const cache = cachedLayouts(db);
  let l = cache.get(id);
  if (!l) {
    const json = db.prepare('SELECT columns_json FROM field_layouts WHERE id = ?').pluck().get(id);
    if (typeof json !== 'string') return null;
    cache.set(id, (l = layoutOf(JSON.parse(json) as string[])));
  }
  return l;
}

/**
 * Stores a layout of these column names (if it is not stored yet) and returns its id. Throws if
 * another layout already has the id (a hash collision): a row would otherwise read the wrong names.
 * Always asks the database, never the cache: a layout stored by a transaction that was rolled
 * back (an import's preview) is gone again.
 */
export function registerLayout(db: Db, columns: readonly string[]): string {
  const id = layoutIdOf(columns);
  const json = JSON.stringify(columns);
  db.prepare('INSERT INTO field_layouts (id, columns_json) VALUES (?, ?) ON CONFLICT (id) DO NOTHING').run(id, json);
  if (db.prepare('SELECT columns_json FROM field_layouts WHERE id = ?').pluck().get(id) !== json) {
    throw new AppError('internal', 'Two different sets of column names have the same layout id; the rows were not saved.', { id });
  }
  // What this connection reads for the id from now on. A layout it read inside a transaction that
  // was rolled back (a refused request) is gone from the file, and a colliding one may be stored in
  // its place: only this connection stores layouts (the app's, on the main thread).
  cachedLayouts(db).set(id, layoutOf(columns));
  return id;
}

/** The fields text of a record whose layout (of `columns`, its keys in order) has this id. */
const textOf = (id: string, columns: readonly string[], fields: Fields): string => JSON.stringify([id, ...columns.map((c) => fields[c])]);

/**
 * The fields text a record is stored as, without storing its layout: the same text every time
 * (the layout's id is a hash of its names), for a digest of rows before they are stored.
 */
export function fieldsTextOf(fields: Fields): string {
  const columns = Object.keys(fields);
  return textOf(layoutIdOf(columns), columns, fields);
}


/**
 * Encodes records as the fields text they are stored as (fieldsTextOf), each layout stored once
 * per encoder: use one for the rows of one transaction.
 */
export function fieldsEncoder(db: Db): (fields: Fields) => string {
  const stored = new Map<string, string>();
  return (fields) => {
    const columns = Object.keys(fields);
    const key = JSON.stringify(columns);
    let id = stored.get(key);
    if (id === undefined) stored.set(key, (id = registerLayout(db, columns)));
    return textOf(id, columns, fields);
  };
}

/** A stored fields text as a record of text values. */
export function parseFields(db: Db, json: string): Fields {
  return fieldsOfParsed(db, JSON.parse(json));
}

function fieldsOfParsed(db: Db, value: unknown): Fields {
  if (value === null || typeof value !== 'object') return {};
  const out: Fields = {};
  if (Array.isArray(value)) {
    // Assigned in order, so a name twice keeps its last value (as the layout's paths do).
    readLayout(db, value[0])?.columns.forEach((c, i) => {
      if (i + 1 < value.length) out[c] = fieldText(value[i + 1]);
    });
    return out;
  }
  for (const [k, v] of Object.entries(value)) out[k] = fieldText(v);
  return out;
}

/**
 * The fields text in the keyed form stored before migration 0017, {"name":"value",...} in the
 * layout's order as the import's writer wrote it (JSON.stringify of each name and value): the text
 * an approval signed with digest version 3 hashed. Text already keyed (or damaged) is returned as it is.
 */
export function keyedFieldsText(db: Db, json: string): string {
  const value: unknown = JSON.parse(json);
  if (!Array.isArray(value)) return json;
  const layout = readLayout(db, value[0]);
  if (layout === null) return json;
  const parts: string[] = [];
  layout.columns.forEach((c, i) => {
    if (i + 1 < value.length) parts.push(`${JSON.stringify(c)}:${JSON.stringify(value[i + 1])}`);
  });
  return `{${parts.join(',')}}`;
}

/**
 * A reader of one field from a JSON.parse result of stored fields text, as parseFields(json)[name]
 * holds it (undefined when it holds none), without copying every field: for checking a few fields
 * of many rows.
 */
export type FieldValueOf = (parsed: unknown, name: string) => string | undefined;

export function fieldValueReader(db: Db): FieldValueOf {
  return (parsed, name) => {
    // parseFields reads only objects and arrays that name a stored layout, and keeps no
    // "__proto__" (assigning it sets a prototype instead).
    if (parsed === null || typeof parsed !== 'object') return undefined;
    if (Array.isArray(parsed)) {
      const i = readLayout(db, parsed[0])?.at.get(name);
      return i === undefined || i >= parsed.length || name === '__proto__' ? undefined : fieldText(parsed[i]);
    }
    if (name === '__proto__' || !Object.prototype.hasOwnProperty.call(parsed, name)) return undefined;
    return fieldText((parsed as Record<string, unknown>)[name]);
  };
}

/**
 * The field values of a stored fields text written as Tayori writes it (a canonical array of
 * strings after the layout's id), or null for any other text, whose values fieldValuesSql reads.
 */
export function plainFieldValues(json: string): string[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch {
    return null;
  }
  const plain = Array.isArray(parsed) && parsed.every((v) => typeof v === 'string') && JSON.stringify(parsed) === json;
  return plain ? (parsed as string[]).slice(1) : null;
}

/**
 * SQL for a table of the values (column `value`) of the fields text of `fieldsSql`, as json_each
 * gives them: less an array's first element, the layout's id, which is not a value (an old
 * object's keys are text, never 0).
 */
export const fieldValuesSql = (fieldsSql: string): string => `(SELECT value FROM json_each(${fieldsSql}) WHERE key IS NOT 0)`;

/**
 * SQL for the text of the field named by the next parameter in the fields text of `fieldsSql`,
 * NULL when its layout has no such name: one probe of field_layout_paths per row.
 */
export const fieldByNameSql = (fieldsSql: string): string =>
  `json_extract(${fieldsSql}, (SELECT p.path FROM field_layout_paths p WHERE p.layout_id = ${fieldsSql} ->> 0 AND p.name = ?))`;
