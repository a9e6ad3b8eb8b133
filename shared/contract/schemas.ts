// Small zod schemas reused by many channels (ids, actors, bytes, paging).
import { z } from 'zod';
import { CONDITION_OPS } from '../recipients/selection';
import { SMTP_SECURITIES } from '../smtp-profile';
import { MAX_ATTACHMENT_LIMIT_BYTES, MAX_CANCEL_WINDOW_S, MIN_ATTACHMENT_LIMIT_BYTES, MIN_CANCEL_WINDOW_S } from './limits';

export const id = z.number().int().positive();
/**
 * The operator the UI has selected; services record it in the audit log. A name of its own for
 * the same schema, so channel arguments say what the id stands for.
 * @alias
 */
export const actorId = id;
/** Binary file content (CSV, attachments). Crosses IPC as is and HTTP as { $bytes: base64 }. */
export const bytes = z.custom<Uint8Array>((v) => v instanceof Uint8Array, { message: 'expected bytes' });
export const fileName = z.string().min(1).max(255);
export const pin = z.string().min(4).max(32);
/** One person confirming with their PIN. */
export const signer = z.object({ userId: id, pin });
/** Two different people (the service checks they differ and that both PINs are right). */
export const signers = z.array(signer).length(2);
export const offset = z.number().int().min(0).default(0);
export const limit = z.number().int().min(1).max(1000).default(100);
export const empty = z.object({});
export const security = z.enum(SMTP_SECURITIES);
export const email = z.string().min(3).max(320);

export const cancelWindowS = z.number().int().min(MIN_CANCEL_WINDOW_S).max(MAX_CANCEL_WINDOW_S);
export const attachmentLimitBytes = z.number().int().min(MIN_ATTACHMENT_LIMIT_BYTES).max(MAX_ATTACHMENT_LIMIT_BYTES);

/** A member reference (k:key or e:address), as selections and exclusions name members. */
export const memberRef = z.string().min(3).max(400).regex(/^[ke]:/);
const refs = z.array(memberRef).max(10_000).readonly();
const condition = z.object({
  column: z.string().min(1).max(200),
  op: z.enum(CONDITION_OPS),
  values: z.array(z.string().max(500)).max(200).readonly(),
});
/** Who of the list receives a notice (shared/recipients/selection.ts). */
export const selection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all'), exclude: refs.optional() }),
  z.object({ kind: z.literal('conditions'), match: z.enum(['all', 'any']), conditions: z.array(condition).max(20).readonly(), exclude: refs.optional() }),
  z.object({ kind: z.literal('picked'), refs: z.array(memberRef).min(1).max(10_000).readonly(), exclude: refs.optional() }),
]);
