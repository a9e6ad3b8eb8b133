// The packaged app's hardening that only shows in configuration: Electron fuses set by
// electron-builder, and the refusal to store a secret where safeStorage would only obfuscate.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { assertSecretStoreSafe } from '../../../electron/main/keychain-policy';

/** The `key: value` lines of one top-level block of electron-builder.yml. */
function yamlBlock(text: string, name: string): Record<string, string> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l === `${name}:`);
  expect(start, `${name}: block`).toBeGreaterThanOrEqual(0);
  const out: Record<string, string> = {};
  for (const line of lines.slice(start + 1)) {
    const m = /^ {2}(\w+):\s*(\S+)\s*$/.exec(line);
    if (!m) break;
    out[m[1]!] = m[2]!;
  }
  return out;
}

describe('packaging', () => {
  it('flips the Electron fuses: no run-as-node, NODE_OPTIONS or inspect; asar integrity and cookie encryption on', () => {
    const fuses = yamlBlock(readFileSync('electron-builder.yml', 'utf8'), 'electronFuses');
    expect(fuses).toMatchObject({
      runAsNode: 'false',
      enableNodeOptionsEnvironmentVariable: 'false',
      enableNodeCliInspectArguments: 'false',
      enableCookieEncryption: 'true',
      enableEmbeddedAsarIntegrityValidation: 'true',
      onlyLoadAppFromAsar: 'true',
    });
  });
});

describe('secret store policy', () => {
  it('refuses Linux basic_text (a fixed key) and an unknown backend, with a coded error', () => {
    for (const backend of ['basic_text', 'unknown'] as const) {
      expect(() => assertSecretStoreSafe('linux', true, () => backend)).toThrowError(expect.objectContaining({ code: 'secret-store-unsafe', details: { platform: 'linux', backend } }));
    }
    expect(() => assertSecretStoreSafe('win32', false, () => 'unknown')).toThrowError(expect.objectContaining({ code: 'secret-store-unsafe' }));
  });

  it('accepts a real keyring on Linux, and the OS store elsewhere', () => {
    for (const backend of ['gnome_libsecret', 'kwallet5', 'kwallet6'] as const) expect(() => assertSecretStoreSafe('linux', true, () => backend)).not.toThrow();
    // The backend is a Linux notion: it is not even asked on Windows or macOS.
    expect(() => assertSecretStoreSafe('darwin', true, () => { throw new Error('not asked'); })).not.toThrow();
  });
});
