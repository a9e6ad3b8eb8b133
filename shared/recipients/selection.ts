// Who of a list receives a notice: the whole list, members matching conditions on columns, or
// hand-picked members, minus members excluded for this notice. Members are named by their
// reference (member key when the list has one, else address), so a selection survives a
// re-import. The host turns a selection into SQL (electron/db/repos/recipients-query.ts); this
// file holds the shape, a plain matcher with the same meaning (tests, small lists) and words.

export const CONDITION_OPS = ['equals', 'one-of', 'contains', 'empty', 'not-empty'] as const;
export type ConditionOp = (typeof CONDITION_OPS)[number];

export interface Condition {
  readonly column: string;
  readonly op: ConditionOp;
  /** equals/contains: one value; one-of: several; empty/not-empty: none. Compared after trimming. */
  readonly values: readonly string[];
}

export type Selection =
  | { readonly kind: 'all'; readonly exclude?: readonly string[] }
  | { readonly kind: 'conditions'; readonly match: 'all' | 'any'; readonly conditions: readonly Condition[]; readonly exclude?: readonly string[] }
  | { readonly kind: 'picked'; readonly refs: readonly string[]; readonly exclude?: readonly string[] };

export const WHOLE_LIST: Selection = { kind: 'all' };

/**
 * A member's reference: 'k:' + key when the list has a key column, else 'e:' + address in lower
 * case (a re-import that only changes the case of an address must not lose an exclusion).
 */
export function memberRef(m: { readonly key: string | null; readonly email: string }): string {
  return m.key !== null && m.key !== '' ? `k:${m.key}` : `e:${m.email.toLowerCase()}`;
}

/** What is trimmed from a cell before comparing: spaces (full-width too), tabs, line breaks. */
export const TRIM_CHARS = ' \t\r\n\u3000';
export const trimCell = (v: string): string => v.replace(/^[ \t\r\n\u3000]+|[ \t\r\n\u3000]+$/g, '');

function conditionMatches(c: Condition, fields: Readonly<Record<string, string>>): boolean {
  const v = trimCell(fields[c.column] ?? '');
  const values = c.values.map(trimCell);
  switch (c.op) {
    case 'equals':
      return v === (values[0] ?? '');
    case 'one-of':
      return values.includes(v);
    case 'contains':
      return (values[0] ?? '') !== '' && v.includes(values[0]!);
    case 'empty':
      return v === '';
    case 'not-empty':
      return v !== '';
  }
}

/** The meaning every implementation of a selection must have (the SQL one is tested against it). */
export function selectionMatches(s: Selection, m: { readonly key: string | null; readonly email: string; readonly fields: Readonly<Record<string, string>> }): boolean {
  const ref = memberRef(m);
  if (s.exclude?.includes(ref)) return false;
  if (s.kind === 'all') return true;
  if (s.kind === 'picked') return s.refs.includes(ref);
  if (s.conditions.length === 0) return true;
  return s.match === 'all' ? s.conditions.every((c) => conditionMatches(c, m.fields)) : s.conditions.some((c) => conditionMatches(c, m.fields));
}

/** The columns a selection needs (a re-import that drops one makes the selection an error). */
export function selectionColumns(s: Selection): string[] {
  return s.kind === 'conditions' ? [...new Set(s.conditions.map((c) => c.column))] : [];
}

const quote = (v: string, lang: 'ja' | 'en') => (lang === 'ja' ? `「${v}」` : `"${v}"`);

function conditionWords(c: Condition, lang: 'ja' | 'en'): string {
  const col = quote(c.column, lang);
  const vals = c.values.map((v) => quote(v, lang));
  if (lang === 'ja') {
    switch (c.op) {
      case 'equals':
        return `${col}が${vals[0] ?? '「」'}`;
      case 'one-of':
        return `${col}が${vals.join('・')}のどれか`;
      case 'contains':
        return `${col}に${vals[0] ?? '「」'}を含む`;
      case 'empty':
        return `${col}が空`;
      case 'not-empty':
        return `${col}が空でない`;
    }
  }
  switch (c.op) {
    case 'equals':
      return `${col} is ${vals[0] ?? '""'}`;
    case 'one-of':
      return `${col} is one of ${vals.join(', ')}`;
    case 'contains':
      return `${col} contains ${vals[0] ?? '""'}`;
    case 'empty':
      return `${col} is empty`;
    case 'not-empty':
      return `${col} is not empty`;
  }
}

/** The selection in plain words, as the approver reads it: 「棟」が「A」の会員 42 人. */
export function describeSelection(s: Selection, count: number, lang: 'ja' | 'en'): string {
  const excluded = s.exclude?.length ?? 0;
  const minus = excluded === 0 ? '' : lang === 'ja' ? `（${excluded} 人を除く）` : ` (${excluded} excluded)`;
  if (s.kind === 'all') return lang === 'ja' ? `名簿の全員 ${count} 人${minus}` : `the whole list, ${count} members${minus}`;
  if (s.kind === 'picked') return lang === 'ja' ? `選んだ会員 ${count} 人${minus}` : `${count} hand-picked members${minus}`;
  if (s.conditions.length === 0) return describeSelection({ kind: 'all', ...(s.exclude ? { exclude: s.exclude } : {}) }, count, lang);
  const parts = s.conditions.map((c) => conditionWords(c, lang));
  if (lang === 'ja') return `${parts.join(s.match === 'all' ? 'かつ' : 'または')}の会員 ${count} 人${minus}`;
  return `members where ${parts.join(s.match === 'all' ? ' and ' : ' or ')}: ${count}${minus}`;
}
