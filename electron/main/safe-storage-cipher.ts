// Backs the file secret store with Electron's safeStorage (OS keychain / DPAPI / libsecret), so
// the SMTP password is encrypted at rest by the OS and never reaches the renderer. Storing is
// refused where safeStorage would only obfuscate (keychain-policy.ts).
import { safeStorage } from 'electron';
import type { Cipher } from '../services/secrets/file-secret-store';
import { assertSecretStoreSafe } from './keychain-policy';

export function safeStorageCipher(): Cipher {
  return {
    encrypt(plain) {
      assertSecretStoreSafe(process.platform, safeStorage.isEncryptionAvailable(), () => safeStorage.getSelectedStorageBackend());
      return safeStorage.encryptString(plain);
    },
    decrypt(blob) {
      return safeStorage.decryptString(blob);
    },
  };
}
