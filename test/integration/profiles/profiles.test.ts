import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { manualClock } from '../../../electron/services/clock';
import { createAuditService } from '../../../electron/services/audit/audit-service';
import { createProfileService, type ProfileInput } from '../../../electron/services/profiles/profile-service';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { createFileSecretStore } from '../../../electron/services/secrets/file-secret-store';
import { createAesKeyFileCipher } from '../../../electron/services/secrets/aes-key-file';
import { transportOptions } from '../../../electron/smtp/transport-options';
import { tempDb } from '../../helpers/tmp';

const PASSWORD = 'Pa55-word-for-smtp-ZK9';

const base: ProfileInput = {
  name: '町内会',
  host: 'smtp.example.jp',
  port: 587,
  security: 'starttls',
  authUser: 'office@example.jp',
  password: PASSWORD,
  fromAddress: 'office@example.jp',
  fromName: '桜町町内会',
  perMinute: 30,
  perHour: 500,
  maxConnections: 2,
};

function setup() {
  const t = tempDb();
  const clock = manualClock();
  const audit = createAuditService({ db: t.db, clock });
  const secrets = createMemorySecretStore();
  const profiles = createProfileService({ db: t.db, clock, secrets, audit });
  return { ...t, clock, audit, secrets, profiles };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.cleanup());

function dbBytes(file: string): Buffer {
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

describe('SMTP profiles', () => {
  it('stores a profile; the returned object never holds the password, only hasPassword', async () => {
    const p = await env.profiles.createProfile(base);
    expect(p).toMatchObject({ host: 'smtp.example.jp', port: 587, security: 'starttls', hasPassword: true, insecure: false, perMinute: 30 });
    for (const shown of [p, env.profiles.getProfile(p.id), ...env.profiles.listProfiles()]) {
      expect(JSON.stringify(shown)).not.toContain(PASSWORD);
      expect(shown).not.toHaveProperty('password');
    }
    expect(await env.profiles.getPassword(p.id)).toBe(PASSWORD);
    expect(dbBytes(env.file).includes(Buffer.from(PASSWORD))).toBe(false);
    expect(env.audit.exportCsv()).not.toContain(PASSWORD);
  });

  it('keeps, replaces and removes the password on update', async () => {
    const p = await env.profiles.createProfile(base);
    await env.profiles.updateProfile(p.id, { fromName: '新しい名前' });
    expect(await env.profiles.getPassword(p.id)).toBe(PASSWORD);
    await env.profiles.updateProfile(p.id, { password: 'another-secret' });
    expect(await env.profiles.getPassword(p.id)).toBe('another-secret');
    const cleared = await env.profiles.updateProfile(p.id, { password: null });
    expect(cleared.hasPassword).toBe(false);
    expect(await env.profiles.getPassword(p.id)).toBeNull();
    expect(env.secrets.size()).toBe(0);
  });

  it("allows security 'none' only for this computer, flagged as insecure", async () => {
    await expect(env.profiles.createProfile({ ...base, security: 'none' })).rejects.toMatchObject({ code: 'smtp-insecure' });
    await expect(env.profiles.createProfile({ ...base, host: '192.168.1.10', security: 'none' })).rejects.toMatchObject({ code: 'smtp-insecure' });
    for (const host of ['127.0.0.1', 'localhost', '::1']) {
      const p = await env.profiles.createProfile({ ...base, host, security: 'none' });
      expect(p.insecure).toBe(true);
    }
    const p = await env.profiles.createProfile({ ...base, host: '127.0.0.1', security: 'none' });
    await expect(env.profiles.updateProfile(p.id, { host: 'smtp.example.jp' })).rejects.toMatchObject({ code: 'smtp-insecure' });
  });

  it('validates port, sender address, limits and header-breaking names', async () => {
    await expect(env.profiles.createProfile({ ...base, port: 0 })).rejects.toMatchObject({ code: 'validation' });
    await expect(env.profiles.createProfile({ ...base, fromAddress: 'not an address' })).rejects.toMatchObject({ code: 'validation' });
    await expect(env.profiles.createProfile({ ...base, fromAddress: 'a@b.jp, c@d.jp' })).rejects.toMatchObject({ code: 'validation' });
    await expect(env.profiles.createProfile({ ...base, fromName: 'x\r\nBcc: all@example.jp' })).rejects.toMatchObject({ code: 'validation' });
    await expect(env.profiles.createProfile({ ...base, perMinute: 0 })).rejects.toMatchObject({ code: 'validation' });
    await expect(env.profiles.createProfile({ ...base, maxConnections: 0 })).rejects.toMatchObject({ code: 'validation' });
  });

  it('builds pooled transport options that match the security setting', async () => {
    const p = await env.profiles.createProfile(base);
    const o = transportOptions(p, PASSWORD) as Record<string, unknown>;
    expect(o).toMatchObject({ pool: true, maxConnections: 2, secure: false, requireTLS: true, host: 'smtp.example.jp', port: 587 });
    expect(o['auth']).toEqual({ user: 'office@example.jp', pass: PASSWORD });
    const tls = await env.profiles.createProfile({ ...base, port: 465, security: 'tls' });
    expect(transportOptions(tls, null)).toMatchObject({ secure: true, requireTLS: false });
    expect((transportOptions(tls, null).tls as { rejectUnauthorized: boolean }).rejectUnauthorized).toBe(true);
  });

  it('records creation and edits in the audit log without secrets', async () => {
    const p = await env.profiles.createProfile(base);
    await env.profiles.updateProfile(p.id, { port: 2525, password: 'x-secret-2' });
    const updated = env.audit.list({ action: 'profile.updated' });
    expect(updated[0]!.details).toMatchObject({ profileId: p.id, changed: ['port'], passwordChanged: true });
    expect(JSON.stringify(env.audit.list())).not.toContain('x-secret-2');
  });
});

describe('secret stores', () => {
  it('file store with the AES-256-GCM key file keeps secrets encrypted on disk and reads them back', async () => {
    const keyFile = join(env.dir, 'secret.key');
    const file = join(env.dir, 'secrets.json');
    const store = createFileSecretStore(file, createAesKeyFileCipher(keyFile));
    await store.set('smtp-profile:1', PASSWORD);
    expect(readFileSync(file, 'utf8')).not.toContain(PASSWORD);
    expect(readFileSync(keyFile)).toHaveLength(32);
    // A second instance (an app restart) reads the same secret with the same key file.
    const again = createFileSecretStore(file, createAesKeyFileCipher(keyFile));
    expect(await again.get('smtp-profile:1')).toBe(PASSWORD);
    await again.delete('smtp-profile:1');
    expect(await store.get('smtp-profile:1')).toBeNull();
  });

  it('a tampered blob is refused by GCM authentication', () => {
    const cipher = createAesKeyFileCipher(join(env.dir, 'k.key'));
    const blob = cipher.encrypt('秘密のパスワード');
    expect(cipher.decrypt(blob)).toBe('秘密のパスワード');
    blob[blob.length - 1]! ^= 1;
    expect(() => cipher.decrypt(blob)).toThrow();
  });

  it('profiles work through the file store (as the browser host wires them)', async () => {
    const secrets = createFileSecretStore(join(env.dir, 's.json'), createAesKeyFileCipher(join(env.dir, 's.key')));
    const profiles = createProfileService({ db: env.db, clock: env.clock, secrets });
    const p = await profiles.createProfile(base);
    expect(await profiles.getPassword(p.id)).toBe(PASSWORD);
    expect(readFileSync(join(env.dir, 's.json'), 'utf8')).not.toContain(PASSWORD);
  });
});
