// A recipient's stored fields JSON as the check input's record of the fields the rules read
// (shared/guards/read-fields.ts): each value exactly as parseFields would hold it, the other
// columns left out. Every row is still parsed, so a damaged row fails the check as before; only
// the copy of every column into a record kept for the whole report is saved.
import type { Db } from '../../db/connection';
import { fieldValueReader } from '../../db/fields';

export function fieldPicker(db: Db, names: readonly string[]): (json: string) => Record<string, string> {
  const parsedFieldValue = fieldValueReader(db);
  return (json) => {
    const parsed: unknown = JSON.parse(json);
    const out: Record<string, string> = {};
    for (const name of names) {
      const v = parsedFieldValue(parsed, name);
      if (v !== undefined) out[name] = v;
    }
    return out;
  };
}
