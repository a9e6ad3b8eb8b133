// Start-up after a crash (promise 5): what was in flight is unknown, never resent by itself,
// and no campaign resumes sending without the operator.
import type { Db } from '../../db/connection';
import { campaignsInStatus, setCampaignStatus } from '../../db/repos/campaigns-repo';
import { inFlightToUnknown } from '../../db/repos/sends-repo';
import type { SendAudit } from './send-types';

import type { RecoveryReason } from '../../../shared/statuses';

export { RECOVERY_REASONS, type RecoveryReason } from '../../../shared/statuses';

export interface Recovery {
  /** Members whose message may or may not have left. */
  readonly unknown: number;
  /** Campaigns that were sending (or whose window ran out while the app was closed), now paused. */
  readonly paused: { readonly campaignId: number; readonly reason: RecoveryReason; readonly unknown: number }[];
  /** Campaigns still inside their cancel window: their timers must be armed again. */
  readonly scheduled: { readonly campaignId: number; readonly at: number }[];
}

export function recover(db: Db, audit: SendAudit, now: number): Recovery {
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
      const reason: RecoveryReason = c.status === 'sending' ? 'stopped-while-sending' : 'window-ran-out-while-closed';
      const unknown = rows.filter((r) => r.campaignId === c.id).length;
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
