// The send service: cancel window, runs (start, pause, resume, stop), resends, unknown members,
// crash recovery and progress for the UI. Plain Node: db, clock, timers and transport are injected.
import { AppError } from '../../../shared/errors';
import { setCampaignStatus, setScheduledAt } from '../../db/repos/campaigns-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import {
  countByStatus,
  getSend,
  moveAll,
  recentStartsForProfile,
  resolveUnknownRow,
  type SendCounts,
} from '../../db/repos/sends-repo';
import { createRateLimiter } from './rate-limiter';
import { recover, type Recovery } from './recovery';
import { DEFAULT_RETRY_POLICY } from './retry-policy';
import { loadApprovedAttachments } from './run-attachments';
import { createScheduler, mustGetCampaign } from './send-scheduler';
import { startRun, type Run, type RunEnd } from './send-runner';
import type { ErrorLike, ProgressListener, SendProgress, SendServiceDeps, SendState } from './send-types';
import { createSleeper, systemTimers } from './timers';

const HOUR = 3_600_000;

interface ActiveRun {
  readonly run: Run;
  readonly counts: SendCounts;
  readonly done: Promise<void>;
}

export function createSendService(deps: SendServiceDeps) {
  const { db, clock, audit, campaigns } = deps;
  const timers = deps.timers ?? systemTimers;
  const random = deps.random ?? Math.random;
  const policy = { ...DEFAULT_RETRY_POLICY, ...deps.policy };
  const runs = new Map<number, ActiveRun>();
  const errors = new Map<number, ErrorLike>();
  const listeners = new Set<ProgressListener>();
  const scheduler = createScheduler({ db, clock, audit, campaigns, timers, onDue: () => void tick() });

  function stateOf(status: string): SendState {
    return (['scheduled', 'sending', 'paused', 'stopped', 'completed'] as const).find((s) => s === status) ?? 'idle';
  }

  function progress(campaignId: number): SendProgress {
    const c = mustGetCampaign(db, campaignId);
    const active = runs.get(campaignId);
    return {
      campaignId,
      state: stateOf(c.status),
      counts: active ? { ...active.counts } : countByStatus(db, campaignId),
      remainingMs: scheduler.remaining(campaignId),
      error: errors.get(campaignId) ?? null,
    };
  }

  function emit(p: SendProgress): void {
    for (const l of listeners) {
      try {
        l(p);
      } catch {
        // A broken listener (a closed window) must never break a send.
      }
    }
  }

  /** Starts (or resumes) a run; the approval is asserted right before anything is sent. */
  function begin(campaignId: number, action: 'send.started' | 'send.resumed', actor: string | null): void {
    if (runs.has(campaignId)) return;
    const c = mustGetCampaign(db, campaignId);
    const approval = campaigns.assertApproved(campaignId);
    // Once per run, not per member; checked byte for byte against what was approved.
    const attachments = loadApprovedAttachments(campaigns, campaignId, approval.attachments);
    const profile = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
    if (!profile) throw new AppError('not-found', 'The campaign has no SMTP profile', { profileId: c.profileId });
    const now = clock.now();
    const counts = countByStatus(db, campaignId);
    const pending = counts.queued + counts.retrying;
    errors.delete(campaignId);
    db.transaction(() => {
      setCampaignStatus(db, campaignId, 'sending', now);
      setScheduledAt(db, campaignId, null, now);
      audit.record(action, { actor, campaignId, listId: c.listId, details: { digest: approval.digest, approverId: approval.approverId, pending } });
    })();
    const transport = deps.transportFactory(profile);
    const run = startRun({
      db,
      clock,
      audit,
      campaignId,
      listId: c.listId,
      sender: { address: profile.fromAddress, name: profile.fromName },
      template: { subject: c.subjectTemplate, body: c.bodyTemplate },
      attachments,
      transport,
      limiter: createRateLimiter(profile, recentStartsForProfile(db, profile.id, now - HOUR)),
      policy,
      random,
      sleeper: createSleeper(timers),
      concurrency: Math.max(1, Math.min(profile.maxConnections, pending)),
      onTransition(from, to) {
        counts[from]--;
        counts[to]++;
        if (listeners.size > 0) emit({ campaignId, state: 'sending', counts: { ...counts }, remainingMs: 0, error: null });
      },
    });
    const done = run.done
      .then((end) => finish(campaignId, c.listId, end))
      .catch((e: unknown) => {
        errors.set(campaignId, e instanceof AppError ? e : new AppError('internal', String(e)));
      })
      .finally(() => {
        transport.close();
        runs.delete(campaignId);
        emit(progress(campaignId));
      });
    runs.set(campaignId, { run, counts, done });
  }

  function finish(campaignId: number, listId: number, end: RunEnd): void {
    const now = clock.now();
    db.transaction(() => {
      if (end.state === 'completed') {
        setCampaignStatus(db, campaignId, 'completed', now);
        audit.record('send.completed', { campaignId, listId, details: { counts: countByStatus(db, campaignId) } });
      } else if (end.state === 'paused') {
        if (end.error) errors.set(campaignId, { code: end.error.code, message: end.error.message });
        setCampaignStatus(db, campaignId, 'paused', now);
        const details = end.error ? { code: end.error.code, message: end.error.message, error: end.error.details ?? null } : { reason: 'operator' };
        audit.record('send.paused', { actor: end.actor, campaignId, listId, details });
      } else {
        const cancelled = moveAll(db, campaignId, ['queued', 'retrying'], 'cancelled', now).length;
        setCampaignStatus(db, campaignId, 'stopped', now);
        audit.record('send.stopped', { actor: end.actor, campaignId, listId, details: { cancelled, counts: countByStatus(db, campaignId) } });
      }
    })();
  }

  /** Starts every campaign whose window has elapsed. A voided approval cancels that send. */
  function tick(): number {
    let started = 0;
    for (const campaignId of scheduler.due()) {
      if (runs.has(campaignId)) continue;
      try {
        begin(campaignId, 'send.started', null);
        started++;
      } catch (e) {
        block(campaignId, e);
      }
    }
    return started;
  }

  /** The run could not start (approval void, profile gone): nothing is sent, the members are cancelled. */
  function block(campaignId: number, e: unknown): void {
    const err = e instanceof AppError ? e : new AppError('internal', String(e));
    const c = mustGetCampaign(db, campaignId);
    const now = clock.now();
    db.transaction(() => {
      const cancelled = moveAll(db, campaignId, ['queued', 'retrying'], 'cancelled', now).length;
      const attempted = (db.prepare('SELECT COUNT(*) AS n FROM sends WHERE campaign_id = ? AND attempts > 0').get(campaignId) as { n: number }).n;
      setCampaignStatus(db, campaignId, attempted === 0 ? 'draft' : 'stopped', now);
      setScheduledAt(db, campaignId, null, now);
      audit.record('send.blocked', { campaignId, listId: c.listId, details: { code: err.code, message: err.message, cancelled, error: err.details ?? null } });
    })();
    errors.set(campaignId, { code: err.code, message: err.message });
    emit(progress(campaignId));
  }

  function requireStatus(campaignId: number, allowed: readonly string[], what: string) {
    const c = mustGetCampaign(db, campaignId);
    if (!allowed.includes(c.status)) throw new AppError('send-state', `Cannot ${what} a campaign that is ${c.status}`, { status: c.status });
    return c;
  }

  /** Requeued members of a finished run go through a new cancel window (promise 4). */
  function afterRequeue(campaignId: number, actor: string | null, status: string, extra: Record<string, unknown>): void {
    if (status === 'completed' || status === 'stopped') scheduler.open(campaignId, actor, false, extra);
  }

  return {
    schedule: (campaignId: number, actor: string | null) => scheduler.schedule(campaignId, actor),
    cancel: (campaignId: number, actor: string | null) => scheduler.cancel(campaignId, actor),
    /** Milliseconds left in the cancel window, for the countdown. */
    remaining: (campaignId: number) => scheduler.remaining(campaignId),
    tick,

    pause(campaignId: number, actor: string | null): void {
      const active = runs.get(campaignId);
      if (!active) throw new AppError('send-state', 'This campaign is not sending', { status: mustGetCampaign(db, campaignId).status });
      active.run.pause(actor);
    },

    resume(campaignId: number, actor: string | null): void {
      requireStatus(campaignId, ['paused'], 'resume');
      if (runs.has(campaignId)) throw new AppError('send-state', 'This campaign is still finishing its last messages', {});
      begin(campaignId, 'send.resumed', actor);
    },

    stop(campaignId: number, actor: string | null): void {
      const active = runs.get(campaignId);
      if (active) return active.run.stop(actor);
      const c = requireStatus(campaignId, ['paused'], 'stop');
      finish(campaignId, c.listId, { state: 'stopped', actor });
      emit(progress(campaignId));
    },

    status: progress,
    onProgress(listener: ProgressListener): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    /** Resolves when the campaign's current run (if any) has finished and been recorded. */
    settled: (campaignId: number): Promise<void> => runs.get(campaignId)?.done ?? Promise.resolve(),

    /** "Resend failed only": failed → queued under the same, re-asserted approval. */
    resendFailed(campaignId: number, actor: string | null): { requeued: number } {
      const c = requireStatus(campaignId, ['completed', 'stopped', 'paused'], 'resend');
      const approval = campaigns.assertApproved(campaignId);
      const requeued = db.transaction(() => {
        const ids = moveAll(db, campaignId, ['failed'], 'queued', clock.now());
        audit.record('send.resend-failed', { actor, campaignId, listId: c.listId, details: { requeued: ids.length, digest: approval.digest } });
        return ids.length;
      })();
      if (requeued > 0) afterRequeue(campaignId, actor, c.status, { resend: 'failed' });
      return { requeued };
    },

    /** The operator's decision about a member whose message may or may not have left. */
    resolveUnknown(campaignId: number, sendId: number, decision: 'sent' | 'resend', actor: string | null): void {
      const c = mustGetCampaign(db, campaignId);
      const row = getSend(db, sendId);
      if (!row || row.campaignId !== campaignId) throw new AppError('not-found', 'No such send', { sendId });
      if (row.status !== 'unknown') throw new AppError('send-state', 'This member is not in the unknown state', { status: row.status });
      if (decision === 'resend') campaigns.assertApproved(campaignId);
      db.transaction(() => {
        const to = decision === 'sent' ? 'sent' : 'queued';
        resolveUnknownRow(db, sendId, to, decision === 'sent' ? 'marked as sent by the operator' : null, clock.now());
        audit.record('send.unknown-resolved', { actor, campaignId, listId: c.listId, details: { sendId, decision, messageId: row.messageId } });
      })();
      if (decision === 'resend') afterRequeue(campaignId, actor, c.status, { resend: 'unknown', sendId });
      const active = runs.get(campaignId);
      if (active) {
        active.counts.unknown--;
        active.counts[decision === 'sent' ? 'sent' : 'queued']++;
      }
      emit(progress(campaignId));
    },

    /** Call once at start-up, before anything else: in_flight → unknown, sending → paused. */
    recoverAfterCrash(): Recovery {
      if (runs.size > 0) throw new AppError('send-state', 'Recovery runs only at start-up', {});
      const r = recover(db, audit, clock.now());
      for (const s of r.scheduled) scheduler.arm(s.campaignId, s.at);
      for (const id of r.paused) errors.set(id, { code: 'send-state', message: 'Tayori stopped while sending; check unknown members, then resume' });
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
