// What the campaign service's parts share: dependencies and small helpers (lookup, actor names).
import { AppError } from '../../../shared/errors';
import type { Db } from '../../db/connection';
import { getCampaign, type Campaign } from '../../db/repos/campaigns-repo';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../clock';
import type { UserService } from '../users/user-service';
import type { ChecksFn } from './campaign-sources';

export interface CampaignContext {
  readonly db: Db;
  readonly clock: Clock;
  readonly audit: AuditService;
  readonly users: UserService;
  readonly checks?: ChecksFn;
}

import { EDITABLE_CAMPAIGN_STATUSES } from '../../../shared/statuses';

export function mustGetCampaign(ctx: CampaignContext, id: number): Campaign {
  const c = getCampaign(ctx.db, id);
  if (!c) throw new AppError('not-found', 'No such campaign', { campaignId: id });
  return c;
}

export function assertEditable(c: Campaign): void {
  if (!(EDITABLE_CAMPAIGN_STATUSES as readonly string[]).includes(c.status)) {
    throw new AppError('send-state', 'This campaign is being or has been sent and can no longer change', {
      campaignId: c.id,
      status: c.status,
    });
  }
}

/** The display name recorded in the audit log for a user id (the id itself if unknown). */
export function actorName(ctx: CampaignContext, userId: number | null | undefined): string | null {
  if (userId === null || userId === undefined) return null;
  try {
    return ctx.users.getUser(userId).name;
  } catch {
    return `user#${userId}`;
  }
}
