// An address as it is written on the wire (RCPT TO and the To header). Old carrier addresses
// with dots that break RFC 5322 (taro..@docomo.ne.jp, hanako.@ezweb.ne.jp) are only valid with
// a quoted local part ("taro.."@docomo.ne.jp); the carriers deliver those to the same mailbox.
// Only carrier domains are accepted with such dots (shared/address/validate.ts).

/** RFC 5322 dot-atom: atext runs separated by single dots. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+(?:\.[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~]+)*$/;

export function wireAddress(address: string): string {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  if (at <= 0 || DOT_ATOM.test(local)) return address;
  return `"${local.replace(/["\\]/g, (c) => `\\${c}`)}"${address.slice(at)}`;
}
