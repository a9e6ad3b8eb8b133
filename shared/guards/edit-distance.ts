// Bounded optimal-string-alignment distance (Levenshtein plus adjacent transposition).
// Bounded because the guards only care about "within 2": it stops as soon as a row exceeds max.

// Three rows reused by every call: the look-alike and typo searches call this a few hundred
// thousand times at 100k members, and three fresh arrays per call were much of their garbage.
let rows = new Int32Array(3 * 64);

/** Distance between a and b, or max + 1 when it is larger than max. */
export function osaDistance(a: string, b: string, max: number): number {
  if (a === b) return 0;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > max) return max + 1;
  const w = lb + 1;
  if (rows.length < 3 * w) rows = new Int32Array(3 * w * 2);
  const r = rows;
  // Row offsets into r: two rows back, the previous row, the current row.
  let prev2 = 0;
  let prev = w;
  let cur = 2 * w;
  for (let j = 0; j <= lb; j++) {
    r[prev2 + j] = 0;
    r[prev + j] = j;
  }
  for (let i = 1; i <= la; i++) {
    r[cur] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= lb; j++) {
      const cb = b.charCodeAt(j - 1);
      const cost = ca === cb ? 0 : 1;
      let v = Math.min(r[prev + j]! + 1, r[cur + j - 1]! + 1, r[prev + j - 1]! + cost);
      if (i > 1 && j > 1 && ca === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === cb) {
        v = Math.min(v, r[prev2 + j - 2]! + 1);
      }
      r[cur + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  const d = r[prev + lb]!;
  return d > max ? max + 1 : d;
}
