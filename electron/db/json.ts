// Member fields are stored as JSON text; parse them back into plain string records.
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

export function parseFields(json: string): Fields {
  const value: unknown = JSON.parse(json);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Fields = {};
  for (const [k, v] of Object.entries(value)) out[k] = fieldText(v);
  return out;
}

/**
 * What parseFields(json)[name] holds as an own property (undefined when it has none), read from
 * the JSON.parse result without copying every field: for checking a few fields of many rows.
 */
export function parsedFieldValue(parsed: unknown, name: string): string | undefined {
  // parseFields keeps no "__proto__" (assigning it sets a prototype instead) and reads only objects.
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || name === '__proto__') return undefined;
  if (!Object.prototype.hasOwnProperty.call(parsed, name)) return undefined;
  return fieldText((parsed as Record<string, unknown>)[name]);
}
