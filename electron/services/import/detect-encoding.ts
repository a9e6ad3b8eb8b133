// Decides how a CSV's bytes are encoded, from a sample of its start: a BOM, then a strict
// UTF-8 decode (which almost never succeeds on Japanese legacy bytes), then encoding-japanese's
// detector for Shift_JIS/CP932 and EUC-JP. Binary files are recognised and refused.
import Encoding from 'encoding-japanese';
import { AppError } from '../../../shared/errors';
import type { ImportEncoding } from './import-report';

export interface EncodingGuess {
  readonly encoding: ImportEncoding;
  /** Length of the byte-order mark at the start of the file (0 when none). */
  readonly bomLength: number;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

function decodes(encoding: string, sample: Uint8Array, complete: boolean): boolean {
  try {
    // stream: true when the sample is cut mid-file, so a character split at its end is not an error.
    new TextDecoder(encoding, { fatal: true }).decode(sample, { stream: !complete });
    return true;
  } catch {
    return false;
  }
}

/** Bytes no text file contains: NUL and most C0 controls (ESC stays allowed for ISO-2022-JP). */
function looksBinary(sample: Uint8Array): boolean {
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) controls++;
  }
  return controls > sample.length / 100;
}

/** BOM only: what the caller's override still has to skip. */
export function bomLength(sample: Uint8Array, encoding: ImportEncoding): number {
  if (encoding === 'utf-8' && startsWith(sample, [0xef, 0xbb, 0xbf])) return 3;
  if (encoding === 'utf-16le' && startsWith(sample, [0xff, 0xfe])) return 2;
  return 0;
}

/**
 * @param sample the first bytes of the file (64 KiB is plenty)
 * @param complete whether the sample is the whole file
 */
export function detectEncoding(sample: Uint8Array, complete: boolean): EncodingGuess {
  if (startsWith(sample, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  // Excel's "Unicode text" export is UTF-16LE with a BOM (and tab-delimited).
  if (startsWith(sample, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(sample, [0xfe, 0xff])) {
    throw new AppError('import-encoding', 'UTF-16 big-endian files are not supported; save as UTF-8 CSV.', {
      detected: 'utf-16be',
    });
  }
  if (looksBinary(sample)) {
    throw new AppError('import-unreadable', 'This file is not a text (CSV) file.', { reason: 'binary' });
  }
  if (decodes('utf-8', sample, complete)) return { encoding: 'utf-8', bomLength: 0 };
  const guess = Encoding.detect(sample, ['SJIS', 'EUCJP']);
  if (guess === 'EUCJP' && decodes('euc-jp', sample, complete)) return { encoding: 'euc-jp', bomLength: 0 };
  if (decodes('shift_jis', sample, complete)) return { encoding: 'shift_jis', bomLength: 0 };
  throw new AppError('import-encoding', 'The file is neither UTF-8 nor Shift_JIS text.', { detected: null });
}
