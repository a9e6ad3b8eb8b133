// The approval code's pieces: 8 random digits, typed back in any common way, and an HMAC that
// binds the code to one digest, one approver and one expiry under a key made once per machine.
import { describe, expect, it } from 'vitest';
import { codeMac, createCodeKey, formatCode, generateCode, macMatches, normaliseCode } from '../../../electron/services/approvals/approval-code';
import { createMemorySecretStore } from '../../../electron/services/secrets/secret-store';

const binding = { digest: 'a'.repeat(64), approverId: 2, expiresAt: 1_800_000_000_000 };

describe('approval code', () => {
  it('is 8 digits, spread over the whole range', () => {
    const codes = Array.from({ length: 2000 }, generateCode);
    for (const c of codes) expect(c).toMatch(/^\d{8}$/);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    // Every first digit turns up: no bias towards small numbers from a modulo.
    expect(new Set(codes.map((c) => c[0])).size).toBe(10);
  });

  it('reads back full-width digits, spaces and hyphens as typed from a phone call', () => {
    expect(normaliseCode('１２３４ ５６７８')).toBe('12345678');
    expect(normaliseCode(' 1234-5678 ')).toBe('12345678');
    expect(normaliseCode(formatCode('12345678'))).toBe('12345678');
  });

  it('matches only for the same digest, approver, expiry and code', async () => {
    const key = await createCodeKey(createMemorySecretStore())();
    const mac = codeMac(key, binding, '12345678');
    expect(mac).toMatch(/^[0-9a-f]{64}$/);
    expect(mac).not.toContain('12345678');
    expect(macMatches(key, binding, '12345678', mac)).toBe(true);
    expect(macMatches(key, binding, '12345679', mac)).toBe(false);
    expect(macMatches(key, { ...binding, digest: 'b'.repeat(64) }, '12345678', mac)).toBe(false);
    expect(macMatches(key, { ...binding, approverId: 3 }, '12345678', mac)).toBe(false);
    expect(macMatches(key, { ...binding, expiresAt: binding.expiresAt + 1 }, '12345678', mac)).toBe(false);
    expect(macMatches(key, binding, '12345678', 'not-hex')).toBe(false);
  });

  it('keeps one key per secret store, made once even when asked twice at once, and another store\'s key does not match', async () => {
    const store = createMemorySecretStore();
    const load = createCodeKey(store);
    const [k1, k2] = await Promise.all([load(), load()]);
    expect(k1.equals(k2)).toBe(true);
    expect(store.size()).toBe(1);
    expect((await createCodeKey(store)()).equals(k1)).toBe(true);
    const other = await createCodeKey(createMemorySecretStore())();
    expect(macMatches(other, binding, '12345678', codeMac(k1, binding, '12345678'))).toBe(false);
  });
});
