// The checks service's public surface.
export { createCheckService } from './check-service';
export { inspectAttachment, looksLikeMail } from './attachment-inspect';
export { SETTING_KEYS, readPolicy } from './check-settings';
