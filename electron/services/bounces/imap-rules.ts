// Validation of a mail account's IMAP settings: where Tayori signs in to read bounces and to put
// the Sent copy (member data goes there, so the same rules as SMTP: no plain text off this machine).
import { AppError } from '../../../shared/errors';
import { SENT_COPY_MODES, type ImapFields } from '../../../shared/imap-account';
import { SMTP_SECURITIES } from '../../../shared/smtp-profile';

export type ImapInput = ImapFields & { readonly password?: string | null };

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1', '[::1]']);

/** Whether a host names this computer (plain text and practice mode stay on it). */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.has(host.trim().toLowerCase());
}

function invalid(field: string, message: string): AppError {
  return new AppError('validation', message, { field });
}

/** A folder name as IMAP knows it: no line breaks, not empty. */
function folder(v: string, field: string): string {
  const f = v.trim();
  if (!f || /[\r\n\0]/.test(f)) throw invalid(field, 'The folder name is missing or invalid');
  return f;
}

export function validateImap(input: ImapInput): ImapFields {
  const host = input.host.trim();
  if (!host || /\s/.test(host)) throw invalid('host', 'The IMAP server host is missing or invalid');
  if (!Number.isInteger(input.port) || input.port < 1 || input.port > 65535) throw invalid('port', 'The port must be 1-65535');
  if (!SMTP_SECURITIES.includes(input.security)) throw invalid('security', 'Unknown security setting');
  if (input.security === 'none' && !isLoopbackHost(host)) {
    throw new AppError('smtp-insecure', 'Unencrypted connections are only allowed to this computer (127.0.0.1)', { host });
  }
  const authUser = input.authUser.trim();
  if (!authUser || /[\r\n]/.test(authUser)) throw invalid('authUser', 'The IMAP user name is missing or invalid');
  if (!SENT_COPY_MODES.includes(input.sentCopy)) throw invalid('sentCopy', 'Unknown Sent copy setting');
  if (!Number.isInteger(input.scanDays) || input.scanDays < 1 || input.scanDays > 90) throw invalid('scanDays', 'Days must be 1-90');
  // Moving is the only write Tayori may do to the mailbox, and only into a folder the user named.
  const bounceFolder = input.bounceFolder?.trim() ? folder(input.bounceFolder, 'bounceFolder') : null;
  if (!input.readOnly && !bounceFolder) throw invalid('bounceFolder', 'Name the folder bounces are moved into, or keep the mailbox read-only');
  return {
    host,
    port: input.port,
    security: input.security,
    authUser,
    readOnly: input.readOnly,
    bounceFolder,
    sentFolder: folder(input.sentFolder, 'sentFolder'),
    sentCopy: input.sentCopy,
    scanDays: input.scanDays,
  };
}
