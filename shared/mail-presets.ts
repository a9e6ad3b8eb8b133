// Provider presets for a mail account (issue 12), declared once: choosing one fills host, port,
// security, how to log in and the sending limits, and links to the provider's own help for what
// the user must switch on there. Per-minute, per-hour and per-day numbers go into the account's
// limits (the words in accounts.preset_<id>_limits say where they come from).
// Words for each preset are in renderer/src/i18n/accounts-{ja,en}.ts, keyed by id.
import type { AuthMethod, OAuthProvider, SmtpSecurity } from './smtp-profile';

export interface MailPreset {
  readonly id: string;
  /** The provider's SMTP server; null: it depends on the contract (e.g. sv1234.xserver.jp), the user types it. */
  readonly host: string | null;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly authMethod: AuthMethod;
  readonly oauthProvider: OAuthProvider | null;
  readonly perMinute: number | null;
  readonly perHour: number | null;
  readonly perDay: number | null;
  readonly maxConnections: number;
  /** The provider's own help page for this set-up (what to switch on, how to make an app password). */
  readonly helpUrl: string | null;
  /** Steps to follow before the account works (accounts.preset_<id>_steps), when there are any. */
  readonly hasSteps: boolean;
  /** The provider's IMAP server, where bounces are read back (null: the user types it). */
  readonly imapHost: string | null;
}

export const MAIL_PRESETS = [
  {
    id: 'microsoft365',
    host: 'smtp.office365.com', port: 587, security: 'starttls', authMethod: 'oauth2', oauthProvider: 'microsoft',
    // Exchange Online: 30 messages a minute, 10,000 recipients a day.
    perMinute: 30, perHour: null, perDay: 10_000, maxConnections: 2,
    helpUrl: 'https://learn.microsoft.com/en-us/exchange/clients-and-mobile-in-exchange-online/authenticated-client-smtp-submission',
    hasSteps: true,
    imapHost: 'outlook.office365.com',
  },
  {
    id: 'outlookcom',
    // Outlook.com personal accounts: 300 recipients a day.
    host: 'smtp-mail.outlook.com', port: 587, security: 'starttls', authMethod: 'oauth2', oauthProvider: 'microsoft',
    perMinute: 30, perHour: null, perDay: 300, maxConnections: 1,
    helpUrl: 'https://support.microsoft.com/en-us/office/pop-imap-and-smtp-settings-for-outlook-com-d088b986-291d-42b8-9564-9c414e2aa040',
    hasSteps: false,
    imapHost: 'outlook.office365.com',
  },
  {
    id: 'google-oauth',
    host: 'smtp.gmail.com', port: 465, security: 'tls', authMethod: 'oauth2', oauthProvider: 'google',
    // Google Workspace: 2,000 messages a day (a free Gmail account: 500). Google publishes no
    // per-minute figure: 20 a minute is Tayori's own gentle pace, so a burst is not taken for spam.
    perMinute: 20, perHour: null, perDay: 2_000, maxConnections: 2,
    helpUrl: 'https://support.google.com/a/answer/176600',
    hasSteps: true,
    imapHost: 'imap.gmail.com',
  },
  {
    id: 'google-app-password',
    host: 'smtp.gmail.com', port: 465, security: 'tls', authMethod: 'password', oauthProvider: null,
    perMinute: 20, perHour: null, perDay: 2_000, maxConnections: 2,
    helpUrl: 'https://support.google.com/accounts/answer/185833',
    hasSteps: true,
    imapHost: 'imap.gmail.com',
  },
  {
    id: 'xserver',
    host: null, port: 465, security: 'tls', authMethod: 'password', oauthProvider: null,
    perMinute: null, perHour: null, perDay: null, maxConnections: 2,
    helpUrl: 'https://www.xserver.ne.jp/manual/',
    hasSteps: false,
    imapHost: null,
  },
  {
    id: 'sakura',
    host: null, port: 587, security: 'starttls', authMethod: 'password', oauthProvider: null,
    perMinute: null, perHour: null, perDay: null, maxConnections: 2,
    helpUrl: 'https://help.sakura.ad.jp/',
    hasSteps: false,
    imapHost: null,
  },
  {
    id: 'lolipop-economy',
    host: 'smtp.lolipop.jp', port: 465, security: 'tls', authMethod: 'password', oauthProvider: null,
    // The cheapest plan: 100 messages an hour, 1,000 a day.
    perMinute: null, perHour: 100, perDay: 1_000, maxConnections: 1,
    helpUrl: 'https://lolipop.jp/manual/',
    hasSteps: false,
    imapHost: 'imap.lolipop.jp',
  },
  {
    id: 'lolipop',
    host: 'smtp.lolipop.jp', port: 465, security: 'tls', authMethod: 'password', oauthProvider: null,
    perMinute: null, perHour: null, perDay: null, maxConnections: 2,
    helpUrl: 'https://lolipop.jp/manual/',
    hasSteps: false,
    imapHost: 'imap.lolipop.jp',
  },
  {
    id: 'other',
    host: null, port: 587, security: 'starttls', authMethod: 'password', oauthProvider: null,
    perMinute: 30, perHour: null, perDay: null, maxConnections: 2,
    helpUrl: null,
    hasSteps: false,
    imapHost: null,
  },
] as const satisfies readonly MailPreset[];

/**
 * Where a mail account's IMAP side most likely is: the preset's IMAP server for a known SMTP
 * server (Microsoft's and Google's differ from their SMTP names), else the SMTP server's name.
 */
export function imapHostFor(smtpHost: string): string {
  const known = MAIL_PRESETS.find((p) => p.host !== null && p.host.toLowerCase() === smtpHost.trim().toLowerCase());
  return known?.imapHost ?? smtpHost;
}
