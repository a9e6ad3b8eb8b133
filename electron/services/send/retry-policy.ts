// What a failed SMTP transaction means for the member and for the run (promises 5 and 6), and the
// one place that says how long temporary failures are retried and when the run pauses.
import { AppError } from '../../../shared/errors';
import { TransportError } from '../../smtp/mail-transport';
import { mapSmtpError } from '../../smtp/smtp-errors';
import { replyScope } from '../../smtp/smtp-reply-scope';

const MINUTE = 60_000;

export interface RetryPolicy {
  /**
   * The wait after a member's 1st, 2nd, … temporary (4xx) refusal; a 4xx after the last wait fails
   * the member. Attempts in all: retryDelaysMs.length + 1.
   */
  readonly retryDelaysMs: readonly number[];
  /**
   * Each wait is lengthened by up to this fraction, so a greylisted batch does not come back at
   * once; never shortened, so a retry is never earlier than its step (a greylisting server's
   * hold is a minimum: a retry that comes early is refused again and costs a step).
   */
  readonly jitter: number;
  /** Permanent refusals (5xx) in a row that pause the run: something is wrong with the account. */
  readonly failuresInARowToPause: number;
  /** The wait before reconnecting after the 1st, 2nd, … connection failure in a row (the last repeats). */
  readonly reconnectDelaysMs: readonly number[];
  /** Connection failures in a row (refused, timed out, dropped before DATA) that pause the run. */
  readonly connectFailuresToPause: number;
}

/**
 * Greylisting holds a new sender/recipient pair back for 1–30 minutes (Postgrey: 5), some servers
 * longer, and providers' throttling can last an hour or more. Retries at 1, 6, 21, 51, 111, 171
 * and 231 minutes after the first refusal (each wait up to 20 % longer); the member fails if the
 * 8th attempt (after 3 h 51 min to 4 h 37 min) is refused too. The run sends other members meanwhile.
 */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retryDelaysMs: [1, 5, 15, 30, 60, 60, 60].map((m) => m * MINUTE),
  jitter: 0.2,
  failuresInARowToPause: 10,
  // A link that stays down for about three minutes (four tries) pauses the run: the operator
  // should know; a blip of a few seconds should not stop a send.
  reconnectDelaysMs: [15_000, 60_000, 120_000],
  connectFailuresToPause: 4,
};

export type Outcome =
  /** The server refused this member for now (4xx): try again at `at`. Counts as an attempt. */
  | { readonly kind: 'retry'; readonly response: string; readonly at: number }
  /** The server refused this member for good (5xx, or 4xx on the last attempt): the reply is kept. */
  | { readonly kind: 'failed'; readonly response: string }
  /** The connection broke after the message started to flow: it may have been taken. Never resent automatically. */
  | { readonly kind: 'unknown'; readonly response: string; readonly pause: AppError }
  /**
   * Something about the account or the server (login, TLS, quota, 421, the password unreadable):
   * the member goes back to the queue, its attempt not counted, and the run pauses.
   */
  | { readonly kind: 'requeue'; readonly response: string; readonly pause: AppError }
  /**
   * The connection failed before any reply to the transaction (refused, timed out, dropped before
   * DATA): back to the queue, attempt not counted; the run reconnects after a wait and pauses
   * only if this keeps happening.
   */
  | { readonly kind: 'reconnect'; readonly response: string; readonly error: AppError };

/** The wait after the `attempts`-th attempt was refused with a 4xx, jittered; null: no more retries. */
function retryDelayMs(policy: RetryPolicy, attempts: number, random: () => number): number | null {
  const base = policy.retryDelaysMs[attempts - 1];
  if (base === undefined) return null;
  return Math.round(base * (1 + policy.jitter * random()));
}

function describe(e: TransportError): string {
  return e.response ?? `${e.code}: ${e.message}`;
}

/** A refusal that is about the account or server, as the coded error the run pauses with. */
function accountError(scope: 'auth' | 'server', e: TransportError): AppError {
  const details = mapSmtpError(e.cause ?? e).details;
  return scope === 'auth'
    ? new AppError('smtp-auth', 'The mail server refused to send for this account', details)
    : new AppError('smtp-rejected', `The mail server refused to take more messages for now: ${describe(e)}`, details);
}

/**
 * `attempts` counts the attempt that just failed. A server reply decides by whom it is about and
 * its class; without one, the stage decides: before DATA nothing can have been accepted, after
 * it anything may.
 */
export function classify(e: unknown, attempts: number, now: number, policy: RetryPolicy, random: () => number): Outcome {
  if (!(e instanceof TransportError)) {
    const app = e instanceof AppError ? e : new AppError('internal', e instanceof Error ? e.message : String(e));
    // Raised before anything was sent (e.g. an invalid address): a permanent failure of this member.
    return { kind: 'failed', response: `${app.code}: ${app.message}` };
  }
  const mapped = mapSmtpError(e.cause ?? e);
  if (e.stage === 'connect') {
    // A plain network failure may pass; login, TLS, a greeting refusal or an unreadable password will not.
    const network = (mapped.code === 'smtp-connect' || mapped.code === 'smtp-timeout') && e.responseCode === undefined;
    return network ? { kind: 'reconnect', response: describe(e), error: mapped } : { kind: 'requeue', response: describe(e), pause: mapped };
  }
  const code = e.responseCode;
  if (code !== undefined && code >= 400) {
    const scope = replyScope(code, e.response);
    if (scope !== 'recipient') return { kind: 'requeue', response: describe(e), pause: accountError(scope, e) };
    if (code >= 500) return { kind: 'failed', response: describe(e) };
    const wait = retryDelayMs(policy, attempts, random);
    if (wait === null) return { kind: 'failed', response: describe(e) };
    return { kind: 'retry', response: describe(e), at: now + wait };
  }
  // Connected, then lost: not "check host and port" (they worked), but what happened mid-run.
  const lost = new AppError(
    mapped.code === 'smtp-timeout' ? 'smtp-timeout' : 'smtp-connection-lost',
    'The connection to the mail server was lost during a message',
    mapped.details,
  );
  if (e.stage === 'envelope') return { kind: 'reconnect', response: describe(e), error: lost };
  return { kind: 'unknown', response: describe(e), pause: lost };
}
