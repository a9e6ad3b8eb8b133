// The approval digest (promise 3): SHA-256 over the canonical encoding of exactly what will be
// sent: templates, attachments (name, sha256, bytes), sender profile, check findings, and the
// recipient rows. Per-part hashes are kept too, so a voided approval can say what changed.
import { createHash } from 'node:crypto';
import { sha256Hex } from '../sha256';
import { canonicalEncode, type Canonical } from '../../../shared/digest/canonical';
import type { Fields } from '../../db/json';
import type { Selection } from '../../../shared/recipients';

const DIGEST_VERSION = 'tayori-approval/1';

export interface DigestHeader {
  readonly templates: { readonly subject: string; readonly body: string; readonly encoding?: string };
  readonly attachments: readonly { readonly name: string; readonly sha256: string; readonly bytes: number }[];
  /** Identity and sender of the SMTP profile (null when none is chosen). */
  readonly profile: {
    readonly id: number;
    readonly host: string;
    readonly port: number;
    readonly security: string;
    readonly user: string | null;
    readonly fromAddress: string;
    readonly fromName: string;
    readonly practice: boolean;
  } | null;
  /** Blocking and warning findings of the check report (null when no checker is injected). */
  readonly checks: readonly { readonly code: string; readonly severity: string }[] | null;
  /** The recipient selection, when the notice does not go to the whole list. */
  readonly selection?: Selection;
}

export interface DigestRow {
  readonly email: string;
  readonly name: string;
  readonly fields: Fields;
}

export type DigestPart = 'templates' | 'attachments' | 'profile' | 'checks' | 'recipients';

export interface DigestResult {
  readonly digest: string;
  readonly parts: Readonly<Record<DigestPart, string>>;
  readonly rowCount: number;
}

const sha = sha256Hex;

/**
 * Streams the rows (a million rows never sit in one string). Each encoded piece is
 * self-delimiting, so header · row · row · … · end is itself an unambiguous encoding.
 * member_id is deliberately not hashed: re-importing identical rows gives new ids but the
 * same messages, and must not void an approval.
 */
export function computeDigest(header: DigestHeader, rows: Iterable<DigestRow>): DigestResult {
  const whole = createHash('sha256');
  const recipients = createHash('sha256');
  const head = canonicalEncode({ v: DIGEST_VERSION, ...header } as unknown as Canonical);
  whole.update(head, 'utf8');
  let position = 0;
  for (const r of rows) {
    const piece = canonicalEncode(['row', position, r.email, r.name, r.fields]);
    whole.update(piece, 'utf8');
    recipients.update(piece, 'utf8');
    position++;
  }
  const end = canonicalEncode(['end', position]);
  whole.update(end, 'utf8');
  recipients.update(end, 'utf8');
  return {
    digest: whole.digest('hex'),
    parts: {
      templates: sha(canonicalEncode(header.templates)),
      attachments: sha(canonicalEncode(header.attachments as unknown as Canonical)),
      profile: sha(canonicalEncode(header.profile as unknown as Canonical)),
      checks: sha(canonicalEncode(header.checks as unknown as Canonical)),
      recipients: recipients.digest('hex'),
    },
    rowCount: position,
  };
}

/** Which parts differ between two results (empty when the digests agree). */
export function changedParts(a: Readonly<Record<DigestPart, string>>, b: Readonly<Record<DigestPart, string>>): DigestPart[] {
  return (Object.keys(a) as DigestPart[]).filter((k) => a[k] !== b[k]);
}
