// The organisation's recovery code: shown once when set-up completes (and again each time it is
// used or replaced), stored only as a scrypt hash. With it plus another user's PIN, a user who
// forgot their PIN gets a new one, so a forgotten PIN never locks an organisation out, and
// recovery still needs two people: the code is meant to be kept away from the users (the
// chair's safe, a sealed envelope), so its keeper and a second user must both take part.
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { readSetting, writeSetting } from '../../db/repos/settings-repo';
import type { Clock } from '../clock';
import { hashPin, pinMatches } from './pin-hash';
import { LOCK_MS, MAX_PIN_FAILURES } from './pin-gate';

const KEYS = {
  hash: 'users.recovery_code_hash',
  failures: 'users.recovery_code_failures',
  lockedUntil: 'users.recovery_code_locked_until',
} as const;

// Crockford's base32 without I, L, O, U: nothing to misread when copied by hand.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const GROUPS = 4;
const GROUP_LEN = 5;

/** 20 characters of base32 (100 bits) in groups of five: XXXXX-XXXXX-XXXXX-XXXXX. */
function newRecoveryCodeText(): string {
  const bytes = randomBytes(GROUPS * GROUP_LEN);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]);
  const groups: string[] = [];
  for (let i = 0; i < GROUPS; i++) groups.push(chars.slice(i * GROUP_LEN, (i + 1) * GROUP_LEN).join(''));
  return groups.join('-');
}

/** What people type: any case, spaces or hyphens, O for 0 and I/L for 1. */
function normaliseRecoveryCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]/g, '').replace(/O/g, '0').replace(/[IL]/g, '1');
}

export function hasRecoveryCode(db: Db): boolean {
  return readSetting(db, KEYS.hash) !== null;
}

/** Makes a new code (the old one stops working) and returns it: the only time it is readable. */
export async function issueRecoveryCode(db: Db): Promise<string> {
  const code = newRecoveryCodeText();
  const h = await hashPin(normaliseRecoveryCode(code));
  writeSetting(db, KEYS.hash, JSON.stringify(h));
  return code;
}

/** Throws 'recovery-code-wrong' (with tries left) or 'pin-locked' (with until) unless the code is right. */
export async function verifyRecoveryCode(db: Db, clock: Clock, text: string): Promise<void> {
  const lockedUntil = Number(readSetting(db, KEYS.lockedUntil) ?? 0);
  if (lockedUntil > clock.now()) throw new AppError('pin-locked', 'Too many wrong recovery codes', { until: lockedUntil });
  const stored = readSetting(db, KEYS.hash);
  const ok = stored !== null && (await pinMatches(normaliseRecoveryCode(text), JSON.parse(stored) as { hash: string; salt: string }));
  if (ok) {
    writeSetting(db, KEYS.failures, null);
    return;
  }
  const failures = Number(readSetting(db, KEYS.failures) ?? 0) + 1;
  if (failures >= MAX_PIN_FAILURES) {
    const until = clock.now() + LOCK_MS;
    db.transaction(() => {
      writeSetting(db, KEYS.failures, null);
      writeSetting(db, KEYS.lockedUntil, String(until));
    })();
    throw new AppError('pin-locked', 'Too many wrong recovery codes', { until });
  }
  writeSetting(db, KEYS.failures, String(failures));
  throw new AppError('recovery-code-wrong', 'The recovery code is not correct', { remaining: MAX_PIN_FAILURES - failures });
}
