// Whether the OS secret store is safe enough for the SMTP password (or OAuth token). On Linux
// without a keyring, Electron's safeStorage falls back to 'basic_text': "encryption" with a
// fixed, public password, i.e. the secret sits on disk as good as in clear. Tayori refuses to
// store a secret that way and says how to fix it. Pure, so it is tested without Electron.
import { AppError } from '../../shared/errors';

export type StorageBackend = 'basic_text' | 'gnome_libsecret' | 'kwallet' | 'kwallet5' | 'kwallet6' | 'unknown';

/** Throws 'secret-store-unsafe' unless a secret can be encrypted by the OS for this user. */
export function assertSecretStoreSafe(platform: string, available: boolean, backend: () => StorageBackend): void {
  if (!available) {
    throw new AppError('secret-store-unsafe', 'The system keychain is not available, so the password cannot be stored safely.', { platform });
  }
  if (platform !== 'linux') return;
  const b = backend();
  if (b === 'basic_text' || b === 'unknown') {
    throw new AppError('secret-store-unsafe', 'No keyring (GNOME Keyring or KWallet) is running, so the password would be stored with a fixed key.', { platform, backend: b });
  }
}
