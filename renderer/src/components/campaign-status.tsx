// A notice's status in words; the set is closed (shared/statuses.ts) and every one is translated.
import { useTranslation } from 'react-i18next';
import type { CampaignStatus as Status } from '../../../shared/statuses';

export function useStatusLabel(): (status: Status) => string {
  const { t } = useTranslation();
  return (status) => t(`history.campaignStatus_${status}`);
}

export function CampaignStatus({ status }: { status: Status }) {
  const label = useStatusLabel();
  return <span className="chip" data-status={status}>{label(status)}</span>;
}
