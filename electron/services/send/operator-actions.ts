// What the operator does to a send once it has started or finished: pause, resume, stop, resend
// the failed members, and decide about members whose message may or may not have left.
import { AppError } from '../../../shared/errors';
import { mustGetCampaign } from '../../db/repos/campaigns-repo';
import { getSend, moveAll, resolveUnknownRow } from '../../db/repos/sends-repo';
import type { RunLifecycle } from './run-lifecycle';
import type { SendContext } from './send-context';

export function createOperatorActions(ctx: SendContext, lifecycle: RunLifecycle) {
  const { db, clock, audit, approvals, runs, scheduler, progress } = ctx;

  function requireStatus(campaignId: number, allowed: readonly string[], what: string) {
    const c = mustGetCampaign(db, campaignId);
    if (!allowed.includes(c.status)) throw new AppError('send-state', `Cannot ${what} a campaign that is ${c.status}`, { status: c.status });
    return c;
  }

  function checkUnknown(campaignId: number, sendId: number) {
    const row = getSend(db, sendId);
    if (!row || row.campaignId !== campaignId) throw new AppError('not-found', 'No such send', { sendId });
    if (row.status !== 'unknown') throw new AppError('send-state', 'This member is not in the unknown state', { sendId, status: row.status });
    return row;
  }

  /** Requeued members of a finished run go through a new cancel window (promise 4). */
  function afterRequeue(campaignId: number, actor: string | null, status: string, extra: Record<string, unknown>): void {
    if (status === 'completed' || status === 'stopped') scheduler.open(campaignId, actor, false, extra);
  }

  function resolveUnknown(campaignId: number, sendId: number, decision: 'sent' | 'resend', actor: string | null): void {
    const c = mustGetCampaign(db, campaignId);
    const row = checkUnknown(campaignId, sendId);
    if (decision === 'resend') approvals.assertApproved(campaignId);
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
    progress.notify(campaignId);
  }

  return {
    pause(campaignId: number, actor: string | null): void {
      const active = runs.get(campaignId);
      if (!active) throw new AppError('send-state', 'This campaign is not sending', { status: mustGetCampaign(db, campaignId).status });
      active.run.pause(actor);
    },

    resume(campaignId: number, actor: string | null): void {
      requireStatus(campaignId, ['paused'], 'resume');
      if (runs.has(campaignId)) throw new AppError('send-state', 'This campaign is still finishing its last messages', {});
      lifecycle.begin(campaignId, 'send.resumed', actor);
    },

    stop(campaignId: number, actor: string | null): void {
      const active = runs.get(campaignId);
      if (active) return active.run.stop(actor);
      const c = requireStatus(campaignId, ['paused'], 'stop');
      lifecycle.finish(campaignId, c.listId, { state: 'stopped', actor });
      progress.notify(campaignId);
    },

    /** "Resend failed only": failed → queued under the same, re-asserted approval. */
    resendFailed(campaignId: number, actor: string | null): { requeued: number } {
      const c = requireStatus(campaignId, ['completed', 'stopped', 'paused'], 'resend');
      const approval = approvals.assertApproved(campaignId);
      const requeued = db.transaction(() => {
        const ids = moveAll(db, campaignId, ['failed'], 'queued', clock.now());
        audit.record('send.resend-failed', { actor, campaignId, listId: c.listId, details: { requeued: ids.length, digest: approval.digest } });
        return ids.length;
      })();
      if (requeued > 0) afterRequeue(campaignId, actor, c.status, { resend: 'failed' });
      return { requeued };
    },

    /** The operator's decision about a member whose message may or may not have left. */
    /** All or nothing: every id is checked before any member changes (a bad id once left half a batch done). */
    resolveUnknownMany(campaignId: number, sendIds: readonly number[], decision: 'sent' | 'resend', actor: string | null): void {
      for (const sendId of sendIds) checkUnknown(campaignId, sendId);
      if (decision === 'resend') approvals.assertApproved(campaignId);
      for (const sendId of sendIds) resolveUnknown(campaignId, sendId, decision, actor);
    },

    resolveUnknown,
  };
}
