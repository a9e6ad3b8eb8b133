// The practice workspace's own secret namespace. Secrets are named by row id ('smtp-profile:1',
// 'imap-account:1', 'oauth-refresh:1') and the practice database numbers its rows from 1 too, so
// sharing the real store would let practice mode (no real PIN) read, overwrite or delete the real
// account's passwords and tokens. Every name is prefixed here, below every service, so nothing
// built on the practice database can even name a real secret.
import type { SecretStore } from '../secrets/secret-store';

const PREFIX = 'practice:';

export function practiceSecretStore(real: SecretStore): SecretStore {
  return {
    set: (ref, secret) => real.set(PREFIX + ref, secret),
    get: (ref) => real.get(PREFIX + ref),
    delete: (ref) => real.delete(PREFIX + ref),
  };
}
