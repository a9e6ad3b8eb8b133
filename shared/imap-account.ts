// The IMAP side of a mail account (issue 13), declared once: the repository row, the service
// input, the zod schema and the DTO derive from ImapAccount. Bounces are read back from its
// INBOX, and a copy of each run can be put in its Sent folder. Read-only unless the user turns
// moving on (then only matched bounces are moved, into bounceFolder).
import type { SmtpSecurity } from './smtp-profile';

/** What goes to the Sent folder after a run: one copy + the recipient list (CSV), every message, or nothing. */
export const SENT_COPY_MODES = ['summary', 'every', 'off'] as const;
export type SentCopyMode = (typeof SENT_COPY_MODES)[number];

export interface ImapAccount {
  /** The mail account (SMTP profile) this belongs to: one IMAP account per mail account. */
  readonly profileId: number;
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly authUser: string;
  readonly hasPassword: boolean;
  /** True (the default): Tayori never flags, moves or deletes anything in the mailbox. */
  readonly readOnly: boolean;
  /** Where matched bounces are moved when readOnly is off (required then). */
  readonly bounceFolder: string | null;
  readonly sentFolder: string;
  readonly sentCopy: SentCopyMode;
  /** For how many days after a run "check for bounces" reads the mailbox for it. */
  readonly scanDays: number;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What is stored and edited. */
export type ImapFields = Omit<ImapAccount, 'profileId' | 'hasPassword' | 'createdAt' | 'updatedAt'>;
