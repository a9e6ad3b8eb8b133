// Small text rules shared by the template engine and message building: what counts as blank,
// how a header value is forced onto one line, how body line endings are normalised.

// Whitespace that a spreadsheet cell may hold without meaning anything: ASCII and full-width
// spaces, tabs, newlines, NBSP, zero-width characters and a stray BOM.
const BLANK = /^[\s\u200b-\u200d\u2060\ufeff]*$/;

// Characters that trim() or isBlank() could remove at either end of a value.
function spaceLike(c: number): boolean {
  return c <= 0x20 || c === 0x85 || c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200d) ||
    c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x2060 || c === 0x3000 || c === 0xfeff;
}

/** The value with outer whitespace removed, or undefined when nothing is left (a missing value).
 * The common case (no space at either end) is decided from two characters without a regex. */
export function presentValue(value: string | undefined): string | undefined {
  if (typeof value !== 'string' || value.length === 0) return undefined;
  if (!spaceLike(value.charCodeAt(0)) && !spaceLike(value.charCodeAt(value.length - 1))) return value;
  return isBlank(value) ? undefined : value.trim();
}

/** True when a value carries no text: such a value is missing, never rendered as blank. */
export function isBlank(value: string | undefined | null): boolean {
  return value == null || BLANK.test(value);
}

// C0 and C1 control characters, DEL, and the Unicode line/paragraph separators. Any of them in a
// header could start a new header line (header injection) or confuse a mail client.
const HEADER_BREAKERS = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g;

/** One header-safe line: every run of control characters (CR, LF, tab, ...) becomes one space. */
export function oneLine(value: string): string {
  return HEADER_BREAKER.test(value) ? value.replace(HEADER_BREAKERS, ' ').trim() : value.trim();
}
const HEADER_BREAKER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;

// Control characters that have no place in a plain-text body (tab and newline are kept).
const BODY_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g;

/** Body text with \n line endings and without stray control characters. */
export function normaliseBody(value: string): string {
  // Most bodies need nothing: one scan to find out, the rewrites only when something is there.
  if (!BODY_SUSPECT.test(value)) return value;
  return value.replace(/\r\n?/g, '\n').replace(BODY_CONTROLS, '');
}
const BODY_SUSPECT = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** 1-based line and column (UTF-16 units) of a 0-based offset; CRLF, LF and CR all end a line. */
export function lineColumn(source: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** lineColumn for many offsets of one source: line starts are found once, then each lookup is a
 * binary search (a template with thousands of issues would otherwise rescan it per issue). */
export function lineIndex(source: string): (offset: number) => { line: number; column: number } {
  const starts = [0];
  if (!source.includes('\r')) {
    // The usual case: native searches for \n only.
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1);
  } else {
    for (let i = 0; i < source.length; i++) {
      const c = source.charCodeAt(i);
      if (c === 10 || (c === 13 && source.charCodeAt(i + 1) !== 10)) starts.push(i + 1);
    }
  }
  return (offset) => {
    let lo = 0;
    let hi = starts.length - 1;
    // The last line start at or before the offset (a break at offset - 1 starts the offset's line).
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}
