// Decodes attachment bytes to text the way Japanese offices write files: UTF-8 (with or
// without BOM), UTF-16 (with a BOM, or recognised by its zero bytes: Windows "Unicode text"),
// otherwise Shift_JIS (CP932, what Excel saves as CSV).

/**
 * 'utf-16le' or 'utf-16be' when the bytes are UTF-16 text: a BOM, or, in the first 1 KiB,
 * mostly zero bytes at odd (LE) or even (BE) positions, as ASCII-heavy text such as mail
 * headers has. Null otherwise.
 */
export function utf16Of(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 16) return null;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros++;
    if (bytes[i + 1] === 0) oddZeros++;
  }
  const pairs = n / 2;
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'utf-16le';
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'utf-16be';
  return null;
}

export function decodeText(bytes: Uint8Array): string {
  const utf16 = utf16Of(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    return new TextDecoder('shift_jis').decode(bytes);
  }
}

/** Bytes as Latin-1: for sniffing headers and scanning binary formats without failing. */
export function latin1(bytes: Uint8Array, max = bytes.length): string {
  return new TextDecoder('latin1').decode(bytes.subarray(0, Math.min(max, bytes.length)));
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Text of an Office Open XML part: tags removed (paragraph and cell ends become line breaks,
 * so words from different cells do not run together; runs inside a paragraph are joined
 * without a space, because Word splits words, and addresses, across runs).
 */
export function xmlText(xml: string): string {
  return xml
    .replace(/<\/(?:w:p|a:p|si|c|row|w:tc)>|<(?:w:br|w:tab|w:cr)\b[^>]*\/>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] === '#') {
        const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
        return Number.isFinite(code) ? String.fromCodePoint(code) : m;
      }
      return ENTITIES[e.toLowerCase()] ?? m;
    });
}
