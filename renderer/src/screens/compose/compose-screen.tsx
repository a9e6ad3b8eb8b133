// Screen 3: compose — subject and body with a field picker, attachments, live preview beside.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDto } from '../../../../shared/contract';
import { ErrorText } from '../../components/error-text';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { CampaignPicker } from './campaign-picker';
import { TemplateEditor } from './template-editor';

export function ComposeScreen() {
  const { t } = useTranslation();
  const { listId, campaignId, setCampaignId, setListId } = useApp();
  const campaigns = useQuery('campaigns:list', {});
  const campaign = campaigns.data?.find((c) => c.id === campaignId) ?? null;

  // Default to the newest draft of the current list, so a practice run starts on its sample notice.
  useEffect(() => {
    if (campaignId !== null || !campaigns.data) return;
    const drafts = campaigns.data.filter((c: CampaignDto) => c.status === 'draft' && (listId === null || c.listId === listId));
    const last = drafts[drafts.length - 1];
    if (last) setCampaignId(last.id);
  }, [campaigns.data, campaignId, listId, setCampaignId]);
  useEffect(() => {
    if (campaign && campaign.listId !== listId) setListId(campaign.listId);
  }, [campaign, listId, setListId]);

  return (
    <div data-screen="compose">
      <h2>{t('compose.title')}</h2>
      <ErrorText error={campaigns.error} />
      {listId === null && !campaign ? (
        <p className="hint">{t('compose.noList')}</p>
      ) : (
        <CampaignPicker campaigns={campaigns.data ?? []} onCreated={campaigns.reload} />
      )}
      {campaign && <TemplateEditor key={campaign.id} campaign={campaign} onSaved={campaigns.reload} />}
    </div>
  );
}
