// The approval digest (promise 3): SHA-256 over the canonical encoding of exactly what will be
// sent: templates, attachments (name, sha256, bytes), sender profile, check findings, and the
// recipient rows (through their own hash, version 2). Per-part hashes are kept too, so a voided
// approval can say what changed.
import { createHash } from 'node:crypto';
import { sha256Hex } from '../sha256';
import { canonicalEncode, type Canonical } from '../../../shared/digest/canonical';
import type { Fields } from '../../db/json';
import type { Selection } from '../../../shared/recipients';

const DIGEST_VERSION = 'tayori-approval/2';
const LEGACY_VERSION = 'tayori-approval/1';

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

/** The recipient rows' part of the digest: their hash and how many there are. */
export interface RecipientsHash {
  readonly recipients: string;
  readonly rowCount: number;
}

/**
 * Hashes the rows (streamed: a million rows never sit in one string). Each encoded piece is
 * self-delimiting, so row · row · … · end is itself an unambiguous encoding. member_id is
 * deliberately not hashed: re-importing identical rows gives new ids but the same messages, and
 * must not void an approval.
 */
export function hashRecipients(rows: Iterable<DigestRow>): RecipientsHash {
  const recipients = createHash('sha256');
  let position = 0;
  for (const r of rows) {
    recipients.update(canonicalEncode(['row', position, r.email, r.name, r.fields]), 'utf8');
    position++;
  }
  recipients.update(canonicalEncode(['end', position]), 'utf8');
  return { recipients: recipients.digest('hex'), rowCount: position };
}

function headerParts(header: DigestHeader): Omit<Record<DigestPart, string>, 'recipients'> {
  return {
    templates: sha(canonicalEncode(header.templates)),
    attachments: sha(canonicalEncode(header.attachments as unknown as Canonical)),
    profile: sha(canonicalEncode(header.profile as unknown as Canonical)),
    checks: sha(canonicalEncode(header.checks as unknown as Canonical)),
  };
}

/**
 * The digest from the header and the recipients' hash: the rows enter through their hash, so a
 * snapshot hashed once when it is frozen (snapshots-repo's stored hash) need not be read again
 * to verify an approval.
 */
export function digestOf(header: DigestHeader, rows: RecipientsHash): DigestResult {
  const head = canonicalEncode({ v: DIGEST_VERSION, ...header } as unknown as Canonical);
  const digest = sha(canonicalEncode(['digest', head, rows.recipients, rows.rowCount]));
  return { digest, parts: { ...headerParts(header), recipients: rows.recipients }, rowCount: rows.rowCount };
}

export function computeDigest(header: DigestHeader, rows: Iterable<DigestRow>): DigestResult {
  return digestOf(header, hashRecipients(rows));
}

/**
 * The digest as version 1 computed it (header and every row in one stream). Approvals given
 * before version 2 carry it; they are still honoured, at the cost of reading the rows.
 */
export function legacyDigest(header: DigestHeader, rows: Iterable<DigestRow>): string {
  const whole = createHash('sha256');
  whole.update(canonicalEncode({ v: LEGACY_VERSION, ...header } as unknown as Canonical), 'utf8');
  let position = 0;
  for (const r of rows) {
    whole.update(canonicalEncode(['row', position, r.email, r.name, r.fields]), 'utf8');
    position++;
  }
  whole.update(canonicalEncode(['end', position]), 'utf8');
  return whole.digest('hex');
}

/** Which parts differ between two results (empty when the digests agree). */
export function changedParts(a: Readonly<Record<DigestPart, string>>, b: Readonly<Record<DigestPart, string>>): DigestPart[] {
  return (Object.keys(a) as DigestPart[]).filter((k) => a[k] !== b[k]);
}
