// Pure IDNA helpers: RFC 3492 Punycode encoding and a domain-to-ASCII conversion, because
// url.domainToASCII is Node-only and shared/ must run unchanged in the renderer too.
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 128;
const MAX_INT = 0x7fffffff;

function adapt(delta: number, numPoints: number, firstTime: boolean): number {
  let d = firstTime ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / numPoints);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return Math.floor(k + ((BASE - T_MIN + 1) * d) / (d + SKEW));
}

/** 0..25 → a..z, 26..35 → 0..9 */
function digit(d: number): string {
  return String.fromCharCode(d < 26 ? d + 97 : d + 22);
}

/** Punycode-encodes one label (without the xn-- prefix). Returns null on overflow. */
export function punycodeEncode(label: string): string | null {
  const cps = Array.from(label, (c) => c.codePointAt(0)!);
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  let output = '';
  for (const c of cps) if (c < 0x80) output += String.fromCharCode(c);
  const basic = output.length;
  let handled = basic;
  if (basic > 0) output += '-';
  while (handled < cps.length) {
    let m = MAX_INT;
    for (const c of cps) if (c >= n && c < m) m = c;
    if (m - n > Math.floor((MAX_INT - delta) / (handled + 1))) return null;
    delta += (m - n) * (handled + 1);
    n = m;
    for (const c of cps) {
      if (c < n && ++delta > MAX_INT) return null;
      if (c !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
        if (q < t) break;
        output += digit(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digit(q);
      bias = adapt(delta, handled + 1, handled === basic);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

// Label separators that IDNA (UTS #46) maps to '.': ideographic and full-width full stops.
const SEPARATORS = /[\u3002\uff0e\uff61]/g;

/**
 * Converts a possibly Unicode domain to its ASCII (xn--) form: NFKC + lower case per label
 * (the core of the UTS #46 mapping), then Punycode for labels that are not ASCII.
 * Returns null when a label cannot be encoded.
 */
export function domainToAscii(domain: string): string | null {
  const mapped = domain.normalize('NFKC').replace(SEPARATORS, '.').toLowerCase();
  const labels = mapped.split('.');
  const out: string[] = [];
  for (const label of labels) {
    if (/^[\x00-\x7f]*$/.test(label)) {
      out.push(label);
      continue;
    }
    const encoded = punycodeEncode(label);
    if (encoded === null) return null;
    out.push('xn--' + encoded);
  }
  return out.join('.');
}
