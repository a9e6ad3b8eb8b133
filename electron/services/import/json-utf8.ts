// A cell of the decoded text written straight into a byte buffer as a JSON string, UTF-8: the
// bytes of utf8(JSON.stringify(cell)), without making the cell or its JSON a string. The import
// writes every cell of every row this way (row-batch.ts); through JSON.stringify and a
// TextEncoder a cell cost about 1.2 µs, against tens of nanoseconds here.
//
// JSON.stringify's escapes: " and \ with a backslash; \b \t \n \f \r by name; other controls
// below U+0020 as \u00xx (lowercase hex); a lone surrogate as \udxxx. Everything else is the
// character itself, a surrogate pair as one 4-byte UTF-8 sequence.
//
// While it reads every unit it also notes the control characters that control-chars.ts refuses
// (C0 but tab and line breaks, DEL, C1): they only take branches a clean cell never takes (an
// escape, or DEL and the C1 range beside the ASCII and 2-byte paths): a clean cell pays one
// compare per ASCII unit (DEL) and one per 2-byte unit (C1), where a regular expression over all
// the decoded text cost the parsing thread 0.14 s per 1M rows. control-chars.ts keeps the same
// set as a regular expression (for cells not written); a property test holds the two equal.

const HEX = [48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102];
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Set by writeJsonString when a cell it wrote holds a control character; the caller clears it. */
export interface ControlSeen {
  control: boolean;
}

/** The C0 controls control-chars.ts refuses: all below U+0020 but tab, line feed and carriage return. */
const isRefusedC0 = (c: number): boolean => c !== 0x09 && c !== 0x0a && c !== 0x0d;

/** The most bytes one UTF-16 unit of a cell can take (\u00xx or \udxxx). */
export const JSON_BYTES_PER_UNIT = 6;

/** Writes \uXXXX for unit c at p; returns the end. */
function writeUnicodeEscape(f: Uint8Array, p: number, c: number): number {
  f[p] = BACKSLASH;
  f[p + 1] = 0x75; // u
  f[p + 2] = HEX[c >> 12]!;
  f[p + 3] = HEX[(c >> 8) & 15]!;
  f[p + 4] = HEX[(c >> 4) & 15]!;
  f[p + 5] = HEX[c & 15]!;
  return p + 6;
}

/** Writes the escape of an ASCII unit that JSON escapes (below U+0020, " or \); returns the end. */
function writeAsciiEscape(f: Uint8Array, p: number, c: number): number {
  let named = 0;
  if (c === QUOTE || c === BACKSLASH) named = c;
  else if (c === 0x08) named = 0x62; // b
  else if (c === 0x09) named = 0x74; // t
  else if (c === 0x0a) named = 0x6e; // n
  else if (c === 0x0c) named = 0x66; // f
  else if (c === 0x0d) named = 0x72; // r
  if (named === 0) return writeUnicodeEscape(f, p, c);
  f[p] = BACKSLASH;
  f[p + 1] = named;
  return p + 2;
}

/**
 * Writes t[start, end) as a JSON string, quotes included, into f from p, and returns where it
 * ends. With `doubledQuotes`, each "" of the text (left to right, as String.replace finds them)
 * is one " of the cell (a quoted CSV cell's content). f must have room for
 * JSON_BYTES_PER_UNIT * (end - start) + 2 bytes from p. Sets seen.control when the cell holds a
 * control character that control-chars.ts refuses (and leaves it as it was otherwise).
 */
export function writeJsonString(t: string, start: number, end: number, doubledQuotes: boolean, f: Uint8Array, p: number, seen: ControlSeen): number {
  f[p++] = QUOTE;
  for (let k = start; k < end; k++) {
    const c = t.charCodeAt(k);
    if (c < 0x80) {
      if (c >= 0x20 && c !== QUOTE && c !== BACKSLASH && c !== 0x7f) f[p++] = c;
      else if (c === 0x7f) {
        f[p++] = c;
        seen.control = true;
      } else {
        if (c === QUOTE && doubledQuotes && k + 1 < end && t.charCodeAt(k + 1) === QUOTE) k++;
        else if (c < 0x20 && isRefusedC0(c)) seen.control = true;
        p = writeAsciiEscape(f, p, c);
      }
    } else if (c < 0x800) {
      if (c < 0xa0) seen.control = true;
      f[p++] = 0xc0 | (c >> 6);
      f[p++] = 0x80 | (c & 0x3f);
    } else if (c < 0xd800 || c > 0xdfff) {
      f[p++] = 0xe0 | (c >> 12);
      f[p++] = 0x80 | ((c >> 6) & 0x3f);
      f[p++] = 0x80 | (c & 0x3f);
    } else {
      const d = c <= 0xdbff && k + 1 < end ? t.charCodeAt(k + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        f[p++] = 0xf0 | (cp >> 18);
        f[p++] = 0x80 | ((cp >> 12) & 0x3f);
        f[p++] = 0x80 | ((cp >> 6) & 0x3f);
        f[p++] = 0x80 | (cp & 0x3f);
        k++;
      } else p = writeUnicodeEscape(f, p, c);
    }
  }
  f[p++] = QUOTE;
  return p;
}
