// Screen 3: compose — on the list chosen on the Lists screen (named at the top, never switched
// silently): pick or start a notice, choose who receives it, write it, preview it live.
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorText } from '../../components/error-text';
import { ListBadge } from '../../components/list-badge';
import { useQuery } from '../../hooks/use-query';
import { useApp } from '../../state/app-context';
import { CampaignPicker } from './campaign-picker';
import { TemplateEditor } from './template-editor';
import { EncodingChoice } from './encoding-choice';

export function ComposeScreen() {
  const { t } = useTranslation();
  const { listId, campaignId, openCampaign } = useApp();
  const campaigns = useQuery('campaigns:list', {});
  const onList = (campaigns.data ?? []).filter((c) => c.listId === listId);
  const campaign = onList.find((c) => c.id === campaignId) ?? null;

  // Default to the newest draft of this list, so a practice run starts on its sample notice.
  useEffect(() => {
    if (campaignId !== null || !campaigns.data || listId === null) return;
    const last = campaigns.data.filter((c) => c.status === 'draft' && c.listId === listId).at(-1);
    if (last) openCampaign(last);
  }, [campaigns.data, campaignId, listId, openCampaign]);

  return (
    <div data-screen="compose">
      <h2>{t('compose.title')}</h2>
      <ErrorText error={campaigns.error} />
      {listId === null ? (
        <p className="hint">{t('compose.noList')}</p>
      ) : (
        <>
          <ListBadge listId={listId} />
          <CampaignPicker campaigns={onList} current={campaign} onCreated={campaigns.reload} />
        </>
      )}
      {campaign && <TemplateEditor key={campaign.id} campaign={campaign} onSaved={campaigns.reload} />}
      {campaign && <EncodingChoice campaign={campaign} onSaved={campaigns.reload} />}
    </div>
  );
}
