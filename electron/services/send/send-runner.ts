// The send loop of one campaign run: claim a member, commit in_flight, one SMTP transaction, commit
// the outcome. Pause and stop are honoured between messages; nothing is ever resent on a guess.
// Members refused for now wait for their retry while the others go on; the run pauses only on
// what says something about the account or the server.
import { AppError } from '../../../shared/errors';
import { compileTemplate } from '../../../shared/template';
import type { RecipientStatus } from '../../../shared/statuses';
import type { Db } from '../../db/connection';
import { sendStatements } from '../../db/repos/sends-repo';
import { newMessageId, type MailAddress, type MailAttachment, type MailTransport } from '../../smtp/mail-transport';
import type { Clock } from '../clock';
import type { RateLimiter } from './rate-limiter';
import type { RetryPolicy } from './retry-policy';
import { pacedQueue } from './carrier-pacing';
import type { RunWait } from './send-pace';
import type { MessageEncoding } from '../../../shared/sending/encodings';
import { createRunQueue } from './run-queue';
import { attemptDelivery, errorText, outcomeStatus, type AttemptDeps, type AttemptResult, type Claim } from './send-attempt';
import type { Sleeper } from './timers';
import type { SendAudit } from './send-types';

export interface RunDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: SendAudit;
  readonly campaignId: number;
  readonly listId: number;
  readonly sender: MailAddress;
  readonly template: { readonly subject: string; readonly body: string };
  /** The approved files, loaded and verified once; every member gets exactly these. */
  readonly attachments: readonly MailAttachment[];
  readonly encoding: MessageEncoding;
  readonly transport: MailTransport;
  readonly limiter: RateLimiter;
  /** Messages per minute to each mobile carrier (null: no pacing), and the account's recent sends. */
  readonly carrierPerMinute: number | null;
  readonly recent: readonly { readonly at: number; readonly email: string }[];
  /** Told when the run starts waiting for the account's limits or quiet hours (null: sending again). */
  readonly onWait?: (wait: RunWait | null) => void;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly sleeper: Sleeper;
  readonly concurrency: number;
  /** Called after every committed status change of a member. */
  readonly onTransition: (from: RecipientStatus, to: RecipientStatus) => void;
}

export type RunEnd =
  | { readonly state: 'completed' }
  | { readonly state: 'paused'; readonly actor: string | null; readonly error: AppError | null }
  | { readonly state: 'stopped'; readonly actor: string | null };

export interface Run {
  readonly done: Promise<RunEnd>;
  pause(actor: string | null, error?: AppError | null): void;
  stop(actor: string | null): void;
}

export function startRun(deps: RunDeps): Run {
  const { db, clock, campaignId } = deps;
  const stmts = sendStatements(db);
  const queue = pacedQueue(createRunQueue(stmts, campaignId), deps.carrierPerMinute, deps.recent);
  const delivery: AttemptDeps = {
    sender: deps.sender,
    // Compiled once per run; each member is still rendered from its own frozen row alone.
    template: compileTemplate(deps.template),
    attachments: deps.attachments,
    encoding: deps.encoding,
    transport: deps.transport,
    policy: deps.policy,
    random: deps.random,
    clock,
  };
  let end: RunEnd | null = null;
  let failuresInARow = 0;
  let connectFailuresInARow = 0;
  /** No new connection before this time, after a connection failure. */
  let reconnectAt = 0;

  let waiting: RunWait | null = null;
  const setWait = (w: RunWait | null) => {
    if (w === waiting || (w && waiting && w.until === waiting.until)) return;
    waiting = w;
    deps.onWait?.(w);
  };

  const halt = (e: RunEnd) => {
    // A stop may follow a pause while the last messages are still in flight; nothing else overrides.
    if (end && !(e.state === 'stopped' && end.state === 'paused')) return;
    end = e;
    deps.sleeper.wakeAll();
  };

  /** Marks the next member in_flight, unless the run is ending or the rate limit says wait. */
  function claimNext(now: number): Claim | null {
    while (!end && now >= reconnectAt && deps.limiter.delay(now) === 0) {
      const send = queue.next(now);
      if (!send) return null;
      const messageId = newMessageId(deps.sender.address);
      // Committed BEFORE the SMTP transaction: a crash from here on leaves the row in_flight,
      // which recovery turns into 'unknown' instead of sending it again (promise 5).
      if (!stmts.markInFlight(send.id, messageId, now)) continue;
      deps.limiter.take(now);
      queue.taken(send.email, now);
      setWait(null);
      deps.onTransition(send.status, 'in_flight');
      return { send, messageId };
    }
    return null;
  }

  /** Records one member's outcome (and its audit row) inside the current transaction. */
  function record(claim: Claim, outcome: AttemptResult, now: number): void {
    const { send, messageId } = claim;
    const to = outcomeStatus(outcome);
    const next = outcome.kind === 'retry' ? outcome.at : null;
    if (stmts.finish(send.id, to, outcome.response, now, next)) {
      if (to !== 'retrying' && to !== 'queued') {
        // The member's final status goes on the record in the same commit as the status itself.
        deps.audit.record('send.member', {
          campaignId,
          listId: deps.listId,
          details: { sendId: send.id, snapshotId: send.snapshotId, email: send.email, status: to, messageId, response: outcome.response, attempts: send.attempts + 1 },
        });
      }
      deps.onTransition('in_flight', to);
    }
    if (outcome.kind === 'reconnect') {
      // Connections that fail together (one per worker) are one failure of the link.
      if (now < reconnectAt) return;
      connectFailuresInARow++;
      if (connectFailuresInARow >= deps.policy.connectFailuresToPause) return halt({ state: 'paused', actor: null, error: outcome.error });
      const delays = deps.policy.reconnectDelaysMs;
      reconnectAt = now + (delays[Math.min(connectFailuresInARow, delays.length) - 1] ?? 0);
      return;
    }
    // Any reply from the server says the link works.
    connectFailuresInARow = 0;
    // A 4xx (greylisting) neither counts nor clears: only permanent refusals in a row say
    // something about the account; a whole batch waiting for its retry does not.
    if (outcome.kind === 'sent') failuresInARow = 0;
    else if (outcome.kind === 'failed') failuresInARow++;
    if (outcome.kind === 'unknown' || outcome.kind === 'requeue') halt({ state: 'paused', actor: null, error: outcome.pause });
    else if (failuresInARow >= deps.policy.failuresInARowToPause) {
      halt({
        state: 'paused',
        actor: null,
        error: new AppError('smtp-rejected', `${failuresInARow} messages in a row were refused; sending is paused`, {
          failuresInARow,
          lastResponse: outcome.response,
        }),
      });
    }
  }

  // Group commit: the outcomes that arrive in the same turn of the event loop (one per busy
  // connection) are committed together with each worker's next claim. Fewer commits, same
  // guarantees: nothing is sent before its in_flight commit, and a crash before an outcome's
  // commit leaves that member in_flight, hence 'unknown', never resent.
  let pending: { claim: Claim; outcome: AttemptResult; resolve: (next: Claim | null) => void }[] = [];
  const flush = db.transaction((items: typeof pending, now: number): (Claim | null)[] => {
    for (const i of items) record(i.claim, i.outcome, now);
    return items.map(() => claimNext(now));
  });

  function settle(claim: Claim, outcome: AttemptResult): Promise<Claim | null> {
    return new Promise((resolve) => {
      pending.push({ claim, outcome, resolve });
      if (pending.length > 1) return;
      setImmediate(() => {
        const items = pending;
        pending = [];
        let next: (Claim | null)[];
        try {
          next = flush(items, clock.now());
        } catch (e) {
          halt({ state: 'paused', actor: null, error: new AppError('internal', errorText(e)) });
          next = items.map(() => null);
        }
        items.forEach((i, k) => i.resolve(next[k] ?? null));
      });
    });
  }

  async function worker(): Promise<void> {
    let claim: Claim | null = null;
    while (claim || !end) {
      if (!claim) {
        const now = clock.now();
        claim = claimNext(now);
        if (!claim) {
          if (end) return;
          if (reconnectAt > now) {
            await deps.sleeper.sleep(reconnectAt - now);
            continue;
          }
          const wait = deps.limiter.delay(now);
          if (wait > 0) {
            setWait({ until: now + wait, reason: deps.limiter.limitedBy(now) });
            await deps.sleeper.sleep(wait);
            continue;
          }
          const at = stmts.earliestRetryAt(campaignId);
          const paced = queue.waitMs(now);
          if (at === null && paced === 0) return;
          // Members set aside for their carrier's minute, or waiting for a retry: whichever is first.
          await deps.sleeper.sleep(Math.max(1, Math.min(paced || Number.POSITIVE_INFINITY, at === null ? Number.POSITIVE_INFINITY : at - now)));
          continue;
        }
      }
      const outcome = await attemptDelivery(delivery, claim, clock.now());
      claim = await settle(claim, outcome);
    }
  }

  const workers = Array.from({ length: Math.max(1, deps.concurrency) }, () => worker());
  const done = Promise.allSettled(workers).then((results): RunEnd => {
    const crashed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (crashed && !end) {
      end = { state: 'paused', actor: null, error: new AppError('internal', errorText(crashed.reason)) };
    }
    return end ?? { state: 'completed' };
  });

  return {
    done,
    pause: (actor, error = null) => halt({ state: 'paused', actor, error }),
    stop: (actor) => halt({ state: 'stopped', actor }),
  };
}
