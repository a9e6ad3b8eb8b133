// Numeric bounds the contract's schemas enforce, in a zod-free module so the renderer can show
// them in its forms and messages without bundling zod.

/** A send waits at least this long before it starts, so it can still be cancelled (promise 4). */
export const MIN_CANCEL_WINDOW_S = 10;
export const MAX_CANCEL_WINDOW_S = 86_400;
/** Bounds of the per-attachment size limit the organisation may set (64 KiB .. 100 MiB). */
export const MIN_ATTACHMENT_LIMIT_BYTES = 64 * 1024;
export const MAX_ATTACHMENT_LIMIT_BYTES = 100 * 1024 * 1024;
