// The approval digest (promise 3): SHA-256 over the canonical encoding of exactly what will be
// sent: templates, attachments (name, sha256, bytes), sender profile, check findings, and the
// recipient rows (through their own hash). Per-part hashes are kept too, so a voided approval can
// say what changed. Versions: 1 hashed header and rows in one stream; 2 hashed the parsed rows
// apart; 3 hashed the rows' stored text, so freezing 100k rows parses none of them; 4 (now) hashes
// it as 3 does, the fields text in the form stored since migration 0017 (an array after the
// layout's id): a row unchanged since an approval signed with 3 is hashed for 3 in the keyed form
// it had then (fields.ts keyedFieldsText), so the update voids no approval.
import { createHash } from 'node:crypto';
import { sha256Hex } from '../sha256';
import { canonicalEncode, type Canonical } from '../../../shared/digest/canonical';
import type { Fields } from '../../db/fields';
import type { Selection } from '../../../shared/recipients';

const DIGEST_VERSIONS = { 2: 'tayori-approval/2', 3: 'tayori-approval/3', 4: 'tayori-approval/4' } as const;
const LEGACY_VERSION = 'tayori-approval/1';

/** The digest versions whose recipients enter through their own hash. */
export type RowsVersion = keyof typeof DIGEST_VERSIONS;

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

/** The recipient rows' part of the digest: their hash, how many there are, and the version hashed for. */
export interface RecipientsHash {
  readonly recipients: string;
  readonly rowCount: number;
  readonly version: RowsVersion;
}

/**
 * Version 2: hashes the parsed rows (streamed: a million rows never sit in one string). Each
 * encoded piece is self-delimiting, so row · row · … · end is itself an unambiguous encoding.
 * member_id is deliberately not hashed: re-importing identical rows gives new ids but the same
 * messages, and must not void an approval. Kept to verify approvals signed with version 2.
 */
export function hashRecipients(rows: Iterable<DigestRow>): RecipientsHash {
  const recipients = createHash('sha256');
  let position = 0;
  for (const r of rows) {
    recipients.update(canonicalEncode(['row', position, r.email, r.name, r.fields]), 'utf8');
    position++;
  }
  recipients.update(canonicalEncode(['end', position]), 'utf8');
  return { recipients: recipients.digest('hex'), rowCount: position, version: 2 };
}

/** The digest versions that hash rows' digest texts (3: fields in the keyed form before migration 0017; 4: as stored since). */
export type TextVersion = 3 | 4;

/**
 * Versions 3 and 4: a streaming hash of the rows' digest texts, in order. A row's text is SQLite's
 * `json_array(email, name, fields_json)` of the text that is stored and that the sender parses
 * (snapshots-repo), so the hash covers exactly what is sent with no parsing. Since migration 0017
 * the fields text names its layout by id instead of carrying the column names: the id is a hash of
 * the names, checked when the layout is stored (or one the migration gave rows written before),
 * and a stored layout can never change or go (its
 * triggers), so the text still fixes every name and value the sender will use. A JSON array is
 * self-delimiting and the end mark (canonical, not JSON: it starts "[s") cannot be read as a row,
 * so row · row · … · end is unambiguous. As in version 2, member_id is not hashed. Texts are
 * passed to the hash in batches: one call per row costs more than the hashing itself.
 */
export function rowTextHasher(version: TextVersion = 4): { add(text: string): void; addBytes(texts: Uint8Array, rows: number): void; finish(): RecipientsHash } {
  const h = createHash('sha256');
  let batch = '';
  let inBatch = 0;
  let rowCount = 0;
  return {
    add(text) {
      batch += text;
      rowCount++;
      if (++inBatch === 512) {
        h.update(batch, 'utf8');
        batch = '';
        inBatch = 0;
      }
    },
    /**
     * `rows` texts at once, concatenated, as the UTF-8 bytes SQLite stores (what add() hashes for
     * the same text read into a string: Tayori writes only well-formed UTF-8).
     */
    addBytes(texts, rows) {
      if (batch !== '') h.update(batch, 'utf8');
      batch = '';
      inBatch = 0;
      h.update(texts);
      rowCount += rows;
    },
    finish() {
      h.update(batch + canonicalEncode(['end', rowCount]), 'utf8');
      return { recipients: h.digest('hex'), rowCount, version };
    },
  };
}

export function hashRowTexts(texts: Iterable<string>, version: TextVersion = 4): RecipientsHash {
  const h = rowTextHasher(version);
  for (const t of texts) h.add(t);
  return h.finish();
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
  const head = canonicalEncode({ v: DIGEST_VERSIONS[rows.version], ...header } as unknown as Canonical);
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
