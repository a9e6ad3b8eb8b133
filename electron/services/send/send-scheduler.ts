// The cancel window (promise 4): scheduling a send, cancelling it inside the window, the countdown.
import { MIN_CANCEL_WINDOW_S } from '../../../shared/contract/limits';
import { AppError } from '../../../shared/errors';
import { RUN_CAMPAIGN_STATUSES } from '../../../shared/statuses';
import type { Db } from '../../db/connection';
import { dueCampaignIds, mustGetCampaign, setCampaignStatus, setScheduledAt } from '../../db/repos/campaigns-repo';
import { countAttempted, createMissingSends, moveAll } from '../../db/repos/sends-repo';
import type { Clock } from '../clock';
import type { SendApprovals, SendAudit } from './send-types';
import type { Timers } from './timers';

export interface SchedulerDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: SendAudit;
  readonly approvals: SendApprovals;
  readonly timers: Timers;
  /** Called when a window elapses. */
  readonly onDue: () => void;
}

/** The longest a Node timer waits (2^31 - 1 ms); longer ones fire at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** How far ahead a send may be booked: a notice is news, and an approval should not sit for months. */
const MAX_AHEAD_MS = 60 * 24 * 3_600_000;

export function createScheduler(deps: SchedulerDeps) {
  const { db, clock, audit, approvals, timers } = deps;
  const windows = new Map<number, unknown>();

  function arm(campaignId: number, at: number): void {
    disarm(campaignId);
    const wait = Math.max(0, at - clock.now());
    windows.set(
      campaignId,
      timers.setTimeout(() => {
        windows.delete(campaignId);
        // A timer cannot wait longer than ~24.8 days (it would fire at once): wait in steps.
        if (at > clock.now()) arm(campaignId, at);
        else deps.onDue();
      }, Math.min(wait, MAX_TIMER_MS)),
    );
  }

  function disarm(campaignId: number): void {
    const h = windows.get(campaignId);
    if (h !== undefined) timers.clearTimeout(h);
    windows.delete(campaignId);
  }

  /**
   * Opens the cancel window: asserts the approval, creates the missing sends rows, records it.
   * `requeueCancelled` is true for a fresh schedule (after a cancel) and false for resends.
   */
  function open(campaignId: number, actor: string | null, requeueCancelled: boolean, extra: Record<string, unknown> = {}, sendAt?: number) {
    const c = mustGetCampaign(db, campaignId);
    if (c.profileId === null) throw new AppError('validation', 'The campaign has no SMTP profile', { field: 'profileId' });
    // A first run needs an unexpired approval; a resend goes out under the approval its run had.
    const approval = approvals.assertApproved(campaignId, { unexpired: countAttempted(db, campaignId) === 0 });
    const windowS = Math.max(MIN_CANCEL_WINDOW_S, c.cancelWindowS);
    const now = clock.now();
    // A chosen time must leave the whole cancel window before it.
    if (sendAt !== undefined && sendAt < now + windowS * 1000) {
      throw new AppError('validation', 'The send time must leave the cancel window before it', { field: 'at', earliest: now + windowS * 1000 });
    }
    if (sendAt !== undefined && sendAt > now + MAX_AHEAD_MS) {
      throw new AppError('validation', 'A send can be booked at most 60 days ahead', { field: 'at', latest: now + MAX_AHEAD_MS });
    }
    const at = sendAt ?? now + windowS * 1000;
    const queued = db.transaction(() => {
      const created = createMissingSends(db, campaignId, now);
      const requeued = requeueCancelled ? moveAll(db, campaignId, ['cancelled'], 'queued', now).length : 0;
      setCampaignStatus(db, campaignId, 'scheduled', now);
      setScheduledAt(db, campaignId, at, now);
      audit.record('send.scheduled', {
        actor,
        campaignId,
        listId: c.listId,
        details: { digest: approval.digest, approverId: approval.approverId, windowS, scheduledAt: at, chosenTime: sendAt !== undefined, created, requeued, ...extra },
      });
      return created + requeued;
    })();
    arm(campaignId, at);
    return { scheduledAt: at, remainingMs: at - now, queued };
  }

  return {
    open,
    arm,
    disarm,

    schedule(campaignId: number, actor: string | null, sendAt?: number) {
      const c = mustGetCampaign(db, campaignId);
      if ((RUN_CAMPAIGN_STATUSES as readonly string[]).includes(c.status)) {
        throw new AppError('send-state', `This campaign is already ${c.status}`, { status: c.status });
      }
      return open(campaignId, actor, true, {}, sendAt);
    },

    /** Cancels inside the window: nothing is sent, the queued members become cancelled. */
    cancel(campaignId: number, actor: string | null): { cancelled: number } {
      const c = mustGetCampaign(db, campaignId);
      if (c.status !== 'scheduled') {
        throw new AppError('send-state', 'Only a scheduled send can be cancelled; a started send can be paused or stopped', {
          status: c.status,
        });
      }
      disarm(campaignId);
      const now = clock.now();
      const cancelled = db.transaction(() => {
        const ids = moveAll(db, campaignId, ['queued', 'retrying'], 'cancelled', now);
        // Never started: back to approved while the approval still holds (unexpired, nothing
        // changed), else to draft. A cancelled resend leaves the earlier run's record: stopped.
        const next = countAttempted(db, campaignId) > 0 ? 'stopped' : approvals.currentApproval(campaignId, { unexpired: true }) ? 'approved' : 'draft';
        setCampaignStatus(db, campaignId, next, now);
        setScheduledAt(db, campaignId, null, now);
        audit.record('send.cancelled', { actor, campaignId, listId: c.listId, details: { cancelled: ids.length } });
        return ids.length;
      })();
      return { cancelled };
    },

    remaining(campaignId: number): number {
      const c = mustGetCampaign(db, campaignId);
      if (c.status !== 'scheduled' || c.scheduledAt === null) return 0;
      return Math.max(0, c.scheduledAt - clock.now());
    },

    /** Scheduled campaigns whose window has elapsed. */
    due(): number[] {
      return dueCampaignIds(db, clock.now());
    },

    disposeTimers(): void {
      for (const id of [...windows.keys()]) disarm(id);
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
