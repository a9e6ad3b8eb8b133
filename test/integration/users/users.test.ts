import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { manualClock } from '../../../electron/services/clock';
import { createAuditService } from '../../../electron/services/audit/audit-service';
import { createUserService, LOCK_MS } from '../../../electron/services/users/user-service';
import { tempDb } from '../../helpers/tmp';

const PIN = '73915286';
const PASSPHRASE = 'kumo-no-ue-de-odoru';

function setup() {
  const t = tempDb();
  const clock = manualClock();
  const audit = createAuditService({ db: t.db, clock });
  const users = createUserService({ db: t.db, clock, audit });
  return { ...t, clock, audit, users };
}

let env: ReturnType<typeof setup>;
beforeEach(() => {
  env = setup();
});
afterEach(() => env.cleanup());

function fileBytes(file: string): Buffer {
  const parts = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
  return Buffer.concat(parts);
}

describe('users and PINs', () => {
  it('creates users and lists them without any hash or salt', async () => {
    await env.users.createUser('佐藤', PIN);
    await env.users.createUser('鈴木', PASSPHRASE);
    const list = env.users.listUsers();
    expect(list.map((u) => u.name)).toEqual(['佐藤', '鈴木']);
    for (const u of list) expect(Object.keys(u).sort()).toEqual(['createdAt', 'id', 'lockedUntil', 'name']);
  });

  it('accepts 4-8 digits or a passphrase of 8+ characters, refuses the rest', async () => {
    for (const bad of ['123', 'abcd', 'abc1234', '', '12 4']) {
      await expect(env.users.createUser(`u${bad}`, bad)).rejects.toMatchObject({ code: 'validation' });
    }
    await expect(env.users.createUser('four', '1234')).resolves.toMatchObject({ name: 'four' });
    await expect(env.users.createUser('phrase', 'abcdefgh')).resolves.toMatchObject({ name: 'phrase' });
  });

  it('refuses a second user with the same name', async () => {
    await env.users.createUser('佐藤', PIN);
    await expect(env.users.createUser('佐藤', '1111')).rejects.toMatchObject({ code: 'user-exists' });
  });

  it('verifies the right PIN and refuses a wrong one with pin-wrong', async () => {
    const u = await env.users.createUser('佐藤', PIN);
    await expect(env.users.verifyPin(u.id, PIN)).resolves.toMatchObject({ id: u.id });
    await expect(env.users.verifyPin(u.id, '73915287')).rejects.toMatchObject({ code: 'pin-wrong', details: { remaining: 4 } });
  });

  it('uses a different salt per user: the same PIN gives different hashes', async () => {
    await env.users.createUser('a', PIN);
    await env.users.createUser('b', PIN);
    const rows = env.db.prepare('SELECT pin_hash, pin_salt FROM users').all() as { pin_hash: string; pin_salt: string }[];
    expect(rows[0]!.pin_salt).not.toBe(rows[1]!.pin_salt);
    expect(rows[0]!.pin_hash).not.toBe(rows[1]!.pin_hash);
    expect(Buffer.from(rows[0]!.pin_salt, 'base64')).toHaveLength(16);
    expect(rows[0]!.pin_hash).toMatch(/^scrypt\$/);
  });

  it('locks a user after 5 wrong PINs for 15 minutes, audits each failure and the lock, then unlocks', async () => {
    const u = await env.users.createUser('佐藤', PIN);
    const other = await env.users.createUser('鈴木', '2468');
    for (let i = 1; i <= 4; i++) {
      await expect(env.users.verifyPin(u.id, '0000')).rejects.toMatchObject({ code: 'pin-wrong' });
    }
    const start = env.clock.now();
    const fifth = env.users.verifyPin(u.id, '0000');
    await expect(fifth).rejects.toMatchObject({ code: 'pin-locked', details: { until: start + LOCK_MS } });
    // Locked: even the right PIN is refused, with the unlock time.
    await expect(env.users.verifyPin(u.id, PIN)).rejects.toMatchObject({ code: 'pin-locked', details: { until: start + LOCK_MS } });
    // Counted per user: the other user is not affected.
    await expect(env.users.verifyPin(other.id, '2468')).resolves.toMatchObject({ id: other.id });
    env.clock.advance(LOCK_MS - 1);
    await expect(env.users.verifyPin(u.id, PIN)).rejects.toMatchObject({ code: 'pin-locked' });
    env.clock.advance(1);
    await expect(env.users.verifyPin(u.id, PIN)).resolves.toMatchObject({ id: u.id, lockedUntil: null });

    const failed = env.audit.list({ action: 'pin.failed' });
    expect(failed).toHaveLength(5);
    expect(failed.map((e) => e.details['attempts'])).toEqual([1, 2, 3, 4, 5]);
    const locked = env.audit.list({ action: 'pin.locked' });
    expect(locked).toHaveLength(1);
    expect(locked[0]!.details).toMatchObject({ userId: u.id, until: start + LOCK_MS });
  });

  it('a right PIN resets the failure counter', async () => {
    const u = await env.users.createUser('佐藤', PIN);
    for (let i = 0; i < 4; i++) await expect(env.users.verifyPin(u.id, '0000')).rejects.toMatchObject({ code: 'pin-wrong' });
    await env.users.verifyPin(u.id, PIN);
    for (let i = 0; i < 4; i++) await expect(env.users.verifyPin(u.id, '0000')).rejects.toMatchObject({ code: 'pin-wrong' });
    await expect(env.users.verifyPin(u.id, PIN)).resolves.toMatchObject({ id: u.id });
  });

  it('concurrent wrong attempts are all counted (no lost update)', async () => {
    const u = await env.users.createUser('佐藤', PIN);
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => env.users.verifyPin(u.id, '0000')));
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.filter((c) => c === 'pin-locked')).toHaveLength(1);
    await expect(env.users.verifyPin(u.id, PIN)).rejects.toMatchObject({ code: 'pin-locked' });
  });

  it('locks longer each time: 15 minutes, then 30, then an hour; a right PIN starts again', async () => {
    const u = await env.users.createUser('佐藤', PIN);
    const locks: number[] = [];
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 5; i++) await expect(env.users.verifyPin(u.id, '0000')).rejects.toMatchObject({ code: /pin-(wrong|locked)/ });
      const until = env.audit.list({ action: 'pin.locked' }).at(-1)!.details['until'] as number;
      locks.push(until - env.clock.now());
      env.clock.set(until);
    }
    expect(locks).toEqual([LOCK_MS, 2 * LOCK_MS, 4 * LOCK_MS]);
    await expect(env.users.verifyPin(u.id, PIN)).resolves.toMatchObject({ id: u.id });
    for (let i = 0; i < 4; i++) await expect(env.users.verifyPin(u.id, '0000')).rejects.toMatchObject({ code: 'pin-wrong' });
    await expect(env.users.verifyPin(u.id, '0000')).rejects.toMatchObject({ code: 'pin-locked', details: { until: env.clock.now() + LOCK_MS } });
  });

  it('40 parallel wrong PINs: only 5 are evaluated, and a right PIN sent 6th is refused', async () => {
    const u = await env.users.createUser('佐藤', PIN);
    const started = performance.now();
    const guesses = Array.from({ length: 40 }, (_, i) => env.users.verifyPin(u.id, i === 5 ? PIN : String(1000 + i)));
    const results = await Promise.allSettled(guesses);
    const ms = performance.now() - started;
    const codes = results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'));
    expect(codes.slice(0, 4)).toEqual(Array(4).fill('pin-wrong'));
    expect(codes.slice(4)).toEqual(Array(36).fill('pin-locked'));
    expect(env.audit.list({ action: 'pin.failed' })).toHaveLength(5);
    console.log(`PIN race: 40 parallel attempts settled in ${ms.toFixed(0)} ms, ${env.audit.list({ action: 'pin.failed' }).length} evaluated`);
  });

  it('never stores or logs the PIN in clear: not in the database file, not in the audit log', async () => {
    const a = await env.users.createUser('佐藤', PIN);
    const b = await env.users.createUser('鈴木', PASSPHRASE);
    await env.users.verifyPin(a.id, PIN);
    await expect(env.users.verifyPin(b.id, 'wrong-passphrase-QX')).rejects.toMatchObject({ code: 'pin-wrong' });
    const bytes = fileBytes(env.file);
    for (const secret of [PIN, PASSPHRASE, 'wrong-passphrase-QX']) {
      expect(bytes.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(env.audit.exportCsv()).not.toContain(secret);
    }
  });

  it('unknown users are not-found', async () => {
    await expect(env.users.verifyPin(999, PIN)).rejects.toMatchObject({ code: 'not-found' });
  });
});
