// Local users (operators and approvers) and PIN verification with a per-user lockout:
// 5 wrong PINs lock the user for 15 minutes; every failure and lock is audited.
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import * as repo from '../../db/repos/users-repo';
import type { User } from '../../db/repos/users-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import { checkPinRules, hashPin, pinMatches } from './pin-hash';

export type { User } from '../../db/repos/users-repo';

export const MAX_PIN_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;

export interface UserService {
  createUser(name: string, pin: string): Promise<User>;
  listUsers(): User[];
  getUser(id: number): User;
  /** Resolves with the user when the PIN is right; otherwise throws 'pin-wrong' or 'pin-locked'. */
  verifyPin(userId: number, pin: string): Promise<User>;
}

export function createUserService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditService }): UserService {
  function record(id: number): repo.UserRecord {
    const u = repo.getUserRecord(db, id);
    if (!u) throw new AppError('not-found', 'No such user', { userId: id });
    return u;
  }

  function lockedError(until: number): AppError {
    return new AppError('pin-locked', 'Too many wrong PINs: this user is locked for a while', { until });
  }

  return {
    async createUser(name, pin) {
      const clean = name.trim();
      if (!clean || clean.length > 100 || /[\r\n]/.test(clean)) {
        throw new AppError('validation', 'A user needs a display name (up to 100 characters)', { field: 'name' });
      }
      checkPinRules(pin);
      if (repo.findUserByName(db, clean)) throw new AppError('user-exists', 'A user with this name already exists', { name: clean });
      const h = await hashPin(pin);
      // Re-check after the await: another call may have created the same name meanwhile
      // (the UNIQUE constraint would also catch it, with a less helpful error).
      if (repo.findUserByName(db, clean)) throw new AppError('user-exists', 'A user with this name already exists', { name: clean });
      const id = repo.insertUser(db, { name: clean, pinHash: h.hash, pinSalt: h.salt, now: clock.now() });
      audit.record('user.created', { actor: clean, details: { userId: id } });
      return repo.toPublicUser(record(id));
    },

    listUsers: () => repo.listUserRecords(db).map(repo.toPublicUser),
    getUser: (id) => repo.toPublicUser(record(id)),

    async verifyPin(userId, pin) {
      const before = record(userId);
      if (before.lockedUntil !== null && before.lockedUntil > clock.now()) throw lockedError(before.lockedUntil);
      const ok = await pinMatches(pin, { hash: before.pinHash, salt: before.pinSalt });
      // Re-read after the (slow) hash: a parallel attempt may have locked the user meanwhile.
      const now = clock.now();
      const current = record(userId);
      if (current.lockedUntil !== null && current.lockedUntil > now) throw lockedError(current.lockedUntil);
      if (ok) {
        if (current.failedAttempts !== 0 || current.lockedUntil !== null) repo.resetFailures(db, userId);
        return repo.toPublicUser(record(userId));
      }
      const result = db.transaction(() => {
        const attempts = repo.incrementFailures(db, userId);
        audit.record('pin.failed', { actor: current.name, details: { userId, attempts } });
        if (attempts < MAX_PIN_FAILURES) return { locked: false as const, attempts };
        const until = now + LOCK_MS;
        repo.lockUser(db, userId, until);
        audit.record('pin.locked', { actor: current.name, details: { userId, until } });
        return { locked: true as const, until };
      })();
      if (result.locked) throw lockedError(result.until);
      throw new AppError('pin-wrong', 'The PIN is not correct', { remaining: MAX_PIN_FAILURES - result.attempts });
    },
  };
}
