// Types of the pre-approval check report: plain data in, plain data out (no database, no files).
import type { MessageEncoding } from '../sending/encodings';

export type Severity = 'blocking' | 'warning' | 'info';

/** How a member row differs from the previous import of the same list (members.change). */
export type RecipientChange = 'new' | 'email-changed' | 'name-changed' | null;

export interface CheckRecipient {
  readonly id: number;
  readonly email: string;
  readonly name: string;
  /** The row's columns as text, keyed by header: what the template renders from. The check service
   * carries only the columns the template names (read-fields.ts): no rule reads any other. */
  readonly fields: Readonly<Record<string, string>>;
  readonly change?: RecipientChange;
  /** 1-based line in the imported file, for messages. */
  readonly line?: number;
  /** Who changed the row in Tayori since it was imported (the approver is told). */
  readonly editedBy?: string;
}

/** An attachment as inspected by the service (electron/services/checks/attachment-inspect.ts). */
export interface CheckAttachment {
  readonly fileName: string;
  readonly bytes: number;
  readonly sha256: string;
  /** Readable text (txt/csv/tsv, docx/xlsx XML, PDF) when it could be extracted. */
  readonly text?: string;
  /** An archive that holds a mail file (directly or one archive deeper). */
  readonly containsMailFile?: boolean;
  /** Names of the files inside an archive (nested ones as "outer.zip/inner.eml"). */
  readonly innerNames?: readonly string[];
  /** The content starts like a MIME message (From:/To:/Subject:/Received:/Message-ID: headers). */
  readonly looksLikeMail?: boolean;
  /** Entries of an archive that are mail files, by name or by content ("outer.zip/inner.eml"). */
  readonly mailEntries?: readonly string[];
  /** An archive whose contents could not be read (encrypted, damaged). */
  readonly unreadable?: boolean;
  /** An archive holding archives nested deeper than are opened: their contents were not looked at. */
  readonly tooDeep?: boolean;
}

export interface CheckPolicy {
  /** The one address the organisation sends from; a profile with another From is blocked. */
  readonly organisationAddress?: string;
  /** The organisation's own mail domains (e.g. pref.mie.lg.jp). */
  readonly organisationDomains?: readonly string[];
  /** Members are organisations, so free-mail and carrier domains are suspicious. */
  readonly recipientsAreOrganisations?: boolean;
  /** Per-attachment size limit in bytes (default DEFAULT_MAX_ATTACHMENT_BYTES). */
  readonly maxAttachmentBytes?: number;
}

/**
 * Everything the checks look at. There is deliberately no Cc/Bcc/extra-recipient concept:
 * each recipient is one message with one To (DESIGN.md promise 1).
 */
export interface CheckInput {
  readonly template: { readonly subject: string; readonly body: string };
  readonly columns: readonly string[];
  readonly recipients: readonly CheckRecipient[];
  readonly attachments: readonly CheckAttachment[];
  readonly profile: { readonly fromAddress: string; readonly fromName?: string } | null;
  /** How the notice is written; ISO-2022-JP makes every character it cannot hold a blocking finding. */
  readonly encoding?: MessageEncoding;
  readonly policy: CheckPolicy;
  readonly previous?: { readonly lastSendCount?: number };
  /** People other than the requester who could approve (users count - 1). Omitted = not checked. */
  readonly approversAvailable?: number;
  /** Seed of the sample; the same seed and list give the same sample. */
  readonly sampleSeed?: string;
  /** Addresses the list marks as shared by several members (a family): each gets their own mail. */
  readonly sharedAddresses?: readonly string[];
  /** Who was left out of the recipients, and why (the recipient query's own counts). */
  readonly leftOut?: RecipientsLeftOut;
}

export interface RecipientsLeftOut {
  /** Rows merged into an identical earlier row (same address and name). */
  readonly merged: number;
  /** Members excluded from sending in the app. */
  readonly excluded: number;
  /** Members on the suppression list, with the reason (capped). */
  readonly suppressed: readonly { readonly email: string; readonly reason: string }[];
  readonly suppressedCount: number;
  /** Follow-up members no longer on the list (capped). */
  readonly missing: readonly { readonly email: string; readonly name: string }[];
  readonly missingCount: number;
}

export interface CheckItem {
  /** Stable code the UI translates and the digest covers (e.g. 'attachment-mail-file'). */
  readonly code: string;
  readonly severity: Severity;
  /** Affected member ids, capped at CHECK_MEMBERS_MAX; params.memberCount holds the full count. */
  readonly members?: readonly number[];
  /** Affected attachment file names. */
  readonly files?: readonly string[];
  readonly params: Readonly<Record<string, string | number>>;
  readonly message: { readonly ja: string; readonly en: string };
}

export interface SampleEntry {
  readonly id: number;
  readonly name: string;
  readonly email: string;
  /** First non-empty line of the rendered body ('' when the body cannot be rendered). */
  readonly greeting: string;
}

interface CheckCounts {
  readonly members: number;
  readonly domains: number;
  readonly attachments: number;
  readonly blocking: number;
  readonly warning: number;
  readonly info: number;
}

export interface CheckReport {
  /** Blocking first, then warnings, then info; stable order within each. */
  readonly items: readonly CheckItem[];
  readonly sample: readonly SampleEntry[];
  readonly counts: CheckCounts;
  /** Members per domain, largest first (top BY_DOMAIN_CAP; counts.domains has the total). */
  readonly byDomain: readonly { readonly domain: string; readonly count: number }[];
}

/** A rule sees the input plus a few values computed once for all rules. */
export interface Prepared {
  readonly input: CheckInput;
  /** Lower-cased addresses, index-aligned with input.recipients. */
  readonly emails: readonly string[];
  readonly locals: readonly string[];
  readonly domains: readonly string[];
  /** Lower-cased organisation domains. */
  readonly orgDomains: readonly string[];
}
