// The checks service's public surface.
export { createCheckService, type CheckService } from './check-service';
export { inspectAttachment, looksLikeMail, type Inspection } from './attachment-inspect';
export { SETTING_KEYS, readPolicy } from './check-settings';
