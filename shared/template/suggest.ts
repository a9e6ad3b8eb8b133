// "Did you mean" for unknown fields: closest column names by edit distance, Japanese-aware
// (full/half width, katakana/hiragana, case and separators folded; common header synonyms).

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

/** Folds the differences a user does not see or care about when typing a column name. */
export function fold(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60))
    .replace(/[\s・_\-.:：/]/g, '');
}

/** Levenshtein distance over code points (a kanji is one edit, not two UTF-16 units). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let prev = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const cur = [i];
    for (let j = 1; j <= y.length; j++) {
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[y.length]!;
}

function score(field: string, column: string): number | null {
  const a = fold(field);
  const b = fold(column);
  if (a === b) return 0;
  const d = editDistance(a, b);
  const longest = Math.max(Array.from(a).length, Array.from(b).length);
  if (d <= Math.max(1, Math.floor(longest / 2))) return d;
  if (a !== '' && b !== '' && (a.includes(b) || b.includes(a))) return 1.5;
  if (SYNONYMS.some((g) => g.includes(a) && g.includes(b))) return 1.5;
  return null;
}

/** Up to `max` column names closest to an unknown field, best first (ties keep column order). */
export function suggestColumns(field: string, columns: readonly string[], max = 3): string[] {
  return columns
    .map((column, index) => ({ column, index, s: score(field, column) }))
    .filter((c): c is { column: string; index: number; s: number } => c.s !== null && c.column !== field)
    .sort((p, q) => p.s - q.s || p.index - q.index)
    .slice(0, max)
    .map((c) => c.column);
}
