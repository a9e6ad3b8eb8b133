// The send service: cancel window, runs (start, pause, resume, stop), resends, unknown members,
// crash recovery and progress for the UI. Plain Node: db, clock, timers and transport are injected.
// This file composes the parts: send-scheduler (the window), run-lifecycle (starting and ending
// runs), operator-actions (what the operator does to a started send), send-progress (the UI feed).
import { AppError } from '../../../shared/errors';
import { createOperatorActions } from './operator-actions';
import { recover, type Recovery, type RecoveryReason } from './recovery';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { createRunLifecycle } from './run-lifecycle';
import type { ActiveRun, SendContext } from './send-context';
import { createSendProgress } from './send-progress';
import { createScheduler } from './send-scheduler';
import type { ErrorLike, ProgressListener, SendServiceDeps } from './send-types';
import { systemTimers } from './timers';
import { createSendEstimates } from './send-estimates';
import { NO_PACE, paceOf } from './send-pace';

/** What the send status says about a run found interrupted at start-up; the reason tells which. */
function recoveryError(reason: RecoveryReason, unknown: number): ErrorLike {
  const message =
    reason === 'stopped-while-sending'
      ? `Tayori stopped while sending; ${unknown} message(s) may or may not have left (unknown): check them, then resume`
      : reason === 'too-late-not-sent'
        ? 'The scheduled time passed long ago while Tayori was closed; the notice was not sent. Schedule it again if it is still wanted'
        : 'The cancel window ran out while Tayori was closed; nothing was sent. Resume to send, or stop';
  return { code: 'send-state', message, reason };
}

export function createSendService(deps: SendServiceDeps) {
  const { db, clock, audit, approvals } = deps;
  const timers = deps.timers ?? systemTimers;
  const runs = new Map<number, ActiveRun>();
  const errors = new Map<number, ErrorLike>();
  // The window's timer fires later, never during construction, so `lifecycle` is set by then.
  const scheduler = createScheduler({ db, clock, audit, approvals, timers, onDue: () => void lifecycle.tick() });
  const estimates = createSendEstimates({ db, clock, quietHours: deps.quietHours ?? (() => null) });
  const progress = createSendProgress({
    db,
    liveCounts: (id) => runs.get(id)?.counts,
    errors,
    remaining: scheduler.remaining,
    pace(id, state) {
      const active = runs.get(id);
      if (active) return paceOf(active.pace);
      return state === 'scheduled' ? { ...NO_PACE, expectedEndAt: estimates.forCampaign(id).endAt } : NO_PACE;
    },
  });
  const ctx: SendContext = {
    db,
    clock,
    audit,
    approvals,
    transportFactory: deps.transportFactory,
    timers,
    random: deps.random ?? Math.random,
    policy: { ...DEFAULT_RETRY_POLICY, ...deps.policy },
    quietHours: deps.quietHours ?? (() => null),
    runs,
    errors,
    scheduler,
    progress,
    estimates,
  };
  const lifecycle = createRunLifecycle(ctx);

  return {
    /** `at`: send at this time (epoch ms) instead of when the cancel window ends; the window runs before it. */
    schedule: (campaignId: number, actor: string | null, at?: number) => scheduler.schedule(campaignId, actor, at),
    cancel: (campaignId: number, actor: string | null) => scheduler.cancel(campaignId, actor),
    /** Milliseconds left in the cancel window, for the countdown. */
    remaining: (campaignId: number) => scheduler.remaining(campaignId),
    tick: () => lifecycle.tick(),
    ...createOperatorActions(ctx, lifecycle),
    status: progress.status,
    /** How long the send will take (before approval, and the expected end while it runs). */
    estimate: (campaignId: number) => estimates.forCampaign(campaignId),
    onProgress(listener: ProgressListener): () => void {
      return progress.onProgress(listener);
    },
    /** Resolves when the campaign's current run (if any) has finished and been recorded. */
    settled: (campaignId: number): Promise<void> => runs.get(campaignId)?.done ?? Promise.resolve(),

    /** Call once at start-up, before anything else: in_flight → unknown, sending → paused. */
    recoverAfterCrash(): Recovery {
      if (runs.size > 0) throw new AppError('send-state', 'Recovery runs only at start-up', {});
      const r = recover(db, audit, clock.now(), deps.lateLimitMs);
      for (const s of r.scheduled) scheduler.arm(s.campaignId, s.at);
      for (const p of r.paused) errors.set(p.campaignId, recoveryError(p.reason, p.unknown));
      return r;
    },

    /** Clears window timers and pauses active runs (app quit); resolves when they are recorded. */
    async dispose(): Promise<void> {
      scheduler.disposeTimers();
      const active = [...runs.values()];
      for (const a of active) a.run.pause(null);
      await Promise.all(active.map((a) => a.done));
    },
  };
}

export type SendService = ReturnType<typeof createSendService>;
