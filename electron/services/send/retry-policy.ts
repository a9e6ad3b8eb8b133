// What a failed SMTP transaction means for the member and for the run (promises 5 and 6).
import { AppError } from '../../../shared/errors';
import { TransportError } from '../../smtp/mail-transport';
import { mapSmtpError } from '../../smtp/smtp-errors';

export interface RetryPolicy {
  /** Attempts in all, the first one included; a 4xx on the last one fails the member. */
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Failures (permanent or temporary) in a row that pause the whole run. */
  readonly failuresInARowToPause: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 30_000,
  maxDelayMs: 30 * 60_000,
  failuresInARowToPause: 10,
};

export type Outcome =
  /** The server refused for now (4xx): try again at `at`. */
  | { readonly kind: 'retry'; readonly response: string; readonly at: number }
  /** The server refused for good (5xx, or 4xx on the last attempt): the reply is kept. */
  | { readonly kind: 'failed'; readonly response: string }
  /** The connection broke after the message started to flow: it may have been taken. Never resent automatically. */
  | { readonly kind: 'unknown'; readonly response: string; readonly pause: AppError }
  /** Nothing reached the server (connect, TLS, AUTH, or a dropped link before DATA): back to the queue, and the run pauses. */
  | { readonly kind: 'requeue'; readonly response: string; readonly pause: AppError };

/** Exponential backoff with jitter: base·2^(n-1), then a random 50–100 % of it, capped. */
export function backoffMs(policy: RetryPolicy, attempts: number, random: () => number): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exp * (0.5 + 0.5 * random()));
}

function describe(e: TransportError): string {
  return e.response ?? `${e.code}: ${e.message}`;
}

/**
 * `attempts` counts the attempt that just failed. A server reply decides by its class; without
 * one, the stage decides: before DATA nothing can have been accepted, after it anything may.
 */
export function classify(e: unknown, attempts: number, now: number, policy: RetryPolicy, random: () => number): Outcome {
  if (!(e instanceof TransportError)) {
    const app = e instanceof AppError ? e : new AppError('internal', e instanceof Error ? e.message : String(e));
    // Raised before anything was sent (e.g. an invalid address): a permanent failure of this member.
    return { kind: 'failed', response: `${app.code}: ${app.message}` };
  }
  const mapped = mapSmtpError(e.cause ?? e);
  if (e.stage === 'connect') return { kind: 'requeue', response: describe(e), pause: mapped };
  const code = e.responseCode;
  if (code !== undefined && code >= 400 && code < 500) {
    if (attempts >= policy.maxAttempts) return { kind: 'failed', response: describe(e) };
    return { kind: 'retry', response: describe(e), at: now + backoffMs(policy, attempts, random) };
  }
  if (code !== undefined && code >= 500) return { kind: 'failed', response: describe(e) };
  const lost = new AppError(
    mapped.code === 'smtp-timeout' ? 'smtp-timeout' : 'smtp-connect',
    'The connection to the mail server was lost during a message',
    mapped.details,
  );
  if (e.stage === 'envelope') return { kind: 'requeue', response: describe(e), pause: lost };
  return { kind: 'unknown', response: describe(e), pause: lost };
}
