// Channels of "after the send" over IMAP (issue 13): a mail account's IMAP settings, checking for
// bounces, a notice's bounced members, and putting them on the suppression list.
import { z } from 'zod';
import { SENT_COPY_MODES, type ImapFields } from '../imap-account';
import { channel, result } from './define';
import { actorId, id, security, signers } from './schemas';
import type { BounceScanDto, BounceSummaryDto, ImapAccountDto } from './dto';

const folder = z.string().min(1).max(200);

/** Every field the form edits, typed against the account so a field cannot be added on one side only. */
const imapFields = {
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  security,
  authUser: z.string().min(1).max(320),
  readOnly: z.boolean(),
  bounceFolder: folder.nullable(),
  sentFolder: folder,
  sentCopy: z.enum(SENT_COPY_MODES),
  scanDays: z.number().int().min(1).max(90),
} satisfies { readonly [K in keyof ImapFields]-?: z.ZodType<ImapFields[K]> };

export const bounceChannels = {
  'imap:get': channel(z.object({ profileId: id }), result<ImapAccountDto | null>()),
  /**
   * Saves the IMAP settings (password write-only: omit to keep, '' to remove). After set-up it takes
   * two users' PINs, as the mail account does: the Sent copy puts members' messages on that server.
   */
  'imap:save': channel(
    z.object({ actorId: actorId.nullable(), profileId: id, account: z.object({ ...imapFields, password: z.string().max(1000).optional() }), signers: signers.optional() }),
    result<ImapAccountDto>(),
  ),
  'imap:remove': channel(z.object({ actorId, profileId: id, signers: signers.optional() }), result<null>()),
  /** Signs in and opens INBOX read-only; nothing is read or changed. */
  'imap:test': channel(z.object({ profileId: id }), result<{ readonly messages: number }>()),
  'bounces:summary': channel(z.object({ campaignId: id }), result<BounceSummaryDto>()),
  /** Reads new messages in INBOX and matches bounce reports by the original Message-ID. */
  'bounces:check': channel(z.object({ actorId, campaignId: id }), result<BounceScanDto>()),
  /** Puts these hard-bounced members of the notice on the suppression list (confirmed in the UI; audited). */
  'bounces:suppress': channel(z.object({ actorId, campaignId: id, sendIds: z.array(id).min(1).max(100_000) }), result<{ readonly suppressed: number }>()),
} as const;
