// Control characters in an imported file: NUL, the other C0 controls except tab and line
// breaks, DEL and the C1 range. No spreadsheet cell holds them on purpose; they come from a
// damaged or binary file, and they would reach names, fields and messages unseen. The encoding
// sniff only looks at the first 64 KiB, so every row is checked, wherever it is: its cells as
// their JSON is written (json-utf8.ts, the same set as CONTROL below), and here any cells a row
// has past the header's columns, which are not written.

const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** True when any cell of the row holds one. */
export function rowHasControlChars(cells: readonly string[]): boolean {
  for (const c of cells) if (CONTROL.test(c)) return true;
  return false;
}
