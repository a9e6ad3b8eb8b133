// The id of a field layout written by Tayori (migration 0017): the first 12 hex digits of the
// SHA-256 of its column names as JSON. The same names always give the same id, so the import's
// parser thread writes it into every row without asking the database, and a list imported again
// with the same columns stores the same fields text. Two layouts with one id are refused where a
// layout is registered (fields.ts), so a collision can fail an import but never mislabel a row.
import { createHash } from 'node:crypto';

// Ids of the layouts seen last: records of many rows share a few layouts, and a hash per row
// would cost more than encoding it. Cleared when it grows, so hostile input cannot grow it.
const recent = new Map<string, string>();

export function layoutIdOf(columns: readonly string[]): string {
  const json = JSON.stringify(columns);
  let id = recent.get(json);
  if (id === undefined) {
    if (recent.size >= 64) recent.clear();
    recent.set(json, (id = createHash('sha256').update(json).digest('hex').slice(0, 12)));
  }
  return id;
}
