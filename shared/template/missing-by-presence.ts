// Which fields a row lacks for a template, for many rows at once (the approval request checks
// every frozen row). Whether a row renders depends only on which of the template's fields are
// present in it (render.ts reads a field only through valueOf: placeholders, defaults and
// {{#if}} all branch on presence alone), so the answer is computed by a real render once per
// distinct set of present fields and reused for every row with the same set. The caller says how
// to read a field from its rows, so rows need not be copied into records first.
import { presentValue } from './text';
import type { CompiledTemplate } from './types';

type Row = Readonly<Record<string, string>>;

/** A field of a plain record as rendering reads it: own properties only. */
const ownField = (row: Row, name: string): string | undefined => (Object.prototype.hasOwnProperty.call(row, name) ? row[name] : undefined);

/**
 * Returns, for a row, the names of the fields it lacks in order of use, or null when it renders.
 * `read(row, name)` must give what the row's record would hold as an own property `name`
 * (undefined when it has none); by default the row is that record.
 */
export function missingFieldsOf<T = Row>(
  compiled: CompiledTemplate,
  read: (row: T, name: string) => string | undefined = ownField as unknown as (row: T, name: string) => string | undefined,
): (row: T) => readonly string[] | null {
  const fields = compiled.fields;
  const known = new Map<number | string, readonly string[] | null>();
  /** Renders a stand-in row with exactly the present fields: it renders as any row with them does. */
  const render = (key: number | string, isPresent: (i: number) => boolean): readonly string[] | null => {
    // No prototype, so that a field named "__proto__" is an own property like any other.
    const standIn = Object.create(null) as Record<string, string>;
    fields.forEach((f, i) => {
      if (isPresent(i)) standIn[f] = 'x';
    });
    const r = compiled.render(standIn);
    const missing = r.ok ? null : r.missing;
    known.set(key, missing);
    return missing;
  };
  if (fields.length > 30) {
    return (row) => {
      let key = '';
      for (const f of fields) key += presentValue(read(row, f)) === undefined ? '0' : '1';
      const missing = known.get(key);
      return missing !== undefined ? missing : render(key, (i) => key[i] === '1');
    };
  }
  // The set of present fields as a bit mask.
  return (row) => {
    let mask = 0;
    for (let i = 0; i < fields.length; i++) if (presentValue(read(row, fields[i]!)) !== undefined) mask |= 1 << i;
    const missing = known.get(mask);
    return missing !== undefined ? missing : render(mask, (i) => (mask & (1 << i)) !== 0);
  };
}
