// The send loop of one campaign run: claim a member, commit in_flight, one SMTP transaction, commit
// the outcome. Pause and stop are honoured between messages; nothing is ever resent on a guess.
import { AppError } from '../../../shared/errors';
import { buildMessage } from '../../../shared/message';
import { compileTemplate } from '../../../shared/template';
import type { Db } from '../../db/connection';
import { sendStatements, type ClaimedSend, type SendStatus } from '../../db/repos/sends-repo';
import { newMessageId, type MailAddress, type MailAttachment, type MailTransport } from '../../smtp/mail-transport';
import type { Clock } from '../clock';
import type { RateLimiter } from './rate-limiter';
import { classify, type Outcome, type RetryPolicy } from './retry-policy';
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
  readonly transport: MailTransport;
  readonly limiter: RateLimiter;
  readonly policy: RetryPolicy;
  readonly random: () => number;
  readonly sleeper: Sleeper;
  readonly concurrency: number;
  /** Called after every committed status change of a member. */
  readonly onTransition: (from: SendStatus, to: SendStatus) => void;
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
  // Compiled once per run; each member is still rendered from its own frozen row alone.
  const compiled = compileTemplate(deps.template);
  let end: RunEnd | null = null;
  let failuresInARow = 0;

  const halt = (e: RunEnd) => {
    // A stop may follow a pause while the last messages are still in flight; nothing else overrides.
    if (end && !(e.state === 'stopped' && end.state === 'paused')) return;
    end = e;
    deps.sleeper.wakeAll();
  };

  /** A member marked in_flight (committed), with the Message-ID its message will carry. */
  type Claim = { readonly send: ClaimedSend; readonly messageId: string };
  // Queued rows are read in batches (they stay 'queued' in the database until claimed one by
  // one below, so a crash or a stop loses nothing); the cursor keeps the order of the list.
  let batch: ClaimedSend[] = [];
  let cursor = 0;

  function nextCandidate(now: number): ClaimedSend | undefined {
    if (batch.length === 0) {
      batch = stmts.queuedAfter(campaignId, cursor, 64);
      // Rows put back in the queue behind the cursor (a requeue) are picked up on a second pass.
      if (batch.length === 0 && cursor > 0) batch = stmts.queuedAfter(campaignId, 0, 64);
      if (batch.length > 0) cursor = batch[batch.length - 1]!.id;
    }
    return batch.shift() ?? stmts.dueRetries(campaignId, now, 1)[0];
  }

  /** Marks the next member in_flight, unless the run is ending or the rate limit says wait. */
  function claimNext(now: number): Claim | null {
    while (!end && deps.limiter.delay(now) === 0) {
      const send = nextCandidate(now);
      if (!send) return null;
      const messageId = newMessageId(deps.sender.address);
      // Committed BEFORE the SMTP transaction: a crash from here on leaves the row in_flight,
      // which recovery turns into 'unknown' instead of sending it again (promise 5).
      if (!stmts.markInFlight(send.id, messageId, now)) continue;
      deps.limiter.take(now);
      deps.onTransition(send.attempts > 0 ? 'retrying' : 'queued', 'in_flight');
      return { send, messageId };
    }
    return null;
  }

  function outcomeStatus(outcome: Outcome | { kind: 'sent'; response: string }): SendStatus {
    switch (outcome.kind) {
      case 'sent': return 'sent';
      case 'retry': return 'retrying';
      case 'requeue': return 'queued';
      default: return outcome.kind;
    }
  }

  type Result = Outcome | { kind: 'sent'; response: string };

  /** Records one member's outcome (and its audit row) inside the current transaction. */
  function record(claim: Claim, outcome: Result, now: number): void {
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
    if (outcome.kind === 'sent') failuresInARow = 0;
    else if (outcome.kind === 'failed' || outcome.kind === 'retry') failuresInARow++;
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
  let pending: { claim: Claim; outcome: Result; resolve: (next: Claim | null) => void }[] = [];
  const flush = db.transaction((items: typeof pending, now: number): (Claim | null)[] => {
    for (const i of items) record(i.claim, i.outcome, now);
    return items.map(() => claimNext(now));
  });

  function settle(claim: Claim, outcome: Result): Promise<Claim | null> {
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

  async function attempt(claim: Claim, now: number): Promise<Result> {
    const { send, messageId } = claim;
    let built;
    try {
      built = buildMessage({ sender: deps.sender, recipient: { email: send.email, name: send.name, fields: send.fields }, template: compiled });
    } catch (e) {
      return { kind: 'failed', response: errorText(e) };
    }
    if (!built.ok) return { kind: 'failed', response: `template-missing-field: ${built.missing.join(', ')}` };
    try {
      const result = await deps.transport.send({ from: deps.sender.address, to: send.email }, {
        ...built.message,
        messageId,
        date: new Date(now),
        attachments: deps.attachments,
      });
      return { kind: 'sent', response: result.response };
    } catch (e) {
      return classify(e, send.attempts + 1, clock.now(), deps.policy, deps.random);
    }
  }

  async function worker(): Promise<void> {
    let claim: Claim | null = null;
    while (claim || !end) {
      if (!claim) {
        const now = clock.now();
        claim = claimNext(now);
        if (!claim) {
          if (end) return;
          const wait = deps.limiter.delay(now);
          if (wait > 0) {
            await deps.sleeper.sleep(wait);
            continue;
          }
          const at = stmts.earliestRetryAt(campaignId);
          if (at === null) return;
          await deps.sleeper.sleep(Math.max(1, at - now));
          continue;
        }
      }
      const outcome = await attempt(claim, clock.now());
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

function errorText(e: unknown): string {
  if (e instanceof AppError) return `${e.code}: ${e.message}`;
  return e instanceof Error ? e.message : String(e);
}
