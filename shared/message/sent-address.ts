// The address a member is sent to, as their fields show it. A list cell "hanako.y＠example.jp "
// is normalised on import to the address actually used, but the row keeps the cell as typed, so
// {{メールアドレス}} printed a spelling that is not the address the mail went to.
import { normaliseAddress } from '../address';

/**
 * The row's fields, with each cell that is the recipient's address in another spelling
 * (full-width characters, spaces, mailto:, angle brackets) replaced by the address itself.
 * Only this row's own address is used (promise 2). The row itself is never changed.
 */
export function withSentAddress(fields: Readonly<Record<string, string>>, email: string): Readonly<Record<string, string>> {
  let out: Record<string, string> | null = null;
  for (const key of Object.keys(fields)) {
    const v = fields[key]!;
    // Cheap test first: most cells are not addresses, and most address cells are already exact.
    if (typeof v !== 'string' || v === email || !(v.includes('@') || v.includes('＠'))) continue;
    if (normaliseAddress(v).email !== email) continue;
    out ??= { ...fields };
    // defineProperty: a column named "__proto__" must stay a plain field.
    Object.defineProperty(out, key, { value: email, enumerable: true, writable: true, configurable: true });
  }
  return out ?? fields;
}
