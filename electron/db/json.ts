// Member fields are stored as JSON text; parse them back into plain string records.
export type Fields = Record<string, string>;

export function parseFields(json: string): Fields {
  const value: unknown = JSON.parse(json);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return {};
  const out: Fields = {};
  for (const [k, v] of Object.entries(value)) out[k] = typeof v === 'string' ? v : String(v ?? '');
  return out;
}
