// Reads a request body up to a limit. Past it the body is not kept: the caller answers at once
// with `too-large`, and what the client still sends is read and dropped for a short while, so
// the answer reaches it (closing a socket with unread data sends a TCP reset, which can destroy
// an answer the client has not read yet), then the connection is cut. Memory stays at the limit.
import type { IncomingMessage } from 'node:http';
import { AppError } from '../../shared/errors';

/** How long, and how many more bytes, a refused upload is drained before the socket is closed. */
const LINGER_MS = 2_000;
const LINGER_BYTES = 16 * 1024 * 1024;

function sizeText(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round(bytes / 1024 / 1024)} MB` : `${Math.round(bytes / 1024)} KB`;
}

function tooLarge(channel: string, limit: number): AppError {
  return new AppError('too-large', `This request is larger than "${channel}" accepts (at most ${sizeText(limit)}).`, { channel, limit });
}

/** Drops the rest of the body, then closes the connection: after LINGER_MS or LINGER_BYTES, whichever comes first. */
function drain(req: IncomingMessage): void {
  let dropped = 0;
  const cut = () => req.socket.destroy();
  const timer = setTimeout(cut, LINGER_MS);
  timer.unref();
  req.on('data', (c: Buffer) => {
    dropped += c.length;
    if (dropped > LINGER_BYTES) cut();
  });
  req.on('close', () => clearTimeout(timer));
  req.resume();
}

/** The body as UTF-8 text, or a `too-large` AppError as soon as it is known to exceed `limit`. */
export function readBody(req: IncomingMessage, channel: string, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length']);
    if (Number.isFinite(declared) && declared > limit) {
      drain(req);
      return reject(tooLarge(channel, limit));
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (c: Buffer) => {
      size += c.length;
      if (size <= limit) return void chunks.push(c);
      chunks.length = 0;
      req.off('data', onData);
      req.off('end', onEnd);
      drain(req);
      reject(tooLarge(channel, limit));
    };
    const onEnd = () => resolve(Buffer.concat(chunks, size).toString('utf8'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', reject);
  });
}
