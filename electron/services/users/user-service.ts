// Local users (operators and approvers). Until two users exist the organisation is setting up
// and anyone at the desk may add a user; from then on adding, renaming, removing a user or
// setting a new PIN takes the PINs of two different current users (promise 3: no one makes
// up an approver), and never leaves fewer than two. A forgotten PIN is recovered with the
// organisation's recovery code plus another user's PIN (recovery-code.ts).
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import * as repo from '../../db/repos/users-repo';
import type { User } from '../../db/repos/users-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import { createKeyedQueue, createPinGate, LOCK_MS, type PinGate } from './pin-gate';
import { checkPinRules, hashPin } from './pin-hash';
import { hasRecoveryCode, issueRecoveryCode, verifyRecoveryCode } from './recovery-code';

export { LOCK_MS };

/** Two users: every send, and every change of who may approve, needs a second person. */
export const MIN_USERS = 2;

/** One person confirming with their PIN. */
export interface Signer {
  readonly userId: number;
  readonly pin: string;
}

/** A new user; the recovery code is set when this user completed set-up (shown once). */
type CreatedUser = User & { readonly recoveryCode: string | null };

export interface UserService {
  /** True once two users exist: user changes then need two PINs. */
  isSetUp(): boolean;
  listUsers(): User[];
  /** Any user ever created (removed ones too, for names on the record). */
  getUser(id: number): User;
  verifyPin(userId: number, pin: string): Promise<User>;
  /** Another secret of the user (a mailed approval code), counted and locked with the PIN. */
  verifySecret: PinGate['verifyWith'];
  /** Two different current users confirm with their PINs; resolves with both, in order. */
  confirmTwo(signers: readonly Signer[]): Promise<[User, User]>;
  createUser(name: string, pin: string, signers?: readonly Signer[]): Promise<CreatedUser>;
  renameUser(userId: number, name: string, signers: readonly Signer[]): Promise<User>;
  setPin(userId: number, newPin: string, signers: readonly Signer[]): Promise<User>;
  removeUser(userId: number, signers: readonly Signer[]): Promise<void>;
  /** Forgotten PIN: the recovery code and another user's PIN; returns the user and the next code. */
  recover(userId: number, newPin: string, recoveryCode: string, helper: Signer): Promise<{ user: User; recoveryCode: string }>;
  /** Replaces the recovery code (e.g. the old one was seen by someone); two PINs. */
  newRecoveryCode(signers: readonly Signer[]): Promise<string>;
}

function cleanName(name: string): string {
  const clean = name.trim();
  if (!clean || clean.length > 100 || /[\p{Cc}\p{Cf}]/u.test(clean)) {
    throw new AppError('validation', 'A user needs a display name (up to 100 characters, one line)', { field: 'name' });
  }
  return clean;
}

export function createUserService({ db, clock, audit }: { db: Db; clock: Clock; audit: AuditService }): UserService {
  const gate = createPinGate({ db, clock, audit });
  // User changes and recovery run one at a time, so two of them cannot both pass the
  // "at least two users" rule and together leave fewer.
  const serial = createKeyedQueue();
  const ADMIN = 0;

  function record(id: number): repo.UserRecord {
    const u = repo.getUserRecord(db, id);
    if (!u) throw new AppError('not-found', 'No such user', { userId: id });
    return u;
  }
  function active(id: number): repo.UserRecord {
    const u = record(id);
    if (u.removedAt !== null) throw new AppError('not-found', 'This user was removed', { userId: id });
    return u;
  }
  const isSetUp = () => repo.countActiveUsers(db) >= MIN_USERS;

  function assertNameFree(name: string, exceptId?: number): void {
    const other = repo.findUserByName(db, name);
    if (other && other.id !== exceptId) throw new AppError('user-exists', 'A user with this name already exists', { name });
  }

  async function confirmTwo(signers: readonly Signer[]): Promise<[User, User]> {
    const [a, b] = signers;
    if (signers.length !== 2 || !a || !b || a.userId === b.userId) {
      throw new AppError('two-people-required', 'Two different users must confirm with their PINs', { needed: MIN_USERS });
    }
    // One after the other: a wrong first PIN costs nothing of the second user's tries.
    const first = await gate.verify(a.userId, a.pin);
    const second = await gate.verify(b.userId, b.pin);
    return [first, second];
  }

  const signedBy = (users: readonly User[]) => ({ signedBy: users.map((u) => ({ userId: u.id, name: u.name })) });
  const actorOf = (users: readonly User[]) => users.map((u) => u.name).join(' + ');

  return {
    isSetUp,
    listUsers: () => repo.listUserRecords(db).map(repo.toPublicUser),
    getUser: (id) => repo.toPublicUser(record(id)),
    verifyPin: (userId, pin) => gate.verify(userId, pin),
    verifySecret: (userId, kind, matches) => gate.verifyWith(userId, kind, matches),
    confirmTwo,

    createUser: (name, pin, signers = []) =>
      serial(ADMIN, async () => {
        const clean = cleanName(name);
        checkPinRules(pin);
        assertNameFree(clean);
        const confirmed = isSetUp() ? await confirmTwo(signers) : [];
        const h = await hashPin(pin);
        // Re-check after the awaits: another call may have created the same name meanwhile.
        assertNameFree(clean);
        const id = repo.insertUser(db, { name: clean, pinHash: h.hash, pinSalt: h.salt, now: clock.now() });
        audit.record('user.created', {
          actor: confirmed.length ? actorOf(confirmed) : clean,
          details: { userId: id, name: clean, ...(confirmed.length ? signedBy(confirmed) : { setUp: true }) },
        });
        // The user who completes set-up gets the organisation's recovery code, shown once.
        let recoveryCode: string | null = null;
        if (isSetUp() && !hasRecoveryCode(db)) {
          recoveryCode = await issueRecoveryCode(db);
          audit.record('recovery-code.issued', { actor: clean, details: { reason: 'set-up' } });
        }
        return { ...repo.toPublicUser(record(id)), recoveryCode };
      }),

    renameUser: (userId, name, signers) =>
      serial(ADMIN, async () => {
        const before = active(userId);
        const clean = cleanName(name);
        assertNameFree(clean, userId);
        const confirmed = await confirmTwo(signers);
        assertNameFree(clean, userId);
        repo.renameUser(db, userId, clean);
        audit.record('user.renamed', { actor: actorOf(confirmed), details: { userId, from: before.name, to: clean, ...signedBy(confirmed) } });
        return repo.toPublicUser(record(userId));
      }),

    setPin: (userId, newPin, signers) =>
      serial(ADMIN, async () => {
        const u = active(userId);
        checkPinRules(newPin);
        const confirmed = await confirmTwo(signers);
        const h = await hashPin(newPin);
        repo.setPin(db, userId, h.hash, h.salt);
        audit.record('user.pin-reset', { actor: actorOf(confirmed), details: { userId, name: u.name, ...signedBy(confirmed) } });
        return repo.toPublicUser(record(userId));
      }),

    removeUser: (userId, signers) =>
      serial(ADMIN, async () => {
        const u = active(userId);
        if (repo.countActiveUsers(db) <= MIN_USERS) {
          throw new AppError('two-people-required', 'Add another user first: two users must remain, so that a second person can approve', { needed: MIN_USERS });
        }
        const confirmed = await confirmTwo(signers);
        repo.markRemoved(db, userId, clock.now());
        audit.record('user.removed', { actor: actorOf(confirmed), details: { userId, name: u.name, ...signedBy(confirmed) } });
      }),

    recover: (userId, newPin, code, helper) =>
      serial(ADMIN, async () => {
        const u = active(userId);
        if (helper.userId === userId) {
          throw new AppError('two-people-required', 'Another user must confirm with their own PIN', { needed: MIN_USERS });
        }
        checkPinRules(newPin);
        const helperUser = await gate.verify(helper.userId, helper.pin);
        await verifyRecoveryCode(db, clock, code);
        const h = await hashPin(newPin);
        repo.setPin(db, userId, h.hash, h.salt);
        const next = await issueRecoveryCode(db);
        audit.record('user.pin-recovered', { actor: helperUser.name, details: { userId, name: u.name, ...signedBy([helperUser]), recoveryCodeReplaced: true } });
        return { user: repo.toPublicUser(record(userId)), recoveryCode: next };
      }),

    newRecoveryCode: (signers) =>
      serial(ADMIN, async () => {
        const confirmed = await confirmTwo(signers);
        const code = await issueRecoveryCode(db);
        audit.record('recovery-code.issued', { actor: actorOf(confirmed), details: { reason: 'replaced', ...signedBy(confirmed) } });
        return code;
      }),
  };
}
