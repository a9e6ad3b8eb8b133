// After a run, puts a copy in the account's Sent folder, as the user's own mail program would:
// 'summary' (default) one representative message (the first member's, as they received it) with
// the recipient list attached as CSV; 'every' each member's message rebuilt from its frozen row
// with its own Message-ID; 'off' nothing. The folder is created when it does not exist.
import type { ImapFlow } from 'imapflow';
import { buildMessage } from '../../../shared/message';
import type { SentCopyMode } from '../../../shared/imap-account';
import type { SentRecipientRow } from '../../db/repos/sends-repo';
import { buildMime, newMessageId, type MailAttachment } from '../../smtp/mail-transport';
import { recipientListCsv } from './recipient-list-csv';

export interface SentCopyInput {
  readonly mode: SentCopyMode;
  readonly folder: string;
  readonly sender: { readonly address: string; readonly name: string };
  readonly template: { readonly subject: string; readonly body: string };
  readonly attachments: readonly MailAttachment[];
  /** The members the run handed to the server (sent, bounced or unknown), in list order. */
  readonly recipients: readonly SentRecipientRow[];
  /** Every member of the run with its status, for the CSV. */
  readonly everyone: readonly SentRecipientRow[];
  readonly now: number;
}

async function ensureFolder(client: ImapFlow, folder: string): Promise<void> {
  const boxes = await client.list();
  if (!boxes.some((b) => b.path === folder)) await client.mailboxCreate(folder);
}

async function mimeOf(input: SentCopyInput, r: SentRecipientRow, extra: readonly MailAttachment[], subjectNote: string | null): Promise<Buffer | null> {
  const built = buildMessage({ sender: input.sender, recipient: { email: r.email, name: r.name, fields: r.fields }, template: input.template });
  if (!built.ok) return null;
  const m = built.message;
  return buildMime(
    { from: input.sender.address, to: r.email },
    {
      ...m,
      subject: subjectNote ? `${m.subject} ${subjectNote}` : m.subject,
      // The summary is a record, not the member's message: it gets its own Message-ID.
      messageId: subjectNote || !r.messageId ? newMessageId(input.sender.address) : r.messageId,
      date: new Date(r.finishedAt ?? input.now),
      attachments: [...input.attachments, ...extra],
    },
  );
}

/** Returns how many messages were appended. */
export async function appendSentCopy(client: ImapFlow, input: SentCopyInput): Promise<number> {
  if (input.mode === 'off' || input.recipients.length === 0) return 0;
  await ensureFolder(client, input.folder);
  if (input.mode === 'summary') {
    const first = input.recipients[0]!;
    const csv = { fileName: 'recipients.csv', content: recipientListCsv(input.everyone) };
    const raw = await mimeOf(input, first, [csv], `[${input.recipients.length}]`);
    if (!raw) return 0;
    await client.append(input.folder, raw, ['\\Seen'], new Date(input.now));
    return 1;
  }
  let n = 0;
  for (const r of input.recipients) {
    const raw = await mimeOf(input, r, [], null);
    if (!raw) continue;
    await client.append(input.folder, raw, ['\\Seen'], new Date(r.finishedAt ?? input.now));
    n++;
  }
  return n;
}
