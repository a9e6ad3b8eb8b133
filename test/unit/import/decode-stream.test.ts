// The chunk decoder hands text on in pieces that end after a line feed where the chunk has one
// (so the CSV reader starts each piece with no row left over). Where pieces end must never change
// the text: pieces joined are the file decoded whole, for every encoding, whatever the chunking,
// with multi-byte characters split across pieces and chunks.
import fc from 'fast-check';
import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import { createChunkDecoder } from '../../../electron/services/import/decode-stream';
import type { ImportEncoding } from '../../../electron/services/import/import-report';

const encode = (text: string, encoding: ImportEncoding): Uint8Array => {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  if (encoding === 'utf-16le') return new Uint8Array(Buffer.from(text, 'utf16le'));
  const to = encoding === 'shift_jis' ? 'SJIS' : 'EUCJP';
  return Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to, from: 'UNICODE' }));
};

function pieces(bytes: Uint8Array, encoding: ImportEncoding, chunkSize: number): { texts: string[]; lastOfChunk: boolean[] } {
  const decoder = createChunkDecoder(encoding);
  const texts: string[] = [];
  const lastOfChunk: boolean[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) {
    decoder.decode(bytes.subarray(i, i + chunkSize), false, (t) => {
      texts.push(t);
      lastOfChunk.push(false);
    });
    lastOfChunk[lastOfChunk.length - 1] = true;
  }
  decoder.decode(undefined, true, (t) => {
    texts.push(t);
    lastOfChunk.push(true);
  });
  return { texts, lastOfChunk };
}

// Rows of Japanese and ASCII text of random lengths, some longer than a piece (16 KiB).
const row = fc.oneof(
  fc.array(fc.constantFrom('山田', '太郎', 'ｱｲｳ', '髙', 'a', 'b@example.jp', ',', '"', ' '), { maxLength: 40 }).map((a) => a.join('')),
  fc.integer({ min: 16_000, max: 40_000 }).map((n) => '長'.repeat(n)),
);
const file = fc.array(row, { minLength: 1, maxLength: 60 }).map((rows) => rows.join('\r\n') + '\r\n');

describe('createChunkDecoder', () => {
  for (const encoding of ['utf-8', 'shift_jis', 'euc-jp', 'utf-16le'] as const) {
    it(`joins to the whole text, ${encoding}, pieces ending at a line feed where they can`, () => {
      fc.assert(
        fc.property(file, fc.integer({ min: 1, max: 70_000 }), (text, chunkSize) => {
          const bytes = encode(text, encoding);
          const { texts, lastOfChunk } = pieces(bytes, encoding, chunkSize);
          expect(texts.join('')).toBe(text);
          if (encoding === 'utf-16le') return;
          // Inside a chunk, a piece that holds a line feed ends with one.
          texts.forEach((t, i) => {
            if (!lastOfChunk[i] && t.includes('\n')) expect(t.endsWith('\n')).toBe(true);
          });
        }),
        { numRuns: 40 },
      );
    });
  }

  it('names the line of an invalid byte, wherever the pieces end', () => {
    const good = encode('a,b\r\n'.repeat(5000), 'shift_jis');
    const bytes = new Uint8Array([...good, 0x82, 0x0d, 0x0a]);
    const decoder = createChunkDecoder('shift_jis');
    expect(() => decoder.decode(bytes, true, () => {})).toThrow(/line 5001/);
  });
});
