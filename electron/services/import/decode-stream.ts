// Streaming, strict text decoding of an import's chunks. Strict (fatal) because a replacement
// character would silently change a member's name or address; the error names the line instead.
// A chunk is decoded in pieces of PIECE_BYTES: a string of a megabyte is a large object for the
// JavaScript heap, and making one per chunk cost five times the decoding itself. A piece ends
// after its last line feed: the CSV reader (parse-csv.ts) then has no part of a row left over
// when the next piece comes, and reads that piece as it is; joined to a left-over row it is a
// two-part (cons) string, which every unit-by-unit read of the import went through at about
// a quarter more cost. The decoder streams, so where a piece ends never changes the text.
import { AppError } from '../../../shared/errors';
import type { ImportEncoding } from './import-report';

export interface ChunkDecoder {
  /**
   * Decodes the next chunk, handing its text on in pieces, in order; `final` flushes a
   * character split at the end.
   */
  decode(chunk: Uint8Array | undefined, final: boolean, onText: (text: string) => void): void;
}

/** Small enough that a piece's text (at most this many UTF-16 units) is a regular heap string. */
const PIECE_BYTES = 16 * 1024;
const LF = 0x0a;

function countNewlines(text: string, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function createChunkDecoder(encoding: ImportEncoding): ChunkDecoder {
  // The decoder drops a BOM at the start itself (ignoreBOM defaults to false).
  const decoder = new TextDecoder(encoding, { fatal: true });
  // In these encodings the byte 0x0A is only ever a line feed (never part of another character).
  const splitAtLineBreaks = encoding !== 'utf-16le';
  let lines = 0;
  return {
    decode(chunk, final, onText) {
      // Line breaks before this chunk: where the error message counts from.
      const before = lines;
      const strict = (bytes: Uint8Array | undefined, stream: boolean): string => {
        try {
          return decoder.decode(bytes, { stream });
        } catch {
          // Find where it went wrong, for the message: decode this chunk leniently and count
          // lines up to the first replacement character.
          const lenient = new TextDecoder(encoding).decode(chunk ?? new Uint8Array(0));
          const bad = lenient.indexOf('\uFFFD');
          const line = before + 1 + countNewlines(lenient, bad < 0 ? lenient.length : bad);
          throw new AppError(
            'import-encoding',
            `The file is not valid ${encoding} text (line ${line}). Choose another encoding.`,
            { encoding, line },
          );
        }
      };
      const size = chunk?.length ?? 0;
      let i = 0;
      do {
        let end = Math.min(i + PIECE_BYTES, size);
        if (splitAtLineBreaks && end < size) {
          const lf = chunk!.subarray(i, end).lastIndexOf(LF);
          if (lf >= 0) end = i + lf + 1;
        }
        const text = strict(chunk?.subarray(i, end), !(final && end === size));
        lines += countNewlines(text);
        onText(text);
        i = end;
      } while (i < size);
    },
  };
}
