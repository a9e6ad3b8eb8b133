// Which fields a row lacks for a template, for many rows at once (the approval request checks
// every frozen row). Whether a row renders depends only on which of the template's fields are
// present in it (render.ts reads a field only through valueOf: placeholders, defaults and
// {{#if}} all branch on presence alone), so the answer is computed by a real render once per
// distinct set of present fields and reused for every row with the same set.
import { valueOf } from './render';
import type { CompiledTemplate } from './types';

type Row = Readonly<Record<string, string>>;

/** Returns, for a row, the names of the fields it lacks in order of use, or null when it renders. */
export function missingFieldsOf(compiled: CompiledTemplate): (row: Row) => readonly string[] | null {
  const fields = compiled.fields;
  const known = new Map<string, readonly string[] | null>();
  return (row) => {
    let key = '';
    for (const f of fields) key += valueOf(row, f) === undefined ? '0' : '1';
    let missing = known.get(key);
    if (missing === undefined) {
      const r = compiled.render(row);
      missing = r.ok ? null : r.missing;
      known.set(key, missing);
    }
    return missing;
  };
}
