// One action from the check report: a draft notice to exactly the notice's members on carrier
// phones, asking them to allow the sender's domain, to be sent (and approved) first. The members
// are hand-picked by reference (the existing 'picked' selection), so a re-import keeps them.
import { AppError } from '../../../shared/errors';
import { memberRef } from '../../../shared/recipients';
import { carrierNoticeText } from '../../../shared/sending/carrier-notice-text';
import { isCarrierAddress } from '../../../shared/sending/carrier-domains';
import type { Db } from '../../db/connection';
import { mustGetCampaign, type Campaign } from '../../db/repos/campaigns-repo';
import { getProfileRow } from '../../db/repos/profiles-repo';
import { iterateRecipients } from '../../db/repos/recipients-query';
import type { CampaignService } from './campaign-service';

/** The contract's cap on hand-picked members. */
const MAX_PICKED = 10_000;

export function createCarrierNotice(db: Db, campaigns: CampaignService, campaignId: number, createdBy: number | null, actor: string | null): Campaign {
  const c = mustGetCampaign(db, campaignId);
  if (c.followUpOf !== null) {
    throw new AppError('validation', 'Make the carrier notice from the notice this follow-up follows', { field: 'campaignId' });
  }
  const profile = c.profileId === null ? undefined : getProfileRow(db, c.profileId);
  if (!profile) throw new AppError('validation', 'The notice has no mail account: choose one first', { field: 'profileId' });
  const refs: string[] = [];
  for (const r of iterateRecipients(db, c.listId, c.selection)) if (isCarrierAddress(r.email)) refs.push(memberRef(r));
  if (refs.length === 0) throw new AppError('validation', 'No member of this notice uses a mobile carrier address', { field: 'campaignId' });
  if (refs.length > MAX_PICKED) throw new AppError('validation', `At most ${MAX_PICKED} members can be picked for one notice`, { count: refs.length });
  const text = carrierNoticeText({ address: profile.fromAddress, name: profile.fromName });
  return campaigns.createCampaign(
    {
      listId: c.listId,
      name: text.name,
      subjectTemplate: text.subject,
      bodyTemplate: text.body,
      profileId: profile.id,
      selection: { kind: 'picked', refs },
      createdBy,
    },
    actor,
  );
}
