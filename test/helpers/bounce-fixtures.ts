// Bounce reports in the shapes real servers write (test/fixtures/bounces: RFC 3464 from Postfix
// and Gmail, an Office 365 NDR, qmail's QSBMF, docomo/au/SoftBank notices in ISO-2022-JP), with
// the original Message-ID and recipient filled in. The bytes are kept as they are (latin1 in,
// latin1 out), so the ISO-2022-JP bodies reach the parser unchanged.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

export const BOUNCE_FIXTURES = ['postfix-dsn', 'gmail', 'exchange-ndr', 'qmail', 'docomo', 'au', 'softbank'] as const;
export type BounceFixture = (typeof BOUNCE_FIXTURES)[number] | 'postfix-delayed' | 'human-reply';

export function bounceFixture(name: BounceFixture, fill: { messageId: string; rcpt: string; reportId?: string }): Buffer {
  let text = readFileSync(resolve('test/fixtures/bounces', `${name}.eml`)).toString('latin1');
  text = text.replaceAll('{{MESSAGE_ID}}', fill.messageId).replaceAll('{{RCPT}}', fill.rcpt);
  // A distinct report id per use, so several reports of one shape are distinct messages.
  if (fill.reportId) text = text.replace(/^(Message-I[Dd]:\s*)<[^>]+>/m, `$1${fill.reportId}`);
  return Buffer.from(text, 'latin1');
}
