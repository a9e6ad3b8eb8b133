// AES-256-GCM cipher with a random key kept in a local file (0600), for the browser host where
// Electron's safeStorage is unavailable. Blob layout: version(1) | iv(12) | tag(16) | ciphertext.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { AppError } from '../../../shared/errors';
import type { Cipher } from './file-secret-store';

const VERSION = 1;

function loadOrCreateKey(keyFile: string): Buffer {
  if (existsSync(keyFile)) {
    const key = readFileSync(keyFile);
    if (key.length !== 32) throw new AppError('internal', 'The secret key file is damaged', { keyFile });
    return key;
  }
  const key = randomBytes(32);
  // 'wx': never overwrite a key created meanwhile (that would make every stored secret unreadable).
  writeFileSync(keyFile, key, { mode: 0o600, flag: 'wx' });
  return key;
}

export function createAesKeyFileCipher(keyFile: string): Cipher {
  const key = loadOrCreateKey(keyFile);
  return {
    encrypt(plain) {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([c.update(plain, 'utf8'), c.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, c.getAuthTag(), body]);
    },
    decrypt(blob) {
      if (blob.length < 29 || blob[0] !== VERSION) throw new AppError('internal', 'A stored secret is damaged');
      const d = createDecipheriv('aes-256-gcm', key, blob.subarray(1, 13));
      d.setAuthTag(blob.subarray(13, 29));
      // final() throws if the blob or the key was tampered with (GCM authentication).
      return Buffer.concat([d.update(blob.subarray(29)), d.final()]).toString('utf8');
    },
  };
}
