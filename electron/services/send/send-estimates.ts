// The estimate of a send's duration from the database: the account's limits, its messages of the
// last 24 hours (they use up its windows), quiet hours and who is still to receive the notice.
// The arithmetic is shared/sending/estimate.ts, the same sliding windows the send loop obeys.
import type { SendEstimateDto } from '../../../shared/contract/dto';
import { estimateSend } from '../../../shared/sending/estimate';
import { DAY_MS } from '../../../shared/sending/sliding-window';
import { MIN_CANCEL_WINDOW_S } from '../../../shared/contract/limits';
import type { Db } from '../../db/connection';
import { mustGetCampaign } from '../../db/repos/campaigns-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { recipientOrder } from '../../db/recipient-order';
import { countByStatus, hasSends, recentSendsForProfile } from '../../db/repos/sends-repo';
import { countSnapshot } from '../../db/repos/snapshots-repo';
import type { Clock } from '../clock';
import { formatQuietHours, type QuietHours } from './quiet-hours';

export interface SendEstimatesDeps {
  readonly db: Db;
  readonly clock: Clock;
  readonly quietHours: () => QuietHours | null;
}

export function createSendEstimates(deps: SendEstimatesDeps) {
  const { db, clock } = deps;

  /** When `count` more messages of the campaign are expected to have left, starting at `start`. */
  function expectedEnd(campaignId: number, start: number, count: number): number | null {
    const c = mustGetCampaign(db, campaignId);
    const profile = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
    if (!profile) return null;
    const history = recentSendsForProfile(db, profile.id, start - DAY_MS).map((r) => r.at);
    return estimateSend({ count, limits: profile, start, quietHours: deps.quietHours(), history }).endAt;
  }

  /** Members still to send: the run's queue once scheduled, else the frozen or would-be recipients. */
  function pendingCount(campaignId: number): number {
    const c = mustGetCampaign(db, campaignId);
    if (hasSends(db, campaignId)) {
      const n = countByStatus(db, campaignId);
      return c.status === 'completed' || c.status === 'stopped' ? 0 : n.queued + n.retrying + n.in_flight;
    }
    const frozen = countSnapshot(db, campaignId);
    return frozen > 0 || c.followUpOf !== null ? frozen : recipientOrder(db, c.listId, c.selection).count;
  }

  /** The estimate shown before approval and on the send screen (start: the booked time or the window's end). */
  function forCampaign(campaignId: number): SendEstimateDto {
    const c = mustGetCampaign(db, campaignId);
    const profile = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
    const now = clock.now();
    const start = c.scheduledAt ?? now + Math.max(MIN_CANCEL_WINDOW_S, c.cancelWindowS) * 1000;
    const count = pendingCount(campaignId);
    const q = deps.quietHours();
    const limits = { perMinute: profile?.perMinute ?? null, perHour: profile?.perHour ?? null, perDay: profile?.perDay ?? null };
    const history = profile ? recentSendsForProfile(db, profile.id, start - DAY_MS).map((r) => r.at) : [];
    const e = estimateSend({ count, limits, start: Math.max(start, now), quietHours: q, history });
    return { campaignId, count, startAt: e.start, endAt: e.endAt, limitedBy: e.limitedBy, limits, quietHours: q ? formatQuietHours(q) : null, carrierPerMinute: profile?.carrierPerMinute ?? null };
  }

  return { expectedEnd, forCampaign };
}

export type SendEstimates = ReturnType<typeof createSendEstimates>;
