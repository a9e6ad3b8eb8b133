// Member fields as the database stores them (migration 0017, electron/db/fields.ts): the layout's
// id, then the values in its order, the layout registered. For fixtures that write member rows
// with SQL; a value that is not a string (hand-edited data) is kept as it is.
import type { Db } from '../../electron/db/connection';
import { fieldsEncoder, type Fields } from '../../electron/db/fields';

export function storedFields(db: Db, fields: Record<string, unknown>): string {
  // JSON.stringify keeps a value that is not a string as it is: Fields only types what Tayori writes.
  return fieldsEncoder(db)(fields as Fields);
}

/** A fields text written as a keyed JSON object, as stored; any other JSON text is returned as it is. */
export function storedFieldsText(db: Db, keyedJson: string): string {
  const v: unknown = JSON.parse(keyedJson);
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? storedFields(db, v as Record<string, unknown>) : keyedJson;
}
