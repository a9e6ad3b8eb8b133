// The helper that reads ahead while a PIN is checked: the work runs while the check is pending,
// not at all when the check has already failed, and its result is only used while the database
// is unchanged (a write by this connection or a commit by another voids it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { stillValid, whileAuthenticating } from '../../../electron/services/campaigns/while-authenticating';
import { tempDb } from '../../helpers/tmp';

let t: ReturnType<typeof tempDb>;
beforeEach(() => {
  t = tempDb();
});
afterEach(() => t.cleanup());

const slowYes = (ms = 30): Promise<string> => new Promise((resolve) => setTimeout(() => resolve('user'), ms));

describe('whileAuthenticating', () => {
  it('does the work while the check is pending, and its result holds while nothing changed', async () => {
    let pending = true;
    const { user, early } = await whileAuthenticating(t.db, () => slowYes().finally(() => (pending = false)), () => ({ wasPending: pending }));
    expect(user).toBe('user');
    expect(early?.value).toEqual({ wasPending: true });
    expect(stillValid(t.db, early)).toEqual({ wasPending: true });
  });

  it('voids the result after a write by this connection', async () => {
    const { early } = await whileAuthenticating(t.db, () => slowYes(), () => 42);
    t.db.prepare("INSERT INTO settings (key, value) VALUES ('x', '1')").run();
    expect(stillValid(t.db, early)).toBeUndefined();
  });

  it('voids the result after a commit by another connection', async () => {
    const { early } = await whileAuthenticating(t.db, () => slowYes(), () => 42);
    const other = new Database(t.file);
    other.prepare("INSERT INTO settings (key, value) VALUES ('y', '1')").run();
    other.close();
    expect(stillValid(t.db, early)).toBeUndefined();
  });

  it('skips the work when the check fails at once (a locked user), and rejects as the check did', async () => {
    let ran = false;
    const locked = Promise.reject(Object.assign(new Error('locked'), { code: 'pin-locked' }));
    await expect(whileAuthenticating(t.db, () => locked, () => (ran = true))).rejects.toMatchObject({ code: 'pin-locked' });
    expect(ran).toBe(false);
  });

  it('rejects as a slow failing check does, after doing the work', async () => {
    const wrong = () => new Promise<string>((_, reject) => setTimeout(() => reject(Object.assign(new Error('wrong'), { code: 'pin-wrong' })), 20));
    await expect(whileAuthenticating(t.db, wrong, () => 1)).rejects.toMatchObject({ code: 'pin-wrong' });
  });

  it('gives no early result when the work throws (the caller does it again after the PIN)', async () => {
    const { user, early } = await whileAuthenticating(t.db, () => slowYes(), () => {
      throw new Error('boom');
    });
    expect(user).toBe('user');
    expect(early).toBeNull();
    expect(stillValid(t.db, early)).toBeUndefined();
  });
});
