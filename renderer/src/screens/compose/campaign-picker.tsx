// Choose the notice to work on, or start a new one for the current list.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CampaignDto } from '../../../../shared/contract';
import { useStatusLabel } from '../../components/campaign-status';
import { ErrorText } from '../../components/error-text';
import { useCall } from '../../hooks/use-call';
import { useApp } from '../../state/app-context';

export function CampaignPicker({ campaigns, onCreated }: { campaigns: readonly CampaignDto[]; onCreated: () => void }) {
  const { t } = useTranslation();
  const { campaignId, setCampaignId, listId, operatorId } = useApp();
  const [name, setName] = useState('');
  const call = useCall();
  const label = useStatusLabel();
  const create = async (e: React.FormEvent) => {
    e.preventDefault();
    if (listId === null || operatorId === null || !name.trim()) return;
    const c = await call.run('campaigns:create', { actorId: operatorId, listId, name: name.trim() });
    if (c) {
      setName('');
      setCampaignId(c.id);
      onCreated();
    }
  };
  return (
    <div className="card">
      <div className="row">
        <label className="row">
          <span>{t('compose.campaign')}</span>
          <select
            name="campaign"
            value={campaignId ?? ''}
            onChange={(e) => setCampaignId(e.target.value ? Number(e.target.value) : null)}
          >
            <option value="">—</option>
            {campaigns.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name} ({label(c.status)})
              </option>
            ))}
          </select>
        </label>
        <form className="row" onSubmit={(e) => void create(e)}>
          <input name="campaign-name" placeholder={t('compose.campaignName')} value={name} onChange={(e) => setName(e.target.value)} />
          <button type="submit" className="btn" data-action="create-campaign" disabled={call.busy || listId === null || operatorId === null || !name.trim()}>
            {t('compose.create')}
          </button>
        </form>
        {operatorId === null && <span className="warn">{t('app.noOperator')}</span>}
      </div>
      <ErrorText error={call.error} />
    </div>
  );
}
