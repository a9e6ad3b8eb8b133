// DTOs of the app-wide channels: host information, setup state, settings, users, SMTP profiles.
import type { SmtpProfile, SmtpSecurity } from '../../smtp-profile';
import type { ConnectionStepResult } from '../../connection-test';

export type Workspace = 'real' | 'practice';

export interface AppInfoDto {
  readonly version: string;
  /** Which host serves the UI; the screens behave the same in both. */
  readonly host: 'electron' | 'browser';
  readonly workspace: Workspace;
  /** The OS locale (e.g. 'ja-JP'), used to pick Japanese or English by default. */
  readonly locale: string;
  readonly setupComplete: boolean;
}

export interface SetupStatusDto {
  readonly organisationName: string | null;
  /** Two users exist: adding, renaming, removing a user or a new PIN takes two users' PINs. */
  readonly usersSetUp: boolean;
  readonly profileCount: number;
  readonly userCount: number;
  /** Two users are needed so that a second person can approve every send. */
  readonly minUsers: number;
  readonly complete: boolean;
}

export interface SettingsDto {
  readonly organisationName: string | null;
  /** The one address the organisation sends from (a profile with another From is blocked). */
  readonly organisationAddress: string | null;
  /** The organisation's own mail domains. */
  readonly organisationDomains: readonly string[];
  /** Members are organisations: free-mail and carrier domains are flagged. */
  readonly recipientsAreOrganisations: boolean;
  /** Per-attachment size limit in bytes (the built-in default unless the organisation set one). */
  readonly maxAttachmentBytes: number;
  /** Cancel window (seconds) a new notice starts with. */
  readonly defaultCancelWindowS: number;
  /** The UI language the user picked, or null to follow the OS. */
  readonly language: 'ja' | 'en' | null;
  /** Hours an approval stays good for starting a send. */
  readonly approvalValidHours: number;
  /** 'HH:MM-HH:MM' in which no message starts (this computer's clock), or null for none. */
  readonly quietHours: string | null;
  /** A scheduled send found this many hours late (Tayori was closed) is not sent. */
  readonly lateLimitHours: number;
}

export interface UserDto {
  readonly id: number;
  readonly name: string;
  readonly locked: boolean;
  readonly lockedUntil: number | null;
  readonly createdAt: number;
}

/** A new user. recoveryCode is set once, when this user completed set-up: show it, then forget it. */
export interface CreatedUserDto extends UserDto {
  readonly recoveryCode: string | null;
}

/** The organisation's new recovery code (the previous one stopped working). Shown once. */
export interface RecoveryCodeDto {
  readonly recoveryCode: string;
}

export interface TestAddressDto {
  readonly address: string;
  readonly addedBy: string | null;
  readonly addedAt: number;
}

/** A profile as the page sees it: the password itself never leaves the main process (hasPassword only). */
export type ProfileDto = Omit<SmtpProfile, 'insecure' | 'createdAt' | 'updatedAt'>;

export interface ConnectionTestDto {
  readonly host: string;
  readonly port: number;
  readonly security: SmtpSecurity;
  /** Whether the server accepted the login (false when no user is configured). */
  readonly authenticated: boolean;
  /** Each step that ran, in order (a failed test carries the same in its error's details). */
  readonly steps: readonly ConnectionStepResult[];
  /** The logins the server offered after EHLO (PLAIN, LOGIN, XOAUTH2, …). */
  readonly offered: readonly string[];
}
