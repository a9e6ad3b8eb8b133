// The member search index's terms. A value becomes the overlapping pairs of its characters
// ("山田花" -> 山田, 田花) followed by its last character alone as an end mark, each character
// written as four base-36 digits of its code point so that no tokenizer rule (punctuation,
// spaces, Unicode folding) can touch it. A query of two or more characters is then the phrase of
// its pairs (pairs at consecutive positions = the query as a substring of one value), and a
// one-character query is every term that starts with that character. Only ASCII A-Z fold to
// a-z, as SQLite's LIKE does, so the index finds exactly what the scan finds.

// Four base-36 digits hold every code point (36^4 > 0x10FFFF); the Basic Plane is cached.
const bmp: string[] = new Array<string>(0x10000);
function code(cp: number): string {
  const cached = bmp[cp];
  if (cached !== undefined) return cached;
  const s = cp.toString(36).padStart(4, '0');
  if (cp < 0x10000) bmp[cp] = s;
  return s;
}

/** The characters of a text as codes: ASCII upper case folded, a lone surrogate read as U+FFFD (as SQLite stores it). */
function codes(text: string, each: (c: string) => void): void {
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0x41 && cp <= 0x5a) cp += 0x20;
    else if (cp >= 0xd800 && cp <= 0xdfff) {
      const lo = cp <= 0xdbff && i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = ((cp - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        i++;
      } else cp = 0xfffd;
    }
    each(code(cp));
  }
}

/** Appends one value's terms (pairs, then the end mark) to `out`. */
export function valueTerms(value: string, out: string[]): void {
  let prev: string | null = null;
  codes(value, (c) => {
    if (prev !== null) out.push(prev + c);
    prev = c;
  });
  if (prev !== null) out.push(prev);
}

/** What the index is asked for a (trimmed, non-empty) query. */
export type IndexQuery =
  /** FTS5 phrase of the query's pairs. */
  | { readonly kind: 'phrase'; readonly match: string }
  /** Every term starting with this character's code. */
  | { readonly kind: 'first'; readonly code: string };

export function indexQuery(query: string): IndexQuery {
  const cs: string[] = [];
  codes(query, (c) => cs.push(c));
  if (cs.length === 1) return { kind: 'first', code: cs[0]! };
  const pairs: string[] = [];
  for (let i = 0; i + 1 < cs.length; i++) pairs.push(cs[i]! + cs[i + 1]!);
  // Terms are [0-9a-z] only, so the phrase needs no escaping.
  return { kind: 'phrase', match: `"${pairs.join(' ')}"` };
}
