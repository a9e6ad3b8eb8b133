// Which section of the guide says how to put an error right. Errors with a remedy beyond their
// own sentence link there; the rest (internal, conflict, …) need no reading.
import type { ErrorCode } from '../../../shared/errors';

export const ERROR_SECTIONS: Partial<Record<ErrorCode, string>> = {
  'import-empty-file': 'import',
  'import-no-header': 'import',
  'import-no-rows': 'import',
  'import-no-email-column': 'import',
  'import-unreadable': 'import',
  'import-encoding': 'import',
  'template-syntax': 'compose',
  'template-unknown-field': 'compose',
  'template-missing-field': 'compose',
  'approval-blocked': 'check',
  'approval-void': 'approval',
  'approval-expired': 'approval',
  'approval-same-user': 'approval',
  'two-people-required': 'two-people',
  'pin-wrong': 'pin',
  'pin-locked': 'pin',
  'recovery-code-wrong': 'pin',
  'test-address-unregistered': 'test-send',
  'smtp-auth': 'mail-account',
  'smtp-connect': 'mail-account',
  'smtp-timeout': 'mail-account',
  'smtp-tls': 'mail-account',
  'smtp-starttls-unavailable': 'mail-account',
  'smtp-insecure': 'mail-account',
  'secret-store-unsafe': 'mail-account',
  'secret-unreadable': 'mail-account',
  'smtp-rejected': 'not-received',
};
