// Opens an imapflow client for a mail account's IMAP side. imapAuth is the one seam for how
// Tayori signs in: user name + password today (the password from the SecretStore, as SMTP's);
// OAuth2 (issue 12a) returns { user, accessToken } here and nothing else changes.
import { ImapFlow } from 'imapflow';
import { AppError } from '../../../shared/errors';
import type { ImapAccount } from '../../../shared/imap-account';

export type ImapAuth = { readonly user: string; readonly pass: string } | { readonly user: string; readonly accessToken: string };

/** How to sign in to this account. */
export function imapAuth(account: ImapAccount, password: string | null): ImapAuth {
  if (password === null) throw new AppError('validation', 'The IMAP account has no password stored', { profileId: account.profileId });
  return { user: account.authUser, pass: password };
}

export interface ImapTimeouts {
  readonly connectionTimeout: number;
  readonly greetingTimeout: number;
  readonly socketTimeout: number;
}

const DEFAULT_TIMEOUTS: ImapTimeouts = { connectionTimeout: 30_000, greetingTimeout: 16_000, socketTimeout: 120_000 };

export async function openImap(account: ImapAccount, auth: ImapAuth, timeouts: Partial<ImapTimeouts> = {}): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: account.host,
    port: account.port,
    secure: account.security === 'tls',
    // STARTTLS is required when chosen (never silently plain); 'none' is allowed for loopback only by the rules.
    doSTARTTLS: account.security === 'starttls' ? true : account.security === 'none' ? false : undefined,
    auth,
    // imapflow's logger would print commands, and with them mailbox contents: none.
    logger: false,
    disableAutoIdle: true,
    ...DEFAULT_TIMEOUTS,
    ...timeouts,
  });
  // A dropped connection emits 'error'; the pending command rejects on its own, so it is only noted.
  client.on('error', () => undefined);
  try {
    await client.connect();
  } catch (e) {
    const err = e as { authenticationFailed?: boolean; code?: string; message?: string };
    if (err.authenticationFailed) throw new AppError('imap-auth', 'The IMAP server refused the user name or password', { host: account.host });
    throw new AppError('imap-connect', `Could not connect to the IMAP server ${account.host}:${account.port}`, { host: account.host, port: account.port, code: err.code ?? null });
  }
  return client;
}
