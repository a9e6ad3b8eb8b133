// ISO-2022-JP (RFC 1468): ASCII plus JIS X 0208, nothing else. encoding-japanese converts through
// CP932, so it also writes NEC and IBM extensions (①, ㈱, 髙 land in rows 13 and 89-92),
// half-width kana (ESC ( I) and JIS X 0212 (™): none of them is ISO-2022-JP, and an older phone
// shows them as garbage or drops the message. So each character's bytes are checked here: only
// ASCII and the assigned rows of JIS X 0208 (1-8 symbols and kana, 16-84 kanji) pass.
import Encoding from 'encoding-japanese';

const ESC = 0x1b;
const cache = new Map<string, boolean>();

function rowAllowed(row: number): boolean {
  return (row >= 1 && row <= 8) || (row >= 16 && row <= 84);
}

/** The JIS bytes of one line of text (ASCII at its end, as RFC 1468 asks), or null if a character cannot be written. */
export function jisBytes(text: string): number[] | null {
  const bytes = Encoding.convert(Encoding.stringToCode(text), { to: 'JIS', from: 'UNICODE' }) as number[];
  let twoByte = false;
  let questionMarks = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b === ESC) {
      const seq = String.fromCharCode(bytes[i + 1] ?? 0, bytes[i + 2] ?? 0);
      if (seq === '(B') twoByte = false;
      else if (seq === '$B' || seq === '$@') twoByte = true;
      else return null; // half-width kana (ESC ( I), JIS X 0212 (ESC $ ( D), JIS Roman
      i += 2;
      continue;
    }
    if (twoByte) {
      if (!rowAllowed(b - 0x20)) return null;
      i++;
      continue;
    }
    if (b === 0x3f) questionMarks++;
  }
  // encoding-japanese writes '?' for what it cannot convert at all (emoji, ¥, most of Unicode).
  let asked = 0;
  for (const ch of text) if (ch === '?') asked++;
  return questionMarks === asked ? bytes : null;
}

function canWriteInJis(ch: string): boolean {
  let ok = cache.get(ch);
  if (ok === undefined) {
    ok = ch === '\n' || ch === '\r' || jisBytes(ch) !== null;
    cache.set(ch, ok);
  }
  return ok;
}

/** Every distinct character of `text` that ISO-2022-JP cannot hold, in order of appearance. */
export function unwritableInJis(text: string): string[] {
  const out: string[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    // Printable ASCII and the common kana/kanji block are answered without a lookup.
    if (code < 0x7f && code !== 0x1b) continue;
    if (!canWriteInJis(ch) && !out.includes(ch)) out.push(ch);
  }
  return out;
}
