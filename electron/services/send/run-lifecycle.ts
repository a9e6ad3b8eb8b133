// Starting and ending runs: a run starts when its cancel window elapses (or on resume) with the
// approval asserted right before anything is sent; its end (completed, paused, stopped) or a
// failure to start is recorded in one transaction with its audit row.
import { AppError } from '../../../shared/errors';
import { mustGetCampaign, setCampaignStatus, setScheduledAt } from '../../db/repos/campaigns-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { countAttempted, countByStatus, moveAll, recentSendsForProfile } from '../../db/repos/sends-repo';
import { DAY_MS, MINUTE_MS } from '../../../shared/sending/sliding-window';
import { createRateLimiter } from './rate-limiter';
import { withQuietHours } from './quiet-hours';
import { loadApprovedAttachments } from './run-attachments';
import type { SendContext } from './send-context';
import { startRun, type RunEnd } from './send-runner';
import { paceOf, type RunPace } from './send-pace';
import { createSleeper } from './timers';
import { holdCheckpoints } from '../../db/wal-checkpointer';

export interface RunLifecycle {
  /** Starts (or resumes) a run; no-op if one is active. Throws when the run cannot start. */
  begin(campaignId: number, action: 'send.started' | 'send.resumed', actor: string | null): void;
  /** Records how a run ended (also used to stop a paused campaign that has no active run). */
  finish(campaignId: number, listId: number, end: RunEnd): void;
  /** Starts every campaign whose window has elapsed; returns how many started. */
  tick(): number;
}

export function createRunLifecycle(ctx: SendContext): RunLifecycle {
  const { db, clock, audit, approvals, runs, errors, progress } = ctx;

  function begin(campaignId: number, action: 'send.started' | 'send.resumed', actor: string | null): void {
    if (runs.has(campaignId)) return;
    const c = mustGetCampaign(db, campaignId);
    // Expiry was checked when the send was scheduled (a send may be scheduled days ahead); here
    // only "nothing changed since" matters.
    const approval = approvals.assertApproved(campaignId);
    // Once per run, not per member; checked byte for byte against what was approved.
    const attachments = loadApprovedAttachments(approvals, campaignId, approval.attachments);
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
    // The account's messages of the last 24 hours, from the database (every campaign on it), so a
    // restart or another notice on the same account cannot go past a cap that memory forgot.
    const recent = recentSendsForProfile(db, profile.id, now - DAY_MS);
    const limiter = withQuietHours(createRateLimiter(profile, recent.map((r) => r.at)), ctx.quietHours());
    const pace: RunPace = { wait: null, expectedEndAt: null };
    const estimateEnd = (at: number) => {
      pace.expectedEndAt = ctx.estimates.expectedEnd(campaignId, at, counts.queued + counts.retrying + counts.in_flight);
    };
    const transport = ctx.transportFactory(profile);
    // From the first claim on, the WAL is checkpointed off the event loop (wal-checkpointer.ts).
    const releaseCheckpoints = holdCheckpoints(db, 'send');
    const run = startRun({
      db,
      clock,
      audit,
      campaignId,
      listId: c.listId,
      sender: { address: profile.fromAddress, name: profile.fromName },
      template: { subject: c.subjectTemplate, body: c.bodyTemplate },
      attachments,
      encoding: c.encoding,
      transport,
      limiter,
      // A practice outbox is not a carrier's server: nothing to pace.
      carrierPerMinute: profile.practice ? null : profile.carrierPerMinute,
      recent: recent.filter((r) => r.at > now - MINUTE_MS),
      onWait(wait) {
        pace.wait = wait;
        if (wait) estimateEnd(wait.until);
        progress.notify(campaignId);
      },
      policy: ctx.policy,
      random: ctx.random,
      sleeper: createSleeper(ctx.timers),
      concurrency: Math.max(1, Math.min(profile.maxConnections, pending)),
      onTransition(from, to) {
        counts[from]--;
        counts[to]++;
        if (progress.hasListeners()) progress.emit({ campaignId, state: 'sending', counts: { ...counts }, remainingMs: 0, error: null, ...paceOf(pace) });
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
        releaseCheckpoints();
        progress.notify(campaignId);
      });
    estimateEnd(now);
    runs.set(campaignId, { run, counts, done, pace });
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

  /** A voided approval (or a missing profile) cancels that send instead of starting it. */
  function tick(): number {
    let started = 0;
    for (const campaignId of ctx.scheduler.due()) {
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
      setCampaignStatus(db, campaignId, countAttempted(db, campaignId) === 0 ? 'draft' : 'stopped', now);
      setScheduledAt(db, campaignId, null, now);
      audit.record('send.blocked', { campaignId, listId: c.listId, details: { code: err.code, message: err.message, cancelled, error: err.details ?? null } });
    })();
    errors.set(campaignId, { code: err.code, message: err.message });
    progress.notify(campaignId);
  }

  return { begin, finish, tick };
}
