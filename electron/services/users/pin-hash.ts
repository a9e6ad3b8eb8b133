// PIN hashing: scrypt with a 16-byte random salt per user, compared in constant time.
// The PIN itself is never stored, logged or put in an error.
import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import { AppError } from '../../../shared/errors';

const scrypt = promisify(scryptCb) as (pin: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;

// N=2^15, r=8: ~32 MiB and a few tens of ms per check. A 4-digit PIN has only 10,000 values,
// so the real protection is the lockout; the cost makes offline guessing of a copied DB slower.
const PARAMS = { N: 1 << 15, r: 8, p: 1 } as const;
const KEYLEN = 32;
const MAXMEM = 64 * 1024 * 1024;

export interface PinHash {
  /** 'scrypt$N$r$p$<base64 key>': the parameters travel with the hash so they can change later. */
  readonly hash: string;
  /** base64 of the 16-byte salt. */
  readonly salt: string;
}

/** 4–8 digits, or a passphrase of at least 8 characters. */
export function checkPinRules(pin: string): void {
  const ok = /^\d{4,8}$/.test(pin) || (pin.length >= 8 && pin.length <= 1024);
  if (!ok) throw new AppError('validation', 'The PIN must be 4 to 8 digits, or a passphrase of at least 8 characters', { field: 'pin' });
}

export async function hashPin(pin: string): Promise<PinHash> {
  const salt = randomBytes(16);
  const key = await scrypt(pin.normalize('NFC'), salt, KEYLEN, { ...PARAMS, maxmem: MAXMEM });
  return { hash: `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${key.toString('base64')}`, salt: salt.toString('base64') };
}

export async function pinMatches(pin: string, stored: PinHash): Promise<boolean> {
  const [alg, n, r, p, keyB64] = stored.hash.split('$');
  if (alg !== 'scrypt' || !keyB64) return false;
  const expected = Buffer.from(keyB64, 'base64');
  const actual = await scrypt(pin.normalize('NFC'), Buffer.from(stored.salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: MAXMEM,
  });
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
