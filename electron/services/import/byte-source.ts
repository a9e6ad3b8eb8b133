// Where an import's bytes come from: a file on disk (streamed, never read whole) or bytes the
// UI uploaded (the browser host receives a file's content over HTTP).
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';

export interface ByteSource {
  readonly name: string;
  readonly size: number;
  /** Up to `max` bytes from the start. */
  sample(max: number): Promise<Uint8Array>;
  /** The whole content in order, in chunks of bounded size. */
  chunks(): AsyncIterable<Uint8Array>;
}

/** Large reads: fewer round trips through the event loop and the parser. */
const CHUNK_BYTES = 1 << 20;

function unreadable(path: string, e: unknown): AppError {
  const code = (e as { code?: string }).code ?? 'unknown';
  return new AppError('import-unreadable', `Cannot read the file (${code}).`, { file: basename(path), code });
}

export async function fileSource(path: string): Promise<ByteSource> {
  let size: number;
  try {
    const st = await stat(path);
    if (!st.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    size = st.size;
  } catch (e) {
    throw unreadable(path, e);
  }
  return {
    name: basename(path),
    size,
    async sample(max) {
      try {
        const fh = await open(path, 'r');
        try {
          const buf = new Uint8Array(Math.min(max, size));
          const { bytesRead } = await fh.read(buf, 0, buf.length, 0);
          return buf.subarray(0, bytesRead);
        } finally {
          await fh.close();
        }
      } catch (e) {
        throw unreadable(path, e);
      }
    },
    async *chunks() {
      const stream = createReadStream(path, { highWaterMark: CHUNK_BYTES });
      try {
        for await (const chunk of stream) yield chunk as Buffer;
      } catch (e) {
        throw unreadable(path, e);
      } finally {
        stream.destroy();
      }
    },
  };
}

export function bufferSource(bytes: Uint8Array, name: string): ByteSource {
  return {
    name,
    size: bytes.length,
    sample: async (max) => bytes.subarray(0, Math.min(max, bytes.length)),
    async *chunks() {
      for (let i = 0; i < bytes.length; i += CHUNK_BYTES) yield bytes.subarray(i, i + CHUNK_BYTES);
    },
  };
}
