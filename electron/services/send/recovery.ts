// Start-up after a crash (promise 5): what was in flight is unknown, never resent by itself,
// and no campaign resumes sending without the operator.
import type { Db } from '../../db/connection';
import { setCampaignStatus } from '../../db/repos/campaigns-repo';
import { inFlightToUnknown } from '../../db/repos/sends-repo';
import type { SendAudit } from './send-types';

export interface Recovery {
  /** Members whose message may or may not have left. */
  readonly unknown: number;
  /** Campaigns that were sending (or whose window ran out while the app was closed), now paused. */
  readonly paused: number[];
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
    const campaigns = db
      .prepare("SELECT id, list_id, status, scheduled_at FROM campaigns WHERE status IN ('sending', 'scheduled')")
      .all() as { id: number; list_id: number; status: string; scheduled_at: number | null }[];
    const paused: number[] = [];
    const scheduled: { campaignId: number; at: number }[] = [];
    for (const c of campaigns) {
      if (c.status === 'scheduled' && c.scheduled_at !== null && c.scheduled_at > now) {
        scheduled.push({ campaignId: c.id, at: c.scheduled_at });
        continue;
      }
      // A window that ran out while Tayori was closed could not be cancelled: do not start on
      // launch, let the operator resume.
      setCampaignStatus(db, c.id, 'paused', now);
      paused.push(c.id);
      audit.record('send.paused', {
        campaignId: c.id,
        listId: c.list_id,
        details: { reason: 'crash-recovery', was: c.status, unknown: rows.filter((r) => r.campaignId === c.id).length },
      });
    }
    return { unknown: rows.length, paused, scheduled };
  })();
}
