// SHA-256 as lower-case hex: how attachments are identified in the digest, the attachments table
// and the send-time re-check, so all three must hash the same way.
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return typeof data === 'string'
    ? createHash('sha256').update(data, 'utf8').digest('hex')
    : createHash('sha256').update(data).digest('hex');
}
