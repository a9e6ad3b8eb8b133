// The send loop of one campaign run: claim a member, commit in_flight, one SMTP transaction, commit
// the outcome. Pause and stop are honoured between messages; nothing is ever resent on a guess.
import { AppError } from '../../../shared/errors';
import { buildMessage } from '../../../shared/message';
import { compileTemplate } from '../../../shared/template';
import type { Db } from '../../db/connection';
import { sendStatements, type ClaimedSend, type SendStatus } from '../../db/repos/sends-repo';
import { newMessageId, type MailAddress, type MailTransport } from '../../smtp/mail-transport';
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

  const finish = db.transaction((claim: ClaimedSend, to: SendStatus, response: string | null, now: number, next: number | null, messageId: string) => {
    if (!stmts.finish(claim.id, to, response, now, next)) return false;
    if (to !== 'retrying' && to !== 'queued') {
      // The member's final status goes on the record in the same commit as the status itself.
      deps.audit.record('send.member', {
        campaignId,
        listId: deps.listId,
        details: { sendId: claim.id, snapshotId: claim.snapshotId, email: claim.email, status: to, messageId, response, attempts: claim.attempts + 1 },
      });
    }
    return true;
  });

  function commit(claim: ClaimedSend, messageId: string, outcome: Outcome | { kind: 'sent'; response: string }): void {
    const now = clock.now();
    const to: SendStatus =
      outcome.kind === 'sent' ? 'sent' : outcome.kind === 'retry' ? 'retrying' : outcome.kind === 'requeue' ? 'queued' : outcome.kind;
    const next = outcome.kind === 'retry' ? outcome.at : null;
    if (finish(claim, to, outcome.response, now, next, messageId)) deps.onTransition('in_flight', to);
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

  async function sendOne(claim: ClaimedSend, now: number): Promise<void> {
    let built;
    try {
      built = buildMessage({ sender: deps.sender, recipient: { email: claim.email, name: claim.name, fields: claim.fields }, template: compiled });
    } catch (e) {
      built = { ok: false as const, error: e };
    }
    const messageId = newMessageId(deps.sender.address);
    // Committed BEFORE the SMTP transaction: a crash from here on leaves the row in_flight,
    // which recovery turns into 'unknown' instead of sending it again (promise 5).
    if (!stmts.markInFlight(claim.id, messageId, now)) return;
    deps.onTransition(claim.attempts > 0 ? 'retrying' : 'queued', 'in_flight');
    if (!built.ok) {
      const reason = 'missing' in built ? `template-missing-field: ${built.missing.join(', ')}` : errorText(built.error);
      commit(claim, messageId, { kind: 'failed', response: reason });
      return;
    }
    deps.limiter.take(now);
    let outcome: Outcome | { kind: 'sent'; response: string };
    try {
      const result = await deps.transport.send(
        { from: deps.sender.address, to: claim.email },
        { ...built.message, messageId, date: new Date(now) },
      );
      outcome = { kind: 'sent', response: result.response };
    } catch (e) {
      outcome = classify(e, claim.attempts + 1, clock.now(), deps.policy, deps.random);
    }
    commit(claim, messageId, outcome);
  }

  async function worker(): Promise<void> {
    while (!end) {
      const now = clock.now();
      const wait = deps.limiter.delay(now);
      if (wait > 0) {
        await deps.sleeper.sleep(wait);
        continue;
      }
      const claim = stmts.next(campaignId, now);
      if (!claim) {
        const at = stmts.earliestRetryAt(campaignId);
        if (at === null) return;
        await deps.sleeper.sleep(Math.max(1, at - now));
        continue;
      }
      await sendOne(claim, now);
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
