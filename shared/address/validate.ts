// Validates a (normalised) address against the basics of RFC 5321/5322: a dot-atom local part,
// the 64/254 length limits and LDH domain labels. Unicode domains are checked in their
// Punycode form. Quoted local parts and address literals are valid RFC but rejected as
// unsupported: no mobile or office mailbox in a member list needs them.
import { isCarrierAddress } from '../sending/carrier-domains';
import { domainToAscii } from './punycode';

export type AddressRejectReason =
  | 'empty'
  | 'no-at'
  | 'multiple-at'
  | 'local-empty'
  | 'local-too-long'
  | 'local-invalid'
  | 'local-dots'
  | 'quoted-local'
  | 'non-ascii-local'
  | 'domain-empty'
  | 'domain-invalid'
  | 'domain-literal'
  | 'too-long';

const ATEXT = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~.]+$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const NON_ASCII = /[^\x00-\x7f]/;
// The shape of almost every real address, accepted in one test; anything else takes the
// detailed path below, which names the reason. FAST accepts nothing the detailed path refuses.
const FAST =
  /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+(?=[a-z0-9-]*[a-z])[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;

export function validateAddress(email: string): AddressRejectReason | null {
  if (email.length <= 254 && FAST.test(email) && email.lastIndexOf('@') <= 64) return null;
  return validateAddressDetailed(email);
}

/** The rules one by one; exported for the test that checks FAST against it. */
export function validateAddressDetailed(email: string): AddressRejectReason | null {
  if (email.length === 0) return 'empty';
  const at = email.lastIndexOf('@');
  if (at < 0) return 'no-at';
  const local = email.slice(0, at);
  const rawDomain = email.slice(at + 1);
  if (local.startsWith('"')) return 'quoted-local';
  if (local.includes('@')) return 'multiple-at';
  if (local.length === 0) return 'local-empty';
  if (NON_ASCII.test(local)) return 'non-ascii-local';
  if (local.length > 64) return 'local-too-long';
  if (!ATEXT.test(local)) return 'local-invalid';
  // Leading, trailing or doubled dots: old Japanese carrier addresses (taro..@docomo.ne.jp)
  // have them; SMTP servers may refuse them, so they get their own reason the UI can explain.
  // The carriers still deliver to them, so for a carrier's domain they are accepted and sent
  // with a quoted local part ("taro.."@docomo.ne.jp, electron/smtp/quoted-local.ts).
  if ((local.startsWith('.') || local.endsWith('.') || local.includes('..')) && !isCarrierAddress(rawDomain)) return 'local-dots';

  if (rawDomain.length === 0) return 'domain-empty';
  if (rawDomain.startsWith('[')) return 'domain-literal';
  const domain = NON_ASCII.test(rawDomain) ? domainToAscii(rawDomain) : rawDomain;
  if (domain === null) return 'domain-invalid';
  if (domain.length > 253) return 'domain-invalid';
  const labels = domain.split('.');
  // A dotless domain only resolves inside one network; a member list never needs it.
  if (labels.length < 2) return 'domain-invalid';
  for (const label of labels) if (!LABEL.test(label)) return 'domain-invalid';
  if (/^[0-9]+$/.test(labels[labels.length - 1]!)) return 'domain-invalid';
  if (local.length + 1 + domain.length > 254) return 'too-long';
  return null;
}
