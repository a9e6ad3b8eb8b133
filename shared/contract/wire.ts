// JSON wire format of the browser host: bytes travel as { "$bytes": base64 } so that
// Uint8Array arguments and results survive HTTP exactly as they survive Electron's IPC.
// Encoded through the platform's own base64 (btoa/atob in Node and the browser alike, or
// Uint8Array's base64 methods where they exist): a file of 15 MB, encoded a character at a time,
// kept the page's import from starting for seconds.

/** Bytes per btoa call: a multiple of 3 (no padding inside) small enough for String.fromCharCode's arguments. */
const CHUNK = 3 * 8192;

interface NativeBase64 {
  toBase64?: (this: Uint8Array) => string;
}
interface NativeBase64Ctor {
  fromBase64?: (text: string) => Uint8Array;
}

export function toBase64(data: Uint8Array): string {
  const native = (data as Uint8Array & NativeBase64).toBase64;
  if (typeof native === 'function') return native.call(data);
  const parts: string[] = [];
  for (let i = 0; i < data.length; i += CHUNK) parts.push(btoa(String.fromCharCode(...data.subarray(i, i + CHUNK))));
  return parts.join('');
}

export function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw new Error('invalid base64');
  const native = (Uint8Array as unknown as NativeBase64Ctor).fromBase64;
  try {
    if (typeof native === 'function') return native(text);
    const binary = atob(text);
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  } catch {
    throw new Error('invalid base64');
  }
}

/** JSON.stringify with bytes encoded. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, function (this: unknown, key: string, v: unknown) {
    // JSON.stringify has already called toJSON on Buffers; read the raw holder value instead.
    const raw = (this as Record<string, unknown>)[key];
    if (raw instanceof Uint8Array) return { $bytes: toBase64(raw) };
    return v;
  });
}

/** JSON.parse with bytes decoded. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const keys = Object.keys(v);
      const b64 = (v as { $bytes?: unknown }).$bytes;
      if (keys.length === 1 && typeof b64 === 'string') return fromBase64(b64);
    }
    return v;
  });
}
