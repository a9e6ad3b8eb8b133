// "Did you mean" for unknown fields: closest column names by edit distance, Japanese-aware
// (full/half width, katakana/hiragana, case and separators folded; common header synonyms).
// The work is bounded: columns are folded once per check, distances are only computed for
// short names and within the distance that would count, and a check has a budget of table
// cells (a template with thousands of unknown fields took a minute without these bounds).

// Headers that mean the same thing in Japanese and English lists (compared after folding).
const SYNONYMS: readonly (readonly string[])[] = [
  ['氏名', '名前', 'お名前', 'フルネーム', '宛名', 'name', 'fullname'],
  ['メールアドレス', 'メール', 'eメール', 'mail', 'email', 'emailaddress', 'アドレス'],
  ['会員番号', '会員id', '番号', 'id', 'memberid', 'no'],
  ['住所', '所在地', 'address'],
  ['電話番号', '電話', 'tel', 'phone', '携帯番号'],
  ['会社名', '会社', '企業名', '法人名', '団体名', 'company', 'organization'],
  ['部署', '部署名', '所属', 'department'],
  ['フリガナ', 'ふりがな', 'よみがな', '読み', 'kana'],
].map((group) => group.map(fold));

/** Names longer than this (code points, after folding) are matched by synonyms and containment only. */
const MAX_DISTANCE_NAME = 32;
/** Edit-distance table cells one suggester may fill; past it, only the cheap matches are tried. */
const DISTANCE_BUDGET = 2_000_000;

/** Folds the differences a user does not see or care about when typing a column name. */
function fold(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[\s・_\-.:：/]/g, '');
}

/** Code points of a string, for the distance below (a kanji is one edit, not two UTF-16 units). */
export function codePoints(s: string): Int32Array {
  const out = new Int32Array(s.length);
  let n = 0;
  for (const ch of s) out[n++] = ch.codePointAt(0)!;
  return out.subarray(0, n);
}

// Two rows reused by every call: names compared are at most MAX_DISTANCE_NAME code points.
let rowA = new Int32Array(MAX_DISTANCE_NAME + 1);
let rowB = new Int32Array(MAX_DISTANCE_NAME + 1);

/**
 * Levenshtein distance over code points, computed only within `limit`: anything farther
 * returns limit + 1. The band keeps it O(length x limit).
 */
export function boundedDistance(x: Int32Array, y: Int32Array, limit: number): number {
  const n = x.length;
  const m = y.length;
  const far = limit + 1;
  if (Math.abs(n - m) > limit) return far;
  if (rowA.length < m + 1) (rowA = new Int32Array(m + 1)), (rowB = new Int32Array(m + 1));
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= m; j++) prev[j] = j <= limit ? j : far;
  for (let i = 1; i <= n; i++) {
    const lo = Math.max(1, i - limit);
    const hi = Math.min(m, i + limit);
    // Cells outside the band count as "too far"; the band's neighbours read them.
    cur[0] = i <= limit ? i : far;
    if (lo > 1) cur[lo - 1] = far;
    if (hi < m) cur[hi + 1] = far;
    let rowMin = cur[0]!;
    const xc = x[i - 1];
    for (let j = lo; j <= hi; j++) {
      let d = prev[j - 1]! + (xc === y[j - 1] ? 0 : 1);
      const up = prev[j]! + 1;
      const left = cur[j - 1]! + 1;
      if (up < d) d = up;
      if (left < d) d = left;
      if (d > far) d = far;
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return far;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return Math.min(prev[m]!, far);
}

interface Folded {
  readonly column: string;
  readonly index: number;
  readonly folded: string;
  readonly points: Int32Array;
}

/** A suggester for one list's columns; each call spends from one shared budget. */
export function columnSuggester(columns: readonly string[], max = 3): (field: string) => string[] {
  const folded: Folded[] = columns.map((column, index) => {
    const f = fold(column);
    return { column, index, folded: f, points: codePoints(f) };
  });
  let budget = DISTANCE_BUDGET;

  function score(a: string, ap: Int32Array, c: Folded): number | null {
    const b = c.folded;
    if (a === b) return 0;
    const longest = Math.max(ap.length, c.points.length);
    if (longest <= MAX_DISTANCE_NAME && budget > 0) {
      const limit = Math.max(1, Math.floor(longest / 2));
      budget -= Math.min(ap.length, c.points.length) * (2 * limit + 1);
      const d = boundedDistance(ap, c.points, limit);
      if (d <= limit) return d;
    }
    if (a !== '' && b !== '' && (a.includes(b) || b.includes(a))) return 1.5;
    if (SYNONYMS.some((g) => g.includes(a) && g.includes(b))) return 1.5;
    return null;
  }

  return (field) => {
    const a = fold(field);
    const ap = codePoints(a);
    const found: { column: string; index: number; s: number }[] = [];
    for (const c of folded) {
      if (c.column === field) continue;
      const s = score(a, ap, c);
      if (s !== null) found.push({ column: c.column, index: c.index, s });
    }
    return found
      .sort((p, q) => p.s - q.s || p.index - q.index)
      .slice(0, max)
      .map((c) => c.column);
  };
}

/** Up to `max` column names closest to an unknown field, best first (ties keep column order). */
export function suggestColumns(field: string, columns: readonly string[], max = 3): string[] {
  return columnSuggester(columns, max)(field);
}
