// JSON wire format of the browser host: bytes travel as { "$bytes": base64 } so that
// Uint8Array arguments and results survive HTTP exactly as they survive Electron's IPC.
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const LOOKUP = new Map([...ALPHABET].map((c, i) => [c, i]));

export function toBase64(data: Uint8Array): string {
  let out = '';
  for (let i = 0; i < data.length; i += 3) {
    const a = data[i]!;
    const b = data[i + 1];
    const c = data[i + 2];
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | ((b ?? 0) >> 4)]!;
    out += b === undefined ? '=' : ALPHABET[((b & 15) << 2) | ((c ?? 0) >> 6)]!;
    out += c === undefined ? '=' : ALPHABET[c & 63]!;
  }
  return out;
}

export function fromBase64(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (const ch of clean) {
    const v = LOOKUP.get(ch);
    if (v === undefined) throw new Error('invalid base64');
    acc = (acc << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
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
