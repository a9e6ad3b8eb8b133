// writeJsonString is the import's JSON.stringify for a cell: its bytes must be exactly
// utf8(JSON.stringify(cell)), for any text, including every escape JSON.stringify makes (quotes,
// backslashes, each control character, lone surrogates of either half) and surrogate pairs,
// read from inside a larger text, with and without a quoted CSV cell's doubled quotes. It is
// also the import's control-character check: it must flag a cell exactly when control-chars.ts's
// set says the cell holds one (the reference's regular expression).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JSON_BYTES_PER_UNIT, writeJsonString } from '../../../electron/services/import/json-utf8';
import { rowHasControlChars } from '../../../electron/services/import/control-chars';

const UNITS = [
  ...'az09 ,.@-', '"', '"', '\\', '/', '\x00', '\x01', '\x07', '\b', '\t', '\n', '\x0b', '\f', '\r', '\x1b', '\x1f', '\x7f',
  '\u0080', '\u0085', '\u009f', '\u00a0', '\u00e9', '\u07ff', '\u0800', '\u3042', '山', '\u2028', '\u2029', '\ufeff', '\uffff', '\ud800', '\udbff', '\udc00', '\udfff', '😀', '𠮷',
];
const anyText = fc.array(fc.constantFrom(...UNITS), { maxLength: 30 }).map((a) => a.join(''));
const utf8 = new TextEncoder();

/** The cell as the CSV reader makes it: with doubledQuotes, each "" (left to right) is one ". */
const cellOf = (s: string, doubledQuotes: boolean): string => (doubledQuotes ? s.replace(/""/g, '"') : s);

function writtenWithFlag(text: string, start: number, end: number, doubledQuotes: boolean): { bytes: Uint8Array; control: boolean } {
  const room = JSON_BYTES_PER_UNIT * (end - start) + 2;
  // Bytes before and after the room must stay as they were.
  const f = new Uint8Array(3 + room + 3).fill(0xaa);
  const seen = { control: false };
  const p = writeJsonString(text, start, end, doubledQuotes, f, 3, seen);
  expect(f.subarray(0, 3)).toEqual(new Uint8Array(3).fill(0xaa));
  expect(f.subarray(3 + room)).toEqual(new Uint8Array(3).fill(0xaa));
  return { bytes: f.subarray(3, p), control: seen.control };
}

const written = (text: string, start: number, end: number, doubledQuotes: boolean): Uint8Array =>
  writtenWithFlag(text, start, end, doubledQuotes).bytes;

describe('writeJsonString', () => {
  it('writes exactly the UTF-8 of JSON.stringify of the cell, from inside a larger text', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, fc.boolean(), (before, s, after, doubled) => {
        const text = before + s + after;
        const got = written(text, before.length, before.length + s.length, doubled);
        expect(Buffer.from(got).toString('hex')).toBe(Buffer.from(utf8.encode(JSON.stringify(cellOf(s, doubled)))).toString('hex'));
      }),
      { numRuns: 3000 },
    );
  });

  it('flags a cell exactly when it holds a control character the import refuses', () => {
    fc.assert(
      fc.property(anyText, anyText, anyText, fc.boolean(), (before, s, after, doubled) => {
        const text = before + s + after;
        expect(writtenWithFlag(text, before.length, before.length + s.length, doubled).control).toBe(rowHasControlChars([s]));
      }),
      { numRuns: 3000 },
    );
    // Tab and line breaks are text; NUL, DEL and C1 are not; the cell's neighbours do not count.
    expect(writtenWithFlag('a\tb\r\nc', 0, 6, false).control).toBe(false);
    expect(writtenWithFlag('\x00ab', 1, 3, false).control).toBe(false);
    for (const c of ['\x00', '\x0b', '\x7f', '\u0080', '\u009f']) expect(writtenWithFlag(`x${c}y`, 0, 3, false).control).toBe(true);
    expect(writtenWithFlag('x\u00a0y', 0, 3, false).control).toBe(false);
  });

  it('does not join a surrogate pair across the cell bounds', () => {
    const text = 'a\ud83d\ude00b';
    // The cell holds only the high half: a lone surrogate, escaped.
    expect(Buffer.from(written(text, 0, 2, false)).toString()).toBe('"a\\ud83d"');
    expect(Buffer.from(written(text, 2, 4, false)).toString()).toBe('"\\ude00b"');
    expect(Buffer.from(written(text, 0, 4, false)).toString()).toBe('"a😀b"');
  });

  it('reads doubled quotes as one, and a stray quote as itself', () => {
    expect(Buffer.from(written('"""a""b"', 0, 8, true)).toString()).toBe(JSON.stringify('""a"b"'));
    expect(Buffer.from(written('"""a""b"', 0, 8, false)).toString()).toBe(JSON.stringify('"""a""b"'));
    expect(Buffer.from(written('', 0, 0, true)).toString()).toBe('""');
  });
});
