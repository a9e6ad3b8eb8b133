// The practice workspace's own secret namespace. Secrets are named by row id ('smtp-profile:1',
// 'imap-account:1', 'oauth-refresh:1') and the practice database numbers its rows from 1 too, so
// sharing the real store would let practice mode (no real PIN) read, overwrite or delete the real
// account's passwords and tokens. Every name is prefixed here, below every service, so nothing
// built on the practice database can even name a real secret.
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import type { SecretStore } from '../secrets/secret-store';

const PREFIX = 'practice:';

export function practiceSecretStore(real: SecretStore): SecretStore {
  return {
    set: (ref, secret) => real.set(PREFIX + ref, secret),
    get: (ref) => real.get(PREFIX + ref),
    delete: (ref) => real.delete(PREFIX + ref),
  };
}

/** Secrets the practice workspace keeps under fixed names, not in a table (see approval-code.ts). */
const FIXED_REFS = ['approval-code-hmac-key'];

/**
 * Deletes every practice secret from the real store: those the practice database names (mail
 * accounts, IMAP accounts, OAuth sign-ins) and the fixed ones. Called with "delete practice
 * data" before the database itself goes, so no password or token typed in practice outlives it.
 * Returns how many names were deleted (whether or not a secret was kept under each).
 */
export async function deletePracticeSecrets(real: SecretStore, practiceDbFile: string): Promise<number> {
  const refs = new Set(FIXED_REFS);
  if (existsSync(practiceDbFile)) {
    for (const ref of namedSecrets(practiceDbFile)) refs.add(ref);
  }
  const store = practiceSecretStore(real);
  for (const ref of refs) await store.delete(ref);
  return refs.size;
}

/**
 * The secret names the practice database's rows hold. A database that cannot be read (damaged,
 * not SQLite) names none: "delete practice data" is what a person does about such a workspace,
 * so it must not fail there (it did: the folder stayed, with a raw SQLite error). The secrets it
 * named stay under the practice prefix, out of reach of every real account; they hold only what
 * was typed in practice.
 */
function namedSecrets(practiceDbFile: string): string[] {
  const refs: string[] = [];
  let db: Database.Database;
  try {
    db = new Database(practiceDbFile, { readonly: true, fileMustExist: true });
  } catch {
    return refs;
  }
  try {
    const tables = new Set(db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all() as string[]);
    // A practice database from an older build may lack the later tables.
    for (const table of ['smtp_profiles', 'imap_accounts', 'oauth_grants'].filter((t) => tables.has(t))) {
      refs.push(...(db.prepare(`SELECT secret_ref FROM ${table} WHERE secret_ref IS NOT NULL`).pluck().all() as string[]));
    }
  } catch {
    // Damaged: see above.
  } finally {
    db.close();
  }
  return refs;
}
