// The import parser as it was before the rewrite for speed (issue 15), kept unchanged as the
// reference the differential property test (../parse-equivalence.test.ts) compares the new one with.
// Control characters in an imported file: NUL, the other C0 controls except tab and line
// breaks, DEL and the C1 range. No spreadsheet cell holds them on purpose; they come from a
// damaged or binary file, and they would reach names, fields and messages unseen. The encoding
// sniff only looks at the first 64 KiB, so every row is checked here, wherever it is.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** True when the text holds a control character (one native scan: cheap on a whole chunk). */
export function hasControlChars(text: string): boolean {
  return CONTROL.test(text);
}

/** True when any cell of the row holds one. */
export function rowHasControlChars(cells: readonly string[]): boolean {
  for (const c of cells) if (CONTROL.test(c)) return true;
  return false;
}
