// The approval code itself: 8 digits from crypto randomness (easy to read out over the phone),
// and the HMAC that is all Tayori keeps of it. The MAC covers the digest, the approver and the
// expiry as well as the code, so a code (or a row edited in the database) cannot be moved to
// another notice, another approver or a later expiry.
import { createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import type { SecretStore } from '../secrets/secret-store';

const CODE_DIGITS = 8;
/** The secret store entry of the HMAC key: created once on this machine, never in the database. */
const KEY_REF = 'approval-code-hmac-key';

/** Eight digits, every value equally likely (randomInt rejects biased draws). */
export function generateCode(): string {
  return String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
}

/** As typed: full-width digits (a Japanese IME) become ASCII; spaces and hyphens are dropped. */
export function normaliseCode(typed: string): string {
  return typed
    .replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\-－ー‐]/g, '');
}

/** "1234 5678": how the mail shows it, in two halves that are easy to read out. */
export function formatCode(code: string): string {
  return `${code.slice(0, 4)} ${code.slice(4)}`;
}

export interface CodeBinding {
  readonly digest: string;
  readonly approverId: number;
  readonly expiresAt: number;
}

export function codeMac(key: Buffer, b: CodeBinding, code: string): string {
  return createHmac('sha256', key).update(`tayori-approval-code\n${b.digest}\n${b.approverId}\n${b.expiresAt}\n${code}`).digest('hex');
}

export function macMatches(key: Buffer, b: CodeBinding, code: string, storedMac: string): boolean {
  const want = Buffer.from(storedMac, 'hex');
  const got = Buffer.from(codeMac(key, b, code), 'hex');
  return want.length === got.length && timingSafeEqual(want, got);
}

/** The HMAC key, made on first use; concurrent first uses share one creation. */
export function createCodeKey(secrets: SecretStore): () => Promise<Buffer> {
  let pending: Promise<Buffer> | null = null;
  const load = async (): Promise<Buffer> => {
    const stored = await secrets.get(KEY_REF);
    if (stored) return Buffer.from(stored, 'base64');
    const fresh = randomBytes(32);
    await secrets.set(KEY_REF, fresh.toString('base64'));
    return fresh;
  };
  return () => {
    pending ??= load().catch((e: unknown) => {
      pending = null;
      throw e;
    });
    return pending;
  };
}
