// Error codes that cross the IPC boundary. The renderer branches on the code and translates
// it; it never parses message text. Adding a code: add it here, then to renderer/src/i18n.
export const ERROR_CODES = [
  'validation',
  'too-large',
  'forbidden',
  'not-found',
  'conflict',
  'internal',
  'db-future-version',
  'db-migration-order',
  'import-empty-file',
  'import-no-header',
  'import-no-rows',
  'import-no-email-column',
  'import-unreadable',
  'import-encoding',
  'import-cancelled',
  'import-too-large',
  'import-changed-since-preview',
  'import-undo-unavailable',
  'import-running',
  'template-syntax',
  'template-unknown-field',
  'template-missing-field',
  'approval-required',
  'approval-same-user',
  'approval-blocked',
  'approval-void',
  'approval-expired',
  'approval-code-wrong',
  'approval-code-expired',
  'approval-code-used',
  'approval-code-none',
  'approval-address-missing',
  'approval-address-member',
  'approval-address-organisation',
  'approval-address-taken',
  'two-people-required',
  'recovery-code-wrong',
  'test-address-unregistered',
  'secret-store-unsafe',
  'secret-unreadable',
  'pin-wrong',
  'pin-locked',
  'user-exists',
  'smtp-auth',
  'smtp-connect',
  'smtp-connection-lost',
  'smtp-timeout',
  'smtp-tls',
  'smtp-starttls-unavailable',
  'smtp-rejected',
  'smtp-insecure',
  'send-state',
  'practice-only',
  'practice-imap-local',
  'imap-auth',
  'imap-oauth-refused',
  'data-folder-in-use',
  'imap-connect',
  'oauth-signin-required',
  'oauth-not-configured',
  'oauth-failed',
  'oauth-unreachable',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorInfo {
  readonly code: ErrorCode;
  readonly message: string;
  readonly details?: unknown;
}

/** An error a service throws on purpose; the IPC wrapper turns it into { ok: false, error }. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  toInfo(): ErrorInfo {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
