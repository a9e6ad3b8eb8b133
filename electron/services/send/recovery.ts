// Start-up after a crash (promise 5): what was in flight is unknown, never resent by itself,
// and no campaign resumes sending without the operator.
import type { Db } from '../../db/connection';
import { campaignsInStatus, setCampaignStatus, setScheduledAt } from '../../db/repos/campaigns-repo';
import { countAttempted, inFlightToUnknown, moveAll } from '../../db/repos/sends-repo';
import type { SendAudit } from './send-types';

import type { RecoveryReason } from '../../../shared/statuses';

export { RECOVERY_REASONS, type RecoveryReason } from '../../../shared/statuses';

export interface Recovery {
  /** Members whose message may or may not have left. */
  readonly unknown: number;
  /** Campaigns that were sending (or whose window ran out while the app was closed), now paused, and
   * scheduled sends found too late, not sent (reason 'too-late-not-sent'). */
  readonly paused: { readonly campaignId: number; readonly reason: RecoveryReason; readonly unknown: number }[];
  /** Campaigns still inside their cancel window: their timers must be armed again. */
  readonly scheduled: { readonly campaignId: number; readonly at: number }[];
}

/**
 * `lateLimitMs`: a scheduled send whose time passed more than this long ago is not sent (a notice
 * about tomorrow's water cut must not arrive the day after); a later one waits for the operator.
 */
export function recover(db: Db, audit: SendAudit, now: number, lateLimitMs = Number.POSITIVE_INFINITY): Recovery {
  return db.transaction((): Recovery => {
    const rows = inFlightToUnknown(db, now);
    for (const r of rows) {
      audit.record('send.member', {
        campaignId: r.campaignId,
        details: { sendId: r.id, status: 'unknown', messageId: r.messageId, reason: 'in-flight-at-crash' },
      });
    }
    const campaigns = campaignsInStatus(db, ['sending', 'scheduled']).map((c) => ({ id: c.id, list_id: c.listId, status: c.status, scheduled_at: c.scheduledAt }));
    const paused: { campaignId: number; reason: RecoveryReason; unknown: number }[] = [];
    const scheduled: { campaignId: number; at: number }[] = [];
    for (const c of campaigns) {
      if (c.status === 'scheduled' && c.scheduled_at !== null && c.scheduled_at > now) {
        scheduled.push({ campaignId: c.id, at: c.scheduled_at });
        continue;
      }
      // A window that ran out while Tayori was closed could not be cancelled: do not start on
      // launch, let the operator resume.
      const unknown = rows.filter((r) => r.campaignId === c.id).length;
      const late = c.status === 'scheduled' && c.scheduled_at !== null && now - c.scheduled_at > lateLimitMs && countAttempted(db, c.id) === 0;
      if (late) {
        const cancelled = moveAll(db, c.id, ['queued', 'retrying'], 'cancelled', now).length;
        setCampaignStatus(db, c.id, 'approved', now);
        setScheduledAt(db, c.id, null, now);
        paused.push({ campaignId: c.id, reason: 'too-late-not-sent', unknown: 0 });
        audit.record('send.not-sent-late', { campaignId: c.id, listId: c.list_id, details: { reason: 'too-late-not-sent', scheduledAt: c.scheduled_at, lateMs: now - c.scheduled_at!, cancelled } });
        continue;
      }
      const reason: RecoveryReason = c.status === 'sending' ? 'stopped-while-sending' : 'window-ran-out-while-closed';
      setCampaignStatus(db, c.id, 'paused', now);
      paused.push({ campaignId: c.id, reason, unknown });
      audit.record('send.paused', {
        campaignId: c.id,
        listId: c.list_id,
        details: { reason, was: c.status, unknown, ...(c.scheduled_at !== null ? { scheduledAt: c.scheduled_at } : {}) },
      });
    }
    return { unknown: rows.length, paused, scheduled };
  })();
}
