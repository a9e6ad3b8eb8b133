// How large a request body each channel of the browser host may send. Most calls carry a few
// ids and names; only file uploads (imports, attachments) and templates need more. A body past
// its channel's limit is answered with `too-large` and never buffered (http-host.ts).
import { MAX_ATTACHMENT_LIMIT_BYTES } from '../../shared/contract/limits';
import type { ChannelName } from '../../shared/contract';

/** Any channel not listed below: ids, names, PINs, settings, up to 1,000 ids in one call. */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/** Bytes travel as base64 inside JSON (shared/contract/wire.ts): 4 characters per 3 bytes. */
const base64 = (bytes: number): number => Math.ceil(bytes / 3) * 4;
const SLACK = 64 * 1024;

/** A member list of about a million rows (a 190 MB CSV), as the import has always accepted. */
const IMPORT_BODY_LIMIT = 256 * 1024 * 1024;
/** The largest per-attachment limit an organisation may set. */
const ATTACHMENT_BODY_LIMIT = base64(MAX_ATTACHMENT_LIMIT_BYTES) + SLACK;
/** Subject and body of up to 200,000 characters each; a control character is 6 bytes in JSON. */
export const TEMPLATE_BODY_LIMIT = 2 * 200_000 * 6 + SLACK;

const LIMITS: Partial<Record<ChannelName, number>> = {
  'import:analyze': IMPORT_BODY_LIMIT,
  'import:preview': IMPORT_BODY_LIMIT,
  'import:run': IMPORT_BODY_LIMIT,
  'attachments:add': ATTACHMENT_BODY_LIMIT,
  'campaigns:update': TEMPLATE_BODY_LIMIT,
  'template:check': TEMPLATE_BODY_LIMIT,
  'preview:draft': TEMPLATE_BODY_LIMIT,
};

/** The most bytes a request body for `channel` may have (unknown channels get the default). */
export function bodyLimit(channel: string): number {
  return Object.prototype.hasOwnProperty.call(LIMITS, channel) ? LIMITS[channel as ChannelName]! : DEFAULT_BODY_LIMIT;
}
