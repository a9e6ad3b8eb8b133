// Canonical encoding of plain data for digests: one value has exactly one encoding, and the
// encoding of a sequence of values can be split back unambiguously (every part is self-delimiting).
// Grammar: null → "n" · true/false → "t"/"f" · integer → "i" digits ";" · string → "s" JSON-string
// · array → "[" items "]" · object → "{" (JSON-key value)* "}" with keys sorted by UTF-16 code units.
// Anything else (undefined, fractions, NaN, Infinity, functions, class instances) is refused, so two
// different inputs can never collide through a lossy conversion.

export type Canonical = null | boolean | number | string | readonly Canonical[] | { readonly [key: string]: Canonical };

export class CanonicalError extends Error {
  constructor(path: string, what: string) {
    super(`Cannot encode ${what} at ${path || '(root)'} canonically`);
    this.name = 'CanonicalError';
  }
}

function encodeInto(value: unknown, path: string, out: string[]): void {
  if (value === null) {
    out.push('n');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 't' : 'f');
      return;
    case 'number':
      if (!Number.isSafeInteger(value)) throw new CanonicalError(path, `the number ${String(value)}`);
      // -0 and 0 are the same integer; String(-0) is "0".
      out.push('i', String(value), ';');
      return;
    case 'string':
      // JSON.stringify escapes quotes, control characters and lone surrogates, so the string is
      // delimited and every distinct string (including ill-formed UTF-16) gets a distinct text.
      out.push('s', JSON.stringify(value));
      return;
    case 'object': {
      if (Array.isArray(value)) {
        out.push('[');
        value.forEach((v, i) => encodeInto(v, `${path}[${i}]`, out));
        out.push(']');
        return;
      }
      const proto: unknown = Object.getPrototypeOf(value);
      if (proto !== Object.prototype && proto !== null) throw new CanonicalError(path, 'a non-plain object');
      const obj = value as Record<string, unknown>;
      const keys = Object.keys(obj).sort();
      out.push('{');
      for (const k of keys) {
        out.push(JSON.stringify(k));
        encodeInto(obj[k], `${path}.${k}`, out);
      }
      out.push('}');
      return;
    }
    default:
      throw new CanonicalError(path, typeof value);
  }
}

/** The canonical text of a value (hash it as UTF-8). Throws CanonicalError on unsupported input. */
export function canonicalEncode(value: Canonical): string {
  const out: string[] = [];
  encodeInto(value, '', out);
  return out.join('');
}
