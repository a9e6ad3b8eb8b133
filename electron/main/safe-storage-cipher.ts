// Backs the file secret store with Electron's safeStorage (OS keychain / DPAPI / libsecret), so
// the SMTP password is encrypted at rest by the OS and never reaches the renderer.
import { safeStorage } from 'electron';
import { AppError } from '../../shared/errors';
import type { Cipher } from '../services/secrets/file-secret-store';

export function safeStorageCipher(): Cipher {
  return {
    encrypt(plain) {
      if (!safeStorage.isEncryptionAvailable()) {
        throw new AppError('internal', 'The system keychain is not available, so the password cannot be stored safely.');
      }
      return safeStorage.encryptString(plain);
    },
    decrypt(blob) {
      return safeStorage.decryptString(blob);
    },
  };
}
