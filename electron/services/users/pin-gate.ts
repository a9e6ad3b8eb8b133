// PIN verification with a per-user lockout (5 wrong PINs lock for 15 minutes, and each further
// 5 in a row for twice as long, up to a day: a 4-digit PIN must not fall to patient guessing at
// 480 tries a day), serialised per
// user: checks of one user's PIN run one after another, so the lock set by the 5th wrong PIN is
// seen by every later attempt however many arrive at once (40 parallel guesses were all
// evaluated before the fix, and a right PIN sent 6th was once accepted). A mailed approval code
// (issue 16) is a secret of the approver too, so wrong codes run through this same gate: they
// count with wrong PINs and lock the approver exactly as wrong PINs do.
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import * as repo from '../../db/repos/users-repo';
import type { AuditService } from '../audit/audit-service';
import type { AuditAction } from '../../../shared/reports/audit-actions';
import type { Clock } from '../clock';
import { pinMatches } from './pin-hash';

export const MAX_PIN_FAILURES = 5;
export const LOCK_MS = 15 * 60 * 1000;
const MAX_LOCK_MS = 24 * 60 * 60 * 1000;

/** The lock after `attempts` wrong PINs in a row (a multiple of 5): 15 min, 30 min, 1 h, … 24 h. */
function lockMs(attempts: number): number {
  const round = Math.max(1, Math.floor(attempts / MAX_PIN_FAILURES));
  return Math.min(MAX_LOCK_MS, LOCK_MS * 2 ** Math.min(round - 1, 16));
}

/** What is being guessed: it names the audit row and the error of a wrong guess. */
type SecretKind = 'pin' | 'approval-code';

export interface PinGate {
  /** Resolves with the user when the PIN is right; otherwise throws 'pin-wrong' or 'pin-locked'. */
  verify(userId: number, pin: string): Promise<repo.User>;
  /**
   * The same lock for another secret of the user (an approval code): `matches` is asked only
   * while the user is not locked; throws 'approval-code-wrong' or 'pin-locked'.
   */
  verifyWith(userId: number, kind: SecretKind, matches: () => Promise<boolean> | boolean): Promise<repo.User>;
}

const WRONG: Record<SecretKind, { code: 'pin-wrong' | 'approval-code-wrong'; message: string; action: AuditAction }> = {
  pin: { code: 'pin-wrong', message: 'The PIN is not correct', action: 'pin.failed' },
  'approval-code': { code: 'approval-code-wrong', message: 'The approval code is not correct', action: 'approval-code.failed' },
};

function lockedError(until: number): AppError {
  return new AppError('pin-locked', 'Too many wrong PINs: this user is locked', { until });
}

/** Runs one task at a time per key; a failed task does not stop the next. */
export function createKeyedQueue() {
  const tails = new Map<number, Promise<unknown>>();
  return function run<T>(key: number, task: () => Promise<T>): Promise<T> {
    const result = (tails.get(key) ?? Promise.resolve()).then(task, task);
    const tail = result.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return result;
  };
}

export function createPinGate({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditService }): PinGate {
  const serial = createKeyedQueue();

  function activeRecord(userId: number): repo.UserRecord {
    const u = repo.getUserRecord(db, userId);
    if (!u || u.removedAt !== null) throw new AppError('not-found', 'No such user', { userId });
    return u;
  }

  async function check(userId: number, kind: SecretKind, matches: (u: repo.UserRecord) => Promise<boolean> | boolean): Promise<repo.User> {
    const u = activeRecord(userId);
    // Refused before hashing: a locked user's PIN is not evaluated at all, right or wrong.
    if (u.lockedUntil !== null && u.lockedUntil > clock.now()) throw lockedError(u.lockedUntil);
    const ok = await matches(u);
    if (ok) {
      if (u.failedAttempts !== 0 || u.lockedUntil !== null) repo.resetFailures(db, userId);
      return repo.toPublicUser(activeRecord(userId));
    }
    const now = clock.now();
    const result = db.transaction(() => {
      const attempts = repo.incrementFailures(db, userId);
      audit.record(WRONG[kind].action, { actor: u.name, details: { userId, attempts } });
      // The count runs on across locks (only a right PIN resets it), so each lock is longer.
      if (attempts % MAX_PIN_FAILURES !== 0) return { locked: false as const, attempts };
      const until = now + lockMs(attempts);
      repo.lockUser(db, userId, until);
      audit.record('pin.locked', { actor: u.name, details: { userId, until } });
      return { locked: true as const, until };
    })();
    if (result.locked) throw lockedError(result.until);
    throw new AppError(WRONG[kind].code, WRONG[kind].message, { remaining: MAX_PIN_FAILURES - (result.attempts % MAX_PIN_FAILURES) });
  }

  return {
    verify: (userId, pin) => serial(userId, () => check(userId, 'pin', (u) => pinMatches(pin, { hash: u.pinHash, salt: u.pinSalt }))),
    verifyWith: (userId, kind, matches) => serial(userId, () => check(userId, kind, matches)),
  };
}
