// The check service: builds a campaign's CheckInput from the database and runs the guards.
// checkCampaign is synchronous (approval gating calls it inline): a PDF's text was read when the
// file was added and is stored (attachment-text.ts); one without stored text is read by the
// synchronous fallback scan.
import { runChecks, type CheckReport } from '../../../shared/guards';
import type { Db } from '../../db/connection';
import { readCheckInput } from './check-input';

export interface CheckService {
  checkCampaign(campaignId: number): CheckReport;
}

export function createCheckService(deps: { db: Db }): CheckService {
  const { db } = deps;
  return { checkCampaign: (campaignId) => runChecks(readCheckInput(db, campaignId)) };
}
