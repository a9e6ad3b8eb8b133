// The import parser as it was before the rewrite for speed (issue 15), kept unchanged as the
// reference the differential property test (../parse-equivalence.test.ts) compares the new one with.
// Streaming, strict text decoding of an import's chunks. Strict (fatal) because a replacement
// character would silently change a member's name or address; the error names the line instead.
import { AppError } from '../../../../shared/errors';
import type { ImportEncoding } from '../../../../electron/services/import/import-report';

export interface ChunkDecoder {
  /** Decodes the next chunk; `final` flushes a character split at the end. */
  decode(chunk: Uint8Array | undefined, final: boolean): string;
}

function countNewlines(text: string, end = text.length): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

export function createChunkDecoder(encoding: ImportEncoding): ChunkDecoder {
  // The decoder drops a BOM at the start itself (ignoreBOM defaults to false).
  const decoder = new TextDecoder(encoding, { fatal: true });
  let lines = 0;
  return {
    decode(chunk, final) {
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: !final });
      } catch {
        // Find where it went wrong, for the message: decode this chunk leniently and count lines
        // up to the first replacement character.
        const lenient = new TextDecoder(encoding).decode(chunk ?? new Uint8Array(0));
        const bad = lenient.indexOf('\uFFFD');
        const line = lines + 1 + countNewlines(lenient, bad < 0 ? lenient.length : bad);
        throw new AppError(
          'import-encoding',
          `The file is not valid ${encoding} text (line ${line}). Choose another encoding.`,
          { encoding, line },
        );
      }
      lines += countNewlines(text);
      return text;
    },
  };
}
