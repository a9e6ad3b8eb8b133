// A campaign's status in words; unknown (newer) states show as they are.
import { useTranslation } from 'react-i18next';

export function useStatusLabel(): (status: string) => string {
  const { t, i18n } = useTranslation();
  return (status) => {
    const key = `history.campaignStatus_${status}`;
    return i18n.exists(key) ? t(key) : status;
  };
}

export function CampaignStatus({ status }: { status: string }) {
  const label = useStatusLabel();
  return <span className="chip">{label(status)}</span>;
}
