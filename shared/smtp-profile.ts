// An SMTP profile (mail account), declared once: the repository's row type, the stored fields,
// the service's input, the zod schema and the DTO all derive from SmtpProfile. Adding a field:
// a migration, the field here, its column in profiles-repo.ts (PROFILE_COLUMNS), and the form.

/** How the connection is encrypted: TLS from the start, STARTTLS upgrade, or none (loopback only). */
export const SMTP_SECURITIES = ['tls', 'starttls', 'none'] as const;
export type SmtpSecurity = (typeof SMTP_SECURITIES)[number];

/** How Tayori logs in: a password (or app password), or an OAuth2 sign-in (XOAUTH2, issue 12). */
export const AUTH_METHODS = ['password', 'oauth2'] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

/** Who issues the OAuth2 tokens: Microsoft (Entra ID), Google, or an issuer the organisation names. */
export const OAUTH_PROVIDERS = ['microsoft', 'google', 'custom'] as const;
export type OAuthProvider = (typeof OAUTH_PROVIDERS)[number];

/** The profile as every caller sees it: no password, only whether one is stored. */
export interface SmtpProfile {
  readonly id: number;
  readonly name: string;
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  readonly authUser: string | null;
  readonly hasPassword: boolean;
  /** 'oauth2': authUser is the mailbox signed in with oauthProvider; its refresh token is in the secret store. */
  readonly authMethod: AuthMethod;
  readonly oauthProvider: OAuthProvider | null;
  readonly fromAddress: string;
  readonly fromName: string;
  /** Messages per minute / per hour the provider allows (null: no limit). */
  readonly perMinute: number | null;
  readonly perHour: number | null;
  /** Messages per day (a rolling 24 hours) the provider allows (null: no limit). */
  readonly perDay: number | null;
  /** Messages per minute to each mobile carrier (docomo, au, SoftBank…); null: no pacing. */
  readonly carrierPerMinute: number | null;
  readonly maxConnections: number;
  /** A practice profile points at a local sink (issue 6). */
  readonly practice: boolean;
  /** True when mail would travel unencrypted (security 'none', loopback only). */
  readonly insecure: boolean;
  readonly createdAt: number;
  readonly updatedAt: number;
}

/** What is stored and edited: everything but the id, the password state and what is derived. */
export type ProfileFields = Omit<SmtpProfile, 'id' | 'hasPassword' | 'insecure' | 'createdAt' | 'updatedAt'>;
