// Migration 0012 (issue 12): how an account logs in, and the OAuth2 sign-in that goes with it.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../electron/db/connection';
import { tempDir } from '../../helpers/tmp';

describe('0012 oauth sign-in', () => {
  it('keeps existing accounts on passwords, accepts only known methods and providers, and drops a grant with its account', () => {
    const t = tempDir();
    try {
      const db = openDatabase(join(t.dir, 'd.db'));
      db.prepare("INSERT INTO smtp_profiles (id, name, host, port, security, from_address, created_at, updated_at) VALUES (1, 'p', 'h', 587, 'starttls', 'a@b.jp', 0, 0)").run();
      expect(db.prepare('SELECT auth_method, oauth_provider FROM smtp_profiles').get()).toEqual({ auth_method: 'password', oauth_provider: null });
      expect(() => db.prepare("UPDATE smtp_profiles SET auth_method = 'kerberos'").run()).toThrow(/CHECK/);
      expect(() => db.prepare("UPDATE smtp_profiles SET oauth_provider = 'yahoo'").run()).toThrow(/CHECK/);
      db.prepare("UPDATE smtp_profiles SET auth_method = 'oauth2', oauth_provider = 'microsoft'").run();
      db.prepare("INSERT INTO oauth_grants (profile_id, provider, account, client_id, secret_ref, signed_in_at) VALUES (1, 'microsoft', 'a@b.jp', 'c', 'oauth-refresh:1', 0)").run();
      expect(() => db.prepare("INSERT INTO oauth_grants (profile_id, provider, client_id, secret_ref, signed_in_at) VALUES (9, 'google', 'c', 'r', 0)").run()).toThrow(/FOREIGN KEY/);
      db.prepare('DELETE FROM smtp_profiles WHERE id = 1').run();
      expect(db.prepare('SELECT count(*) AS n FROM oauth_grants').get()).toEqual({ n: 0 });
      db.close();
    } finally {
      t.cleanup();
    }
  });
});
