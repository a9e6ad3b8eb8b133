// Normalises an address as typed into a spreadsheet: full-width forms, stray spaces, a mailto:
// prefix, upper-case domains and Unicode (IDN) domains. Every change is reported, never silent.
import { domainToAscii } from './punycode';

export type AddressChange =
  | 'trimmed'
  | 'full-width'
  | 'lower-cased-domain'
  | 'removed-spaces'
  | 'mailto-removed'
  | 'angle-brackets-removed'
  | 'idn-domain';

export interface NormalisedAddress {
  readonly email: string;
  readonly changes: AddressChange[];
}

// The common case (a clean ASCII address with a lower-case domain) must cost one regex test:
// imports run this a million times.
const CLEAN = /^[!#-'*+\-/-9=?A-Z^-~.]+@[a-z0-9.-]+$/;
const FULL_WIDTH_ASCII = /[\uff01-\uff5e]/g;
// Whitespace as it turns up in spreadsheet cells: ASCII, NBSP, ideographic space, zero-width.
const SPACES = /[\s\u00a0\u3000\u200b\ufeff]/g;
const EDGE_SPACES = /^[\s\u00a0\u3000\u200b\ufeff]+|[\s\u00a0\u3000\u200b\ufeff]+$/g;
const NON_ASCII = /[^\x00-\x7f]/;

export function normaliseAddress(raw: string): NormalisedAddress {
  if (CLEAN.test(raw)) return { email: raw, changes: [] };
  const changes: AddressChange[] = [];
  let s = raw;

  const trimmed = s.replace(EDGE_SPACES, '');
  if (trimmed !== s) changes.push('trimmed');
  s = trimmed;

  // Full-width ASCII (U+FF01..FF5E, incl. ＠ and ．) maps to ASCII by a fixed offset, which is
  // exactly what NFKC does for that block; ideographic space becomes a space and is then removed.
  const narrowed = s.replace(FULL_WIDTH_ASCII, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
  if (narrowed !== s) changes.push('full-width');
  s = narrowed;

  if (/^mailto:/i.test(s)) {
    s = s.slice(7);
    changes.push('mailto-removed');
  }
  const angled = /^<(.*)>$/.exec(s);
  if (angled) {
    s = angled[1]!;
    changes.push('angle-brackets-removed');
  }

  const unspaced = s.replace(SPACES, '');
  if (unspaced !== s) changes.push('removed-spaces');
  s = unspaced;

  const at = s.lastIndexOf('@');
  if (at < 0) return { email: s, changes };
  const local = s.slice(0, at);
  let domain = s.slice(at + 1);

  if (NON_ASCII.test(domain)) {
    const ascii = domainToAscii(domain);
    if (ascii !== null && ascii !== domain) {
      domain = ascii;
      changes.push('idn-domain');
    }
  } else {
    const lower = domain.toLowerCase();
    if (lower !== domain) {
      domain = lower;
      changes.push('lower-cased-domain');
    }
  }
  return { email: local + '@' + domain, changes };
}

/** The domain of an address, lower-cased ('' when there is no '@'). */
export function domainOf(email: string): string {
  const at = email.lastIndexOf('@');
  return at < 0 ? '' : email.slice(at + 1).toLowerCase();
}
