// Practice mode (no real PIN; its users' PINs are on screen) has its own secret namespace. The
// secrets are named by row id ('smtp-profile:1', 'imap-account:1', 'oauth-refresh:1') and the
// practice database numbers its rows from 1 too, so with a shared namespace a practice edit could
// overwrite or delete the real account's password, IMAP password and OAuth refresh token (a
// routine edit even calls oauth.forget(id)). Found by the security probe; kept as a regression.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { deletePracticeData, hasPracticeData } from '../../../electron/services/practice/practice-mode';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';
import { createTestApp } from '../../helpers/app-harness';
import { startSmtpCapture } from '../../helpers/smtp-capture';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

describe('practice mode has its own secrets', () => {
  it("a practice account edit leaves the real account's password, IMAP password and OAuth refresh token alone", async () => {
    const smtp = await startSmtpCapture();
    cleanups.push(() => smtp.close());
    const secrets = createMemorySecretStore();
    const { call } = createTestApp(cleanups, secrets);

    // The real organisation: two users, its mail account (id 1) with its password and IMAP side.
    const a = await call('users:create', { name: '相川', pin: '4826' });
    const b = await call('users:create', { name: '別所', pin: '7391' });
    const two = [{ userId: a.id, pin: '4826' }, { userId: b.id, pin: '7391' }];
    const real = await call('profiles:create', {
      actorId: a.id, signers: two,
      profile: { name: 'office', host: '127.0.0.1', port: smtp.port, security: 'none', authUser: 'office@sakura.example', password: 'REAL-SMTP-PASSWORD', fromAddress: 'office@sakura.example', fromName: '事務局', perMinute: null, perHour: null, maxConnections: 1 },
    });
    await call('imap:save', {
      actorId: a.id, profileId: real.id, signers: two,
      account: { host: '127.0.0.1', port: 993, security: 'tls', authUser: 'office@sakura.example', readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'off', scanDays: 14, password: 'REAL-IMAP-PASSWORD' },
    });
    // As oauth-service stores a real sign-in's refresh token.
    await secrets.set(`oauth-refresh:${real.id}`, 'REAL-REFRESH-TOKEN');
    const realSecrets = async () => ({
      smtp: await secrets.get(`smtp-profile:${real.id}`),
      imap: await secrets.get(`imap-account:${real.id}`),
      oauth: await secrets.get(`oauth-refresh:${real.id}`),
    });
    const before = await realSecrets();
    expect(before).toEqual({ smtp: 'REAL-SMTP-PASSWORD', imap: 'REAL-IMAP-PASSWORD', oauth: 'REAL-REFRESH-TOKEN' });

    await call('practice:enter', {});
    const users = await call('users:list', {});
    const practiceSigners = [{ userId: users[0]!.id, pin: '1111' }, { userId: users[1]!.id, pin: '2222' }];
    const [p] = await call('profiles:list', {});
    expect(p!.id).toBe(real.id);
    const { id, hasPassword: _hasPassword, ...fields } = p!;
    // An ordinary edit of the practice account, one that sets a password, then an IMAP side: all allowed.
    await call('profiles:update', { actorId: null, id, signers: practiceSigners, profile: { ...fields, name: '練習' } });
    await call('profiles:update', { actorId: null, id, signers: practiceSigners, profile: { ...fields, password: 'set-in-practice' } });
    await call('imap:save', {
      actorId: null, profileId: id, signers: practiceSigners,
      account: { host: '127.0.0.1', port: 993, security: 'tls', authUser: 'x@sakura-heights.example', readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'off', scanDays: 14, password: 'set-in-practice' },
    });
    // They went to the practice namespace, not over the real names.
    expect(await secrets.get(`practice:smtp-profile:${id}`)).toBe('set-in-practice');
    expect(await secrets.get(`practice:imap-account:${id}`)).toBe('set-in-practice');
    // Removing the practice IMAP side deletes only the practice secret.
    await call('imap:remove', { actorId: users[0]!.id, profileId: id, signers: practiceSigners });
    expect(await secrets.get(`practice:imap-account:${id}`)).toBeNull();
    await call('practice:leave', {});

    expect(await realSecrets()).toEqual(before);
  });

  it('"delete practice data" deletes every secret practice kept, and only those', async () => {
    const secrets = createMemorySecretStore();
    const { call } = createTestApp(cleanups, secrets);
    await secrets.set('smtp-profile:1', 'REAL-SMTP-PASSWORD');
    await secrets.set('approval-code-hmac-key', 'REAL-KEY');
    await call('practice:enter', {});
    const users = await call('users:list', {});
    const signers = [{ userId: users[0]!.id, pin: '1111' }, { userId: users[1]!.id, pin: '2222' }];
    const [p] = await call('profiles:list', {});
    const { id, hasPassword: _hasPassword, ...fields } = p!;
    await call('profiles:update', { actorId: null, id, signers, profile: { ...fields, password: 'typed-in-practice' } });
    await call('imap:save', {
      actorId: null, profileId: id, signers,
      account: { host: '127.0.0.1', port: 993, security: 'tls', authUser: 'x@sakura-heights.example', readOnly: true, bounceFolder: null, sentFolder: 'Sent', sentCopy: 'off', scanDays: 14, password: 'typed-in-practice' },
    });
    await secrets.set('practice:approval-code-hmac-key', 'practice-key');
    expect(await secrets.get(`practice:smtp-profile:${id}`)).toBe('typed-in-practice');
    await call('practice:leave', {});
    await call('practice:delete', {});

    for (const ref of [`practice:smtp-profile:${id}`, `practice:imap-account:${id}`, 'practice:approval-code-hmac-key']) expect(await secrets.get(ref), ref).toBeNull();
    expect(await secrets.get('smtp-profile:1')).toBe('REAL-SMTP-PASSWORD');
    expect(await secrets.get('approval-code-hmac-key')).toBe('REAL-KEY');
    expect(secrets.size()).toBe(2);
  });

  // "Delete practice data" is what a person does about a damaged practice workspace; it failed
  // there with a raw SQLite error and kept the folder, because the secret names could not be read.
  it('"delete practice data" also works when the practice database is damaged, and leaves real secrets alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tayori-practice-damaged-'));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'practice'));
    writeFileSync(join(dir, 'practice', 'tayori-practice.db'), 'not a database '.repeat(500));
    const secrets = createMemorySecretStore();
    await secrets.set('smtp-profile:1', 'REAL-SMTP-PASSWORD');
    await secrets.set('approval-code-hmac-key', 'REAL-KEY');
    await secrets.set('practice:approval-code-hmac-key', 'practice-key');
    expect(hasPracticeData(dir)).toBe(true);

    await deletePracticeData(dir, undefined, secrets);

    expect(hasPracticeData(dir)).toBe(false);
    expect(existsSync(join(dir, 'practice'))).toBe(false);
    expect(await secrets.get('practice:approval-code-hmac-key')).toBeNull();
    expect(await secrets.get('smtp-profile:1')).toBe('REAL-SMTP-PASSWORD');
    expect(await secrets.get('approval-code-hmac-key')).toBe('REAL-KEY');
  });
});
