// A SecretStore persisted in one JSON file of encrypted blobs (base64). Encryption is injected:
// Electron passes safeStorage.encryptString/decryptString, the browser host an AES key file.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { SecretStore } from './secret-store';

export interface Cipher {
  encrypt(plain: string): Buffer;
  decrypt(blob: Buffer): string;
}

export function createFileSecretStore(file: string, cipher: Cipher): SecretStore {
  function load(): Record<string, string> {
    if (!existsSync(file)) return {};
    const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
    return value !== null && typeof value === 'object' ? (value as Record<string, string>) : {};
  }
  function save(data: Record<string, string>): void {
    // Write-then-rename so a crash never leaves a half-written file (and loses every secret).
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(data), { mode: 0o600 });
    renameSync(tmp, file);
  }
  return {
    set(ref, secret) {
      const data = load();
      data[ref] = cipher.encrypt(secret).toString('base64');
      save(data);
    },
    get(ref) {
      const blob = load()[ref];
      return blob === undefined ? null : cipher.decrypt(Buffer.from(blob, 'base64'));
    },
    delete(ref) {
      const data = load();
      if (!(ref in data)) return;
      delete data[ref];
      save(data);
    },
  };
}
