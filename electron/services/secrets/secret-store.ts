// The small interface through which services see secrets (the SMTP password). The Electron
// glue backs it with safeStorage, the browser host with an AES key file, tests with memory.
export interface SecretStore {
  set(ref: string, secret: string): Promise<void> | void;
  get(ref: string): Promise<string | null> | string | null;
  delete(ref: string): void | Promise<void>;
}

/** Keeps secrets in a Map: for tests, never for real data. */
export function createMemorySecretStore(): SecretStore & { size(): number } {
  const map = new Map<string, string>();
  return {
    set: (ref, secret) => {
      map.set(ref, secret);
    },
    get: (ref) => map.get(ref) ?? null,
    delete: (ref) => {
      map.delete(ref);
    },
    size: () => map.size,
  };
}
