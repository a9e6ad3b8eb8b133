// What the approver sees before signing off (the approval screen, and the approval mail of
// issue 16, which says the same): the campaign, who in words, sender and server, the check
// report and the first three recipients' exact messages.
import type { ApprovalSummaryDto, CampaignDto } from '../../../shared/contract';
import { AppError } from '../../../shared/errors';
import { describeSelection } from '../../../shared/recipients';
import { countSnapshot } from '../../db/repos/snapshots-repo';
import type { Services } from '../services';
import { toUserDto } from './mappers';
import { renderCampaign, senderOf, serverOf } from './render';

const SAMPLE_PREVIEWS = 3;

export function approvalSummary(sv: Services, campaignId: number, campaignDto: (id: number) => CampaignDto): ApprovalSummaryDto {
  const c = sv.campaigns.getCampaign(campaignId);
  if (c.digest === null || c.requestedBy === null) {
    throw new AppError('approval-required', 'Approval has not been requested for this campaign', { campaignId });
  }
  const recipientCount = countSnapshot(sv.db, campaignId);
  const samples = [];
  for (let position = 0; position < Math.min(SAMPLE_PREVIEWS, recipientCount); position++) {
    samples.push(renderCampaign(sv, c, { position }));
  }
  let requestedBy = null;
  try {
    requestedBy = toUserDto(sv.users.getUser(c.requestedBy), sv.clock);
  } catch {
    // A deleted user still shows the request, without a name.
  }
  const selection = c.followUpOf === null ? c.selection : null;
  const words = (lang: 'ja' | 'en') =>
    selection ? describeSelection(selection, recipientCount, lang) : lang === 'ja' ? `前回の送信先 ${recipientCount} 人` : `${recipientCount} earlier recipients`;
  return {
    campaign: campaignDto(campaignId),
    recipientsInWords: { ja: words('ja'), en: words('en') },
    requestedBy,
    from: senderOf(sv, c.profileId),
    server: serverOf(sv, c.profileId),
    recipientCount,
    // Kept while nothing is written, so the approver's PIN check finds it (check-service.ts).
    report: sv.checks.latestReport(campaignId),
    samples,
    digest: c.digest,
  };
}
