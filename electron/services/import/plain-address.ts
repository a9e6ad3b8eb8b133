// The import's shortcut for the address of almost every row: a plain ASCII address with a
// lower-case domain, recognised in the decoded text itself, with no string made for it and no
// regular expression run. It only ever says yes to an address that normaliseAddress leaves as
// it is and validateAddress accepts (shared/address; test/unit/import/plain-address.test.ts
// checks this over many generated addresses); anything else goes the full way.

// RFC 5322 atext, as validate.ts's ATEXT and normalise.ts's CLEAN allow it in a local part.
const ATEXT = new Uint8Array(128);
for (const c of "!#$%&'*+-/=?^_`{|}~") ATEXT[c.charCodeAt(0)] = 1;
for (let c = 0x30; c <= 0x39; c++) ATEXT[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) ATEXT[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) ATEXT[c] = 1;

const AT = 0x40;
const DOT = 0x2e;
const HYPHEN = 0x2d;

/**
 * True when text[start, end) is a dot-atom local part of at most 64 characters, '@', and a
 * domain of two or more lower-case LDH labels (1-63 characters, no hyphen at either end) whose
 * last label holds a letter, 254 characters at most in all.
 */
export function isPlainAddress(text: string, start: number, end: number): boolean {
  if (end - start > 254) return false;
  let k = start;
  // Local part: atext runs joined by single dots.
  let afterDot = true;
  for (; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === AT) break;
    if (c === DOT) {
      if (afterDot) return false;
      afterDot = true;
    } else if (c < 128 && ATEXT[c] === 1) {
      afterDot = false;
    } else {
      return false;
    }
  }
  if (k === end || afterDot || k - start > 64) return false;
  // Domain.
  let dots = 0;
  let label = 0;
  let letter = false;
  let last = 0;
  for (k++; k < end; k++) {
    const c = text.charCodeAt(k);
    if (c === DOT) {
      if (label === 0 || last === HYPHEN) return false;
      dots++;
      label = 0;
      letter = false;
    } else {
      if (c >= 0x61 && c <= 0x7a) letter = true;
      else if (!((c >= 0x30 && c <= 0x39) || (c === HYPHEN && label > 0))) return false;
      if (++label > 63) return false;
    }
    last = c;
  }
  return dots > 0 && label > 0 && last !== HYPHEN && letter;
}
