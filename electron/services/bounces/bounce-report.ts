// What a bounce report says, whatever shape it came in (RFC 3464 DSN, Exchange NDR, qmail,
// a Japanese carrier's notice): the original message it is about, and per recipient what failed.
import type { BounceKind } from '../../../shared/statuses';

export interface BouncedRecipient {
  /** The address the report names (lower-cased); null when the report names none. */
  readonly address: string | null;
  readonly kind: BounceKind;
  /** Enhanced status (5.1.1) or, failing that, the basic reply code (550); null when unstated. */
  readonly statusCode: string | null;
  /** The server's own words, one line, for the "details" view. */
  readonly diagnostic: string | null;
}

export interface BounceReport {
  /** The report's own Message-ID (or a digest of its bytes): a second scan records nothing twice. */
  readonly reportMessageId: string;
  /** The Message-ID of the notice it is about, from the returned headers; null: cannot be matched. */
  readonly originalMessageId: string | null;
  /** The server that wrote the report (Reporting-MTA or the From domain). */
  readonly reportedBy: string | null;
  readonly receivedAt: number | null;
  readonly recipients: readonly BouncedRecipient[];
}

/** Hard or soft from an enhanced status or reply code; null when the code says neither. */
export function kindOfCode(code: string | null): BounceKind | null {
  if (!code) return null;
  if (code.startsWith('5')) return 'hard';
  if (code.startsWith('4')) return 'soft';
  return null;
}
