// Which members lack which field: renders each row (streaming, one at a time) and groups the
// members whose message cannot be built, so the guards can block and name them.
import type { CompiledTemplate } from './types';

export interface MissingField {
  field: string;
  /** How many members lack it. */
  count: number;
  /** Their ids in input order; at most `maxIdsPerField` of them. */
  memberIds: number[];
}

export function findMissing(
  compiled: CompiledTemplate,
  rows: Iterable<{ id: number; fields: Readonly<Record<string, string>> }>,
  options: { maxIdsPerField?: number } = {},
): MissingField[] {
  const max = options.maxIdsPerField ?? Number.POSITIVE_INFINITY;
  const byField = new Map<string, MissingField>();
  for (const row of rows) {
    const r = compiled.render(row.fields);
    if (r.ok) continue;
    for (const field of r.missing) {
      let entry = byField.get(field);
      if (!entry) byField.set(field, (entry = { field, count: 0, memberIds: [] }));
      entry.count++;
      if (entry.memberIds.length < max) entry.memberIds.push(row.id);
    }
  }
  // Report in the order the template uses the fields, not the order members happened to fail.
  const order = new Map(compiled.fields.map((f, i) => [f, i]));
  return [...byField.values()].sort((a, b) => order.get(a.field)! - order.get(b.field)!);
}
